import "server-only";

import { authorize } from "@/lib/auth/policy";
import { withContext, withOrg, type DbContext, type Tx, type MemberContext } from "@/lib/db";

/**
 * Lead-protection counts for dashboards, from mv_lead_protection_summary: counts of current
 * assignments by owner, status and due_soon, as of the view's last refresh. Dashboards read this,
 * never the protection of every lead. The view itself has no row-level security, so it is read only
 * through app_lead_protection_summary(), which answers for the caller's organisation, and for a
 * partner only about their own leads (managers, admins and auditors see every owner).
 */

export interface ProtectionCounts {
  active: number;
  grace: number;
  expired: number;
  /** ACTIVE and within the warning days of valid_until. */
  dueSoon: number;
  total: number;
}

export interface OwnerSummary extends ProtectionCounts {
  ownerUserId: string;
  ownerName: string | null;
}

export interface LeadProtectionSummary {
  /** When the counts were computed (ISO 8601 UTC); null when there is nothing to count. */
  asOf: string | null;
  owners: OwnerSummary[];
  totals: ProtectionCounts;
}

interface SummaryRow {
  owner_user_id: string;
  owner_name: string | null;
  status: "ACTIVE" | "GRACE" | "EXPIRED";
  due_soon: boolean;
  leads: number;
  as_of: Date;
}

const empty = (): ProtectionCounts => ({ active: 0, grace: 0, expired: 0, dueSoon: 0, total: 0 });

function count(into: ProtectionCounts, row: SummaryRow): void {
  if (row.status === "ACTIVE") into.active += row.leads;
  else if (row.status === "GRACE") into.grace += row.leads;
  else into.expired += row.leads;
  if (row.due_soon) into.dueSoon += row.leads;
  into.total += row.leads;
}

/** The summary rows the caller may see, in the caller's transaction. */
export function selectSummaryRows(tx: Tx): Promise<SummaryRow[]> {
  return tx.$queryRaw<SummaryRow[]>`
    SELECT s.owner_user_id, u.name AS owner_name, s.status, s.due_soon, s.leads, s.as_of
    FROM app_lead_protection_summary() s LEFT JOIN app_user u ON u.id = s.owner_user_id
    ORDER BY u.name, s.owner_user_id`;
}

/** The caller's view of the counts, per owner and in total. Any member may ask. */
export async function readLeadProtectionSummary(ctx: MemberContext): Promise<LeadProtectionSummary> {
  authorize(ctx, "org.read", {
    type: "org",
    orgId: ctx.orgId,
  });
  const rows = await withOrg(ctx, selectSummaryRows);
  const owners = new Map<string, OwnerSummary>();
  const totals = empty();
  for (const row of rows) {
    let owner = owners.get(row.owner_user_id);
    if (!owner) {
      owner = { ownerUserId: row.owner_user_id, ownerName: row.owner_name, ...empty() };
      owners.set(row.owner_user_id, owner);
    }
    count(owner, row);
    count(totals, row);
  }
  return { asOf: rows[0]?.as_of.toISOString() ?? null, owners: [...owners.values()], totals };
}

/**
 * Recomputes the summary in the caller's transaction (app_refresh_lead_summary: concurrently, so
 * readers are not blocked; a second refresh waits for the first). `at` pins the moment it is
 * computed for (tests, the daily job's `now`); the transaction's clock otherwise.
 */
export async function refreshSummaryIn(tx: Tx, at?: Date): Promise<void> {
  if (at) await tx.$executeRaw`SELECT set_config('app.now', ${at.toISOString()}, true)`;
  await tx.$executeRaw`SELECT app_refresh_lead_summary()`;
}

/**
 * For the app after bulk changes (imports, mass reassignment): refreshes the summary in a
 * transaction of its own, after the changes have committed, so the refresh's lock on the view is
 * held only as long as the refresh takes. Needs an organisation context (or the system's).
 */
export function refreshLeadSummary(ctx: DbContext, at?: Date): Promise<void> {
  return withContext(ctx, (tx) => refreshSummaryIn(tx, at));
}

/**
 * Keeps the organisation's counts at `at` (the moment the summary was just refreshed for) in
 * lead_protection_daily, for the KPI page's trend: one row per organisation and day (UTC), the
 * latest run of a day replacing it; an organisation without protected leads gets its zeros. Runs in
 * the organisation's system context, after the summary was refreshed.
 */
export async function recordDailyCounts(tx: Tx, at: Date): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO lead_protection_daily AS d (org_id, day, active, grace, expired, due_soon, as_of)
    SELECT app_current_org_id(), (${at}::timestamptz AT TIME ZONE 'UTC')::date,
           coalesce(sum(s.leads) FILTER (WHERE s.status = 'ACTIVE'), 0),
           coalesce(sum(s.leads) FILTER (WHERE s.status = 'GRACE'), 0),
           coalesce(sum(s.leads) FILTER (WHERE s.status = 'EXPIRED'), 0),
           coalesce(sum(s.leads) FILTER (WHERE s.due_soon), 0),
           ${at}::timestamptz
    FROM app_lead_protection_summary() s
    ON CONFLICT (org_id, day) DO UPDATE
      SET active = EXCLUDED.active, grace = EXCLUDED.grace, expired = EXCLUDED.expired,
          due_soon = EXCLUDED.due_soon, as_of = EXCLUDED.as_of`;
}
