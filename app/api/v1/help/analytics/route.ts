import { helpAnalytics } from "@/lib/help/analytics";
import { helpAnalyticsApi } from "@/lib/help/openapi-assist";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute(helpAnalyticsApi, async ({ caller, query }) =>
  Response.json(await helpAnalytics(caller.ctx, query.days)),
);
