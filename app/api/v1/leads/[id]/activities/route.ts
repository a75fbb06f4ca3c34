import { apiRoute } from "@/lib/http/api";
import { logActivity } from "@/lib/leads/clock";
import { logLeadActivityApi } from "@/lib/leads/openapi";

export const POST = apiRoute(logLeadActivityApi, async ({ caller, params, body }) =>
  Response.json(await logActivity(caller.ctx, params.id, body), { status: 201 }),
);
