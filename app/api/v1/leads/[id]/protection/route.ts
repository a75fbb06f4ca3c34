import { apiRoute } from "@/lib/http/api";
import { getLeadProtectionApi } from "@/lib/leads/openapi";
import { getProtection } from "@/lib/leads/service";

export const GET = apiRoute(getLeadProtectionApi, async ({ caller, params }) =>
  Response.json(await getProtection(caller.ctx, params.id)),
);
