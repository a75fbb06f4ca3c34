import { defineApi } from "@/lib/http/spec";

import { ZKpiQuery, ZSystemKpis } from "./kpis-schemas";

/** The System area's business KPIs (issue 15): the SystemDashboard's figures and their CSV. */

const tag = "System";

export const getSystemKpisApi = defineApi({
  operationId: "getSystemKpis",
  method: "GET",
  path: "/system/kpis",
  tag,
  summary: "Business KPIs: lead protection, reminders and releases, AI spend and routing, feedback, jobs",
  description:
    "For admins and auditors (job.read). `scope=all` sums every organisation, for the operator's admins only; the trend has one row per UTC day of the last `days` days. A figure the caller may not read is null.",
  query: ZKpiQuery,
  response: { status: 200, description: "The KPIs", schema: ZSystemKpis },
  problems: [403],
});

export const exportSystemKpisApi = defineApi({
  operationId: "exportSystemKpis",
  method: "GET",
  path: "/system/kpis/export",
  tag,
  summary: "The KPIs' daily trend as CSV (RFC 4180, UTF-8 with BOM, formula-safe cells)",
  description: "The same rows as the trend of GET /system/kpis; stable English column names.",
  query: ZKpiQuery,
  response: { status: 200, description: "The CSV file", mediaType: "text/csv" },
  problems: [403],
});

export const systemKpiApis = [getSystemKpisApi, exportSystemKpisApi];
