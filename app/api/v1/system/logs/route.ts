import { apiRoute } from "@/lib/http/api";
import { getLogReport } from "@/lib/system/logs";
import { getLogReportApi } from "@/lib/system/openapi-logs";

export const GET = apiRoute(getLogReportApi, async ({ caller, query }) =>
  Response.json(await getLogReport(caller.ctx, query)),
);
