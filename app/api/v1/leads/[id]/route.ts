import { apiRoute } from "@/lib/http/api";
import { getLeadApi } from "@/lib/leads/openapi";
import { getLead } from "@/lib/leads/service";

export const GET = apiRoute(getLeadApi, async ({ caller, params }) =>
  Response.json(await getLead(caller.ctx, params.id)),
);
