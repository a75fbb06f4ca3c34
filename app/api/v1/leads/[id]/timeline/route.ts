import { apiRoute } from "@/lib/http/api";
import { getLeadTimelineApi } from "@/lib/leads/openapi";
import { getLeadTimeline } from "@/lib/leads/service";

export const GET = apiRoute(getLeadTimelineApi, async ({ caller, params }) =>
  Response.json(await getLeadTimeline(caller.ctx, params.id)),
);
