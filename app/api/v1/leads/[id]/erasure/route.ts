import { apiRoute } from "@/lib/http/api";
import { eraseLeadPersonalData } from "@/lib/leads/details";
import { eraseLeadPersonalDataApi } from "@/lib/leads/openapi";

export const POST = apiRoute(eraseLeadPersonalDataApi, async ({ caller, params, body }) =>
  Response.json(await eraseLeadPersonalData(caller.ctx, params.id, body)),
);
