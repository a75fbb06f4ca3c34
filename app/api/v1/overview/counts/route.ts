import { apiRoute } from "@/lib/http/api";
import { getOverviewCountsApi } from "@/lib/overview/openapi";
import { getOverviewCounts } from "@/lib/overview/service";

export const GET = apiRoute(getOverviewCountsApi, async ({ caller }) =>
  Response.json(await getOverviewCounts(caller.ctx)),
);
