import "server-only";

import type { Tx } from "@/lib/db";
import { LEAD_TEMPLATES } from "@/lib/leads/outbox";
import { selectSummaryRows } from "@/lib/leads/summary";

/**
 * The KPIs' reads for one organisation, in a transaction of its context (a member's, or the
 * system's for the all-organisations view): raw counts only, so that several organisations' can be
 * summed before any rate is computed. Each read names the context's organisation as well as RLS
 * does, so a policy that lets the system role see further never widens a count. Days are UTC days of app_now() (tests pin it with app.now).
 */

export interface KpiWindow {
  now: Date;
  /** The first day's start and the day after the last day: [from, to). */
  from: Date;
  to: Date;
}

/** The period of `days` days that ends today (UTC), by the database's clock. */
export async function kpiWindow(tx: Tx, days: number): Promise<KpiWindow> {
  const [row] = await tx.$queryRaw<{ now: Date; from: Date; to: Date }[]>`
    SELECT app_now() AS now,
           date_trunc('day', app_now()) - make_interval(days => ${days - 1}) AS "from",
           date_trunc('day', app_now()) + interval '1 day' AS "to"`;
  return row;
}

export interface LeadCountsRaw {
  asOf: Date | null;
  active: number;
  grace: number;
  expired: number;
  dueSoon: number;
  extensionsWaiting: number;
  extensionsEscalated: number;
}

/** Protection states from mv_lead_protection_summary (as of its last refresh), and the requests waiting. */
export async function leadCounts(tx: Tx): Promise<LeadCountsRaw> {
  const rows = await selectSummaryRows(tx);
  const counts: LeadCountsRaw = {
    asOf: rows[0]?.as_of ?? null,
    active: 0,
    grace: 0,
    expired: 0,
    dueSoon: 0,
    extensionsWaiting: 0,
    extensionsEscalated: 0,
  };
  for (const row of rows) {
    if (row.status === "ACTIVE") counts.active += row.leads;
    else if (row.status === "GRACE") counts.grace += row.leads;
    else counts.expired += row.leads;
    if (row.due_soon) counts.dueSoon += row.leads;
  }
  const [requests] = await tx.$queryRaw<{ waiting: number; escalated: number }[]>`
    SELECT count(*)::int AS waiting, count(*) FILTER (WHERE escalated_at IS NOT NULL)::int AS escalated
    FROM lead_extension_request WHERE org_id = app_current_org_id() AND status = 'PENDING'`;
  counts.extensionsWaiting = requests.waiting;
  counts.extensionsEscalated = requests.escalated;
  return counts;
}

export interface DayRaw {
  day: string;
  /** The protection states counted that day by the daily job (lead_protection_daily); null without a run. */
  active: number | null;
  grace: number | null;
  expired: number | null;
  dueSoon: number | null;
  reminders: number;
  released: number;
  aiCalls: number;
  aiCostEur: number;
  invited: number;
  submitted: number;
}

/**
 * Per day of the window: protection reminders queued (one per lead and deadline, its dedupe key,
 * however many recipients and channels), leads released back to the pool (expired or released by
 * hand; a reassignment is no release), AI calls and their cost, feedback invitations sent and
 * feedback submitted.
 */
export function daySeries(tx: Tx, w: KpiWindow): Promise<DayRaw[]> {
  const reminders = [LEAD_TEMPLATES.reminder60d, LEAD_TEMPLATES.graceExpiry];
  return tx.$queryRaw<DayRaw[]>`
    SELECT to_char(d.day, 'YYYY-MM-DD') AS day,
           p.active, p.grace, p.expired, p.due_soon AS "dueSoon",
           coalesce(r.n, 0)::int AS reminders, coalesce(l.n, 0)::int AS released,
           coalesce(a.calls, 0)::int AS "aiCalls", coalesce(a.cost, 0)::float8 AS "aiCostEur",
           coalesce(fi.n, 0)::int AS invited, coalesce(fs.n, 0)::int AS submitted
    FROM generate_series(${w.from}::timestamptz, ${w.to}::timestamptz - interval '1 day', interval '1 day') AS d(day)
    LEFT JOIN lead_protection_daily p ON p.org_id = app_current_org_id() AND p.day = (d.day AT TIME ZONE 'UTC')::date
    LEFT JOIN (
      SELECT date_trunc('day', created_at) AS day, count(DISTINCT dedupe_key) AS n FROM notification_outbox
      WHERE org_id = app_current_org_id() AND template = ANY (${reminders}::text[]) AND created_at >= ${w.from} AND created_at < ${w.to}
      GROUP BY 1
    ) r ON r.day = d.day
    LEFT JOIN (
      SELECT date_trunc('day', released_at) AS day, count(*) AS n FROM lead_assignment
      WHERE org_id = app_current_org_id() AND release_reason IN ('EXPIRED', 'MANUAL') AND released_at >= ${w.from} AND released_at < ${w.to}
      GROUP BY 1
    ) l ON l.day = d.day
    LEFT JOIN (
      SELECT date_trunc('day', created_at) AS day, count(*) AS calls, sum(cost_eur) AS cost FROM ai_call
      WHERE org_id = app_current_org_id() AND created_at >= ${w.from} AND created_at < ${w.to}
      GROUP BY 1
    ) a ON a.day = d.day
    LEFT JOIN (
      SELECT date_trunc('day', invited_at) AS day, count(*) AS n FROM feedback_link
      WHERE org_id = app_current_org_id() AND invited_at >= ${w.from} AND invited_at < ${w.to}
      GROUP BY 1
    ) fi ON fi.day = d.day
    LEFT JOIN (
      SELECT date_trunc('day', submitted_at) AS day, count(*) AS n FROM feedback_link
      WHERE org_id = app_current_org_id() AND submitted_at >= ${w.from} AND submitted_at < ${w.to}
      GROUP BY 1
    ) fs ON fs.day = d.day
    ORDER BY d.day`;
}

export interface AiPeriodRaw {
  calls: number;
  costEur: number;
  answered: number;
  fromProvider: number;
  small: number;
  escalated: number;
  cacheHits: number;
}

/** The period's AI calls, counted as the AI dashboard counts them (lib/ai/queries.ts routingStats). */
export async function aiPeriod(tx: Tx, w: KpiWindow): Promise<AiPeriodRaw> {
  const [row] = await tx.$queryRaw<AiPeriodRaw[]>`
    SELECT count(*)::int AS calls,
           coalesce(sum(cost_eur), 0)::float8 AS "costEur",
           count(*) FILTER (WHERE outcome = 'ok')::int AS answered,
           count(*) FILTER (WHERE outcome = 'ok' AND NOT cache_hit)::int AS "fromProvider",
           count(*) FILTER (WHERE outcome = 'ok' AND NOT cache_hit AND tier = 'small')::int AS small,
           count(*) FILTER (WHERE outcome = 'ok' AND NOT cache_hit AND escalated)::int AS escalated,
           count(*) FILTER (WHERE outcome = 'ok' AND cache_hit)::int AS "cacheHits"
    FROM ai_call WHERE org_id = app_current_org_id() AND created_at >= ${w.from} AND created_at < ${w.to}`;
  return row;
}

/** Feedback invitations of the period, and how many of them were answered (at any time since). */
export async function feedbackPeriod(tx: Tx, w: KpiWindow): Promise<{ invited: number; submitted: number }> {
  const [row] = await tx.$queryRaw<{ invited: number; submitted: number }[]>`
    SELECT count(*)::int AS invited, count(*) FILTER (WHERE submitted_at IS NOT NULL)::int AS submitted
    FROM feedback_link WHERE org_id = app_current_org_id() AND invited_at >= ${w.from} AND invited_at < ${w.to}`;
  return row;
}

/** The organisations the system context works for (app_job_org_ids(), the system context only). */
export async function allOrgIds(tx: Tx): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id::text FROM app_job_org_ids() AS id`;
  return rows.map((r) => r.id);
}
