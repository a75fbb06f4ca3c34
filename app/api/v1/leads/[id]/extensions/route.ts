import { apiRoute } from "@/lib/http/api";
import { requestExtension } from "@/lib/leads/clock";
import { requestLeadExtensionApi } from "@/lib/leads/openapi";

export const POST = apiRoute(requestLeadExtensionApi, async ({ caller, params, body }) =>
  Response.json(await requestExtension(caller.ctx, params.id, body), { status: 201 }),
);
