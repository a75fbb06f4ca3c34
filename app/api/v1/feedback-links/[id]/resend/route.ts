import { apiRoute } from "@/lib/http/api";
import { resendFeedbackLinkApi } from "@/lib/samples/openapi";
import { resendFeedbackLink } from "@/lib/samples/service";

export const POST = apiRoute(resendFeedbackLinkApi, async ({ caller, params }) =>
  Response.json(await resendFeedbackLink(caller.ctx, params.id), { status: 201 }),
);
