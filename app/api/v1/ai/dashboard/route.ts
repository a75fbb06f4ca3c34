import { getAiDashboardApi } from "@/lib/ai/openapi";
import { getAiDashboard } from "@/lib/ai/service";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute(getAiDashboardApi, async ({ caller, query }) =>
  Response.json(await getAiDashboard(caller.ctx, query.days)),
);
