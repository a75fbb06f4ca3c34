import "server-only";

import { authorize } from "@/lib/auth/policy";
import type { Tx, OrgContext } from "@/lib/db";
import { readSettings } from "@/lib/settings/queries";

import { monthOf } from "./budget";
import type {
  TAiDashboard,
  TAiPeriod,
  TAiRoutingStats,
  TAiSpendByUseCase,
  TAiSpendByUser,
  TAiSpendDay,
  TAiUserBudget,
} from "./schemas";

/**
 * The AI dashboard's reads, for one organisation and a period [from, to) (days in UTC, the
 * session's time zone). They read ai_call and the month's budget rows; row-level security shows
 * overseers (admins, managers, auditors) every member's rows and anyone else only their own, so
 * aiDashboard asks ABAC first rather than show a partial picture.
 */

const range = (orgId: string, p: TAiPeriod) => ({ orgId, from: p.from, to: p.to });

export async function spendByDay(tx: Tx, orgId: string, period: TAiPeriod): Promise<TAiSpendDay[]> {
  const r = range(orgId, period);
  return tx.$queryRaw<TAiSpendDay[]>`
    SELECT to_char(d, 'YYYY-MM-DD') AS day, coalesce(c.calls, 0)::int AS calls,
           coalesce(c.cost, 0)::float8 AS "costEur"
    FROM generate_series(date_trunc('day', ${r.from}::timestamptz),
                         ${r.to}::timestamptz - interval '1 microsecond', interval '1 day') AS d
    LEFT JOIN (
      SELECT date_trunc('day', created_at) AS day, count(*) AS calls, sum(cost_eur) AS cost
      FROM ai_call
      WHERE org_id = ${r.orgId}::uuid AND created_at >= ${r.from} AND created_at < ${r.to}
      GROUP BY 1
    ) c ON c.day = d
    ORDER BY d`;
}

export async function spendByUseCase(tx: Tx, orgId: string, period: TAiPeriod): Promise<TAiSpendByUseCase[]> {
  const r = range(orgId, period);
  return tx.$queryRaw<TAiSpendByUseCase[]>`
    SELECT use_case AS "useCase", count(*)::int AS calls, sum(cost_eur)::float8 AS "costEur",
           sum(tokens_in)::float8 AS "tokensIn", sum(tokens_out)::float8 AS "tokensOut"
    FROM ai_call
    WHERE org_id = ${r.orgId}::uuid AND created_at >= ${r.from} AND created_at < ${r.to}
    GROUP BY use_case
    ORDER BY sum(cost_eur) DESC, use_case`;
}

export async function spendByUser(tx: Tx, orgId: string, period: TAiPeriod): Promise<TAiSpendByUser[]> {
  const r = range(orgId, period);
  return tx.$queryRaw<TAiSpendByUser[]>`
    SELECT c.user_id::text AS "userId", u.name, count(*)::int AS calls, sum(c.cost_eur)::float8 AS "costEur"
    FROM ai_call c LEFT JOIN app_user u ON u.id = c.user_id
    WHERE c.org_id = ${r.orgId}::uuid AND c.created_at >= ${r.from} AND c.created_at < ${r.to}
    GROUP BY c.user_id, u.name
    ORDER BY sum(c.cost_eur) DESC, u.name NULLS LAST`;
}

/** Each member's spent and reserved money of a month ("YYYY-MM"). */
export async function budgetByUser(tx: Tx, orgId: string, month: string): Promise<TAiUserBudget[]> {
  return tx.$queryRaw<TAiUserBudget[]>`
    SELECT b.user_id::text AS "userId", u.name, b.spent_eur::float8 AS "spentEur",
           b.reserved_eur::float8 AS "reservedEur"
    FROM ai_budget_user_month b LEFT JOIN app_user u ON u.id = b.user_id
    WHERE b.org_id = ${orgId}::uuid AND b.month = ${`${month}-01`}::date
    ORDER BY b.spent_eur + b.reserved_eur DESC, u.name`;
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

export async function routingStats(tx: Tx, orgId: string, period: TAiPeriod): Promise<TAiRoutingStats> {
  const r = range(orgId, period);
  const [s] = await tx.$queryRaw<
    {
      calls: number;
      costEur: number;
      answered: number;
      fromProvider: number;
      small: number;
      escalated: number;
      cacheHits: number;
      failed: number;
      refusedBudget: number;
      notConfigured: number;
      p95LatencyMs: number | null;
    }[]
  >`
    SELECT count(*)::int AS calls,
           coalesce(sum(cost_eur), 0)::float8 AS "costEur",
           count(*) FILTER (WHERE outcome = 'ok')::int AS answered,
           count(*) FILTER (WHERE outcome = 'ok' AND NOT cache_hit)::int AS "fromProvider",
           count(*) FILTER (WHERE outcome = 'ok' AND NOT cache_hit AND tier = 'small')::int AS small,
           count(*) FILTER (WHERE outcome = 'ok' AND NOT cache_hit AND escalated)::int AS escalated,
           count(*) FILTER (WHERE outcome = 'ok' AND cache_hit)::int AS "cacheHits",
           count(*) FILTER (WHERE outcome IN ('error', 'invalid_output'))::int AS failed,
           count(*) FILTER (WHERE outcome = 'refused_budget')::int AS "refusedBudget",
           count(*) FILTER (WHERE outcome = 'not_configured')::int AS "notConfigured",
           round(percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms)
             FILTER (WHERE NOT cache_hit AND outcome IN ('ok', 'error', 'invalid_output'))) AS "p95LatencyMs"
    FROM ai_call
    WHERE org_id = ${r.orgId}::uuid AND created_at >= ${r.from} AND created_at < ${r.to}`;
  return {
    calls: s.calls,
    costEur: s.costEur,
    answered: s.answered,
    smallShare: ratio(s.small, s.fromProvider),
    largeShare: ratio(s.fromProvider - s.small, s.fromProvider),
    escalationRate: ratio(s.escalated, s.fromProvider),
    cacheHitRate: ratio(s.cacheHits, s.answered),
    errorRate: ratio(s.failed, s.fromProvider + s.failed),
    p95LatencyMs: s.p95LatencyMs,
    refusedBudget: s.refusedBudget,
    notConfigured: s.notConfigured,
  };
}

/** The dashboard's reads for a period; the service adds the period's days and the budget status. */
export type AiDashboard = Omit<TAiDashboard, "days" | "period" | "status"> & { period: TAiPeriod };

/** Everything the dashboard shows, for those who may see it (ai.dashboard.view). */
export async function aiDashboard(
  tx: Tx,
  ctx: OrgContext,
  period: TAiPeriod,
  month: string = monthOf(),
): Promise<AiDashboard> {
  authorize(ctx, "ai.dashboard.view", {
    type: "ai",
    orgId: ctx.orgId,
  });
  const { orgId } = ctx;
  // Both caps as the organisation sets them, in one read: not the caller's own lower member cap.
  const [orgCap, memberCap] = await readSettings(tx, { orgId, userId: null }, [
    "ai.budget.monthly.cap",
    "ai.budget.user.monthly.cap",
  ]);
  return {
    period,
    stats: await routingStats(tx, orgId, period),
    byDay: await spendByDay(tx, orgId, period),
    byUseCase: await spendByUseCase(tx, orgId, period),
    byUser: await spendByUser(tx, orgId, period),
    budget: {
      month,
      orgCapEur: orgCap.effective.value as number,
      memberCapEur: memberCap.effective.value as number | null,
      users: await budgetByUser(tx, orgId, month),
    },
  };
}
