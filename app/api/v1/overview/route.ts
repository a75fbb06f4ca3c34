import { apiRoute } from "@/lib/http/api";
import { getOverviewApi } from "@/lib/overview/openapi";
import { getOverview } from "@/lib/overview/service";

export const GET = apiRoute(getOverviewApi, async ({ caller }) =>
  Response.json(await getOverview(caller.ctx)),
);
