import "server-only";

import { authorize, can } from "@/lib/auth/policy";
import { withOrg, type MemberContext } from "@/lib/db";
import { routeTimings } from "@/lib/log/request-stats";

import { logGroups, logLines, logRate, logRoutes, type LogFilter } from "./logs-queries";
import type { TLogQuery, TLogReport } from "./logs-schemas";

/**
 * The Logs page's report (issue 15, "Logs"), for the System area's readers (job.read): an
 * organisation's admins and auditors read its own lines; the operator's admins also every
 * organisation's and those of no organisation (system.all_orgs.read). Slow routes are this
 * instance's, in memory (lib/log/request-stats.ts), and shown to the operator's admins only, since
 * they mix every organisation's requests.
 */
export async function getLogReport(ctx: MemberContext, query: TLogQuery): Promise<TLogReport> {
  authorize(ctx, "job.read", { type: "job", orgId: ctx.orgId });
  const operator = can(ctx, "system.all_orgs.read", { type: "job", orgId: ctx.orgId });
  if (query.org !== "this") authorize(ctx, "system.all_orgs.read", { type: "job", orgId: ctx.orgId });
  const now = new Date();
  const from = new Date(now.getTime() - query.hours * 3_600_000);
  const filter: LogFilter = {
    ...query,
    orgId: query.org === "this" ? ctx.orgId : query.org === "none" ? null : undefined,
    from,
  };
  const bucket = query.hours >= 168 ? "day" : "hour";
  return withOrg(ctx, async (tx) => {
    const { lines, total } = await logLines(tx, filter);
    return {
      asOf: now.toISOString(),
      from: from.toISOString(),
      bucket,
      rate: await logRate(tx, filter, bucket),
      groups: await logGroups(tx, filter),
      lines,
      total,
      routes: await logRoutes(tx, filter),
      slowRoutes: operator ? routeTimings() : { since: now.toISOString(), routes: [] },
    };
  });
}

/** Whether the caller may look at every organisation's lines (the page's organisation filter). */
export function mayReadAllLogs(ctx: MemberContext): boolean {
  return can(ctx, "system.all_orgs.read", { type: "job", orgId: ctx.orgId });
}
