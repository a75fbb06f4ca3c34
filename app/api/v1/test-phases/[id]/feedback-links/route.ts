import { apiRoute } from "@/lib/http/api";
import { createFeedbackLinkApi } from "@/lib/samples/openapi";
import { createFeedbackLink } from "@/lib/samples/service";

export const POST = apiRoute(createFeedbackLinkApi, async ({ caller, params, body }) =>
  Response.json(await createFeedbackLink(caller.ctx, params.id, body), { status: 201 }),
);
