import { apiRoute } from "@/lib/http/api";
import { decideExtension } from "@/lib/leads/clock";
import { decideLeadExtensionApi } from "@/lib/leads/openapi";

export const POST = apiRoute(decideLeadExtensionApi, async ({ caller, params, body }) =>
  Response.json(await decideExtension(caller.ctx, params.id, body)),
);
