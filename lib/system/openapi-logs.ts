import { defineApi } from "@/lib/http/spec";

import { ZLogQuery, ZLogReport } from "./logs-schemas";

/** The System area's log analytics (issue 15): the app's stored warnings and errors. */

export const getLogReportApi = defineApi({
  operationId: "getLogReport",
  method: "GET",
  path: "/system/logs",
  tag: "System",
  summary: "Warnings and errors: rate over time, top groups by fingerprint, latest lines, slow routes",
  description:
    "For admins and auditors (job.read), about their organisation's lines; `org=all` and `org=none` for the operator's admins only. Slow routes are the answering instance's (in memory since it started), for the operator's admins only.",
  query: ZLogQuery,
  response: { status: 200, description: "The report", schema: ZLogReport },
  problems: [403],
});

export const systemLogApis = [getLogReportApi];
