import { apiRoute } from "@/lib/http/api";
import { reassignLeadApi } from "@/lib/leads/openapi";
import { reassignLead } from "@/lib/leads/service";

export const POST = apiRoute(reassignLeadApi, async ({ caller, params, body }) =>
  Response.json(await reassignLead(caller.ctx, params.id, body)),
);
