import "server-only";

import { Prisma, withOrg, type OrgContext, type Tx } from "@/lib/db";

import { chunks, protectionOf, SCAN_PAGE } from "./common";
import { dueReminders } from "./reminders";

// Which leads have a release or a reminder due --------------------------------------------------

const NIL_UUID = "00000000-0000-0000-0000-000000000000";

/**
 * The leads that may need the job at `now`, from the moments the triggers keep on the current
 * assignment (sql/migrations/20261129165000_lead_due_moments.sql): an expiry reached, or a
 * reminder moment reached and not yet recorded for that moment. A hold since a due moment may have
 * moved it, so such leads are candidates too. This is a superset of the leads the computation
 * finds due (a property test holds the cache to the computation), and about as large as the day's
 * work, so the job no longer computes every lead.
 *
 * The moments describe the facts as they are. Evaluating an earlier moment (tests, a what-if) must
 * ignore facts that came later, which only the full computation does: then every lead is a candidate.
 */
async function cachedCandidates(tx: Tx, orgId: string, now: Date): Promise<string[]> {
  const unrecorded = (type: string, column: string) => Prisma.sql`
    a.${Prisma.raw(column)} <= ${now}::timestamptz AND NOT EXISTS (
      SELECT 1 FROM lead_reminder r
      WHERE r.assignment_id = a.id AND r.type = ${type} AND r.due_at = a.${Prisma.raw(column)})`;
  // All at once, unordered: the planner then answers the NOT EXISTS with one anti-join over the
  // reminders instead of a probe per assignment (3 s per page at 100 000 leads when paged by id).
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT a.lead_id AS id FROM lead_assignment a
    WHERE a.org_id = ${orgId}::uuid AND a.released_at IS NULL
      AND (a.expires_at <= ${now}::timestamptz
           OR (${unrecorded("REMINDER_60D", "progress_due_at")})
           OR (${unrecorded("GRACE_EXPIRY", "grace_due_at")})
           OR (least(a.progress_due_at, a.grace_due_at) <= ${now}::timestamptz AND EXISTS (
                 SELECT 1 FROM lead_hold h
                 WHERE h.lead_id = a.lead_id AND h.start_at < ${now}::timestamptz
                   AND coalesce(h.end_at, 'infinity') > least(a.progress_due_at, a.grace_due_at))))`;
  return rows.map((row) => row.id).sort();
}

/** The organisation's next page of leads by id, for the full computation. */
async function leadPage(tx: Tx, orgId: string, after: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM lead WHERE org_id = ${orgId}::uuid AND id > ${after}::uuid ORDER BY id LIMIT ${SCAN_PAGE}`;
  return rows.map((row) => row.id);
}

/** The leads `ids` with a release or a reminder due at `now`, by the one computation. */
async function dueAmong(tx: Tx, now: Date, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx.$queryRaw<{ id: string }[]>`
    WITH page AS MATERIALIZED (SELECT unnest(${ids}::uuid[]) AS id),
    p AS MATERIALIZED (${protectionOf(Prisma.sql`SELECT id FROM page`, now)}),
    due AS (${dueReminders(now)})
    SELECT page.id FROM page
    WHERE EXISTS (SELECT 1 FROM p WHERE p.lead_id = page.id AND p.status = 'EXPIRED')
       OR EXISTS (SELECT 1 FROM due WHERE due.lead_id = page.id AND NOT EXISTS (
            SELECT 1 FROM lead_reminder r
            WHERE r.assignment_id = due.assignment_id AND r.type = due.type AND r.due_at = due.due_at))
    ORDER BY page.id`;
  return rows.map((row) => row.id);
}

/**
 * The leads with a release or a reminder due at `now`, a page at a time, found from the cached
 * moments or (for an earlier moment) by computing every lead. Each page is its own transaction.
 */
export async function* duePages(ctx: OrgContext, now: Date, fromCache: boolean): AsyncGenerator<string[]> {
  if (fromCache) {
    const ids = await withOrg(ctx, (tx) => cachedCandidates(tx, ctx.orgId, now));
    for (const page of chunks(ids, SCAN_PAGE)) yield await withOrg(ctx, (tx) => dueAmong(tx, now, page));
    return;
  }
  for (let after = NIL_UUID; ;) {
    const page = await withOrg(ctx, (tx) => leadPage(tx, ctx.orgId, after));
    yield await withOrg(ctx, (tx) => dueAmong(tx, now, page));
    if (page.length < SCAN_PAGE) return;
    after = page[page.length - 1];
  }
}

/**
 * The leads with a release or a reminder due at `now`, found the way the job finds them (from the
 * cached moments, or by computing every lead): lets a test hold the two ways to the same answer.
 */
export async function dueLeadIds(ctx: OrgContext, now: Date, fromCache: boolean): Promise<string[]> {
  const due: string[] = [];
  for await (const page of duePages(ctx, now, fromCache)) due.push(...page);
  return due;
}
