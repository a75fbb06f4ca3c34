import { apiRoute } from "@/lib/http/api";
import { updateLead } from "@/lib/leads/details";
import { getLeadApi, updateLeadApi } from "@/lib/leads/openapi";
import { getLead } from "@/lib/leads/service";

export const GET = apiRoute(getLeadApi, async ({ caller, params }) =>
  Response.json(await getLead(caller.ctx, params.id)),
);

export const PUT = apiRoute(updateLeadApi, async ({ caller, params, body }) =>
  Response.json(await updateLead(caller.ctx, params.id, body)),
);
