import { apiRoute } from "@/lib/http/api";
import { csvResponse } from "@/lib/http/csv-response";
import { jobKpis } from "@/lib/jobs/kpis";
import { getSystemKpis, kpiCsv } from "@/lib/system/kpis";
import { exportSystemKpisApi } from "@/lib/system/openapi-kpis";

/** The KPIs' daily trend as CSV, named `system-kpis-<org or all>-<Berlin date>.csv`. */
export const GET = apiRoute(exportSystemKpisApi, async ({ caller, query, requestId }) => {
  const kpis = await getSystemKpis(caller.ctx, query, await jobKpis(caller.ctx, query.days));
  const orgSlug = kpis.scope === "all" ? "all" : caller.orgSlug;
  return csvResponse(kpiCsv(kpis), { name: `system-kpis-${kpis.days}d`, orgSlug, requestId });
});
