import "server-only";

import { recordAudits } from "@/lib/audit/service";
import {
  Prisma,
  systemContext,
  withContext,
  withOrg,
  type DbContext,
  type OrgContext,
  type Tx,
} from "@/lib/db";

import { closePendingExtensions } from "../clock";
import { activeMembers, enqueueAll, readNotifySettings } from "../outbox";
import { recordDailyCounts, refreshSummaryIn } from "../summary";
import { ACT_BATCH, chunks, lockLeads, type DailyCounts } from "./common";
import { duePages } from "./due";
import { escalate } from "./escalate";
import { pseudonymise, selectPseudonymisable } from "./pseudonymise";
import { releaseExpired, releaseNotice } from "./release";
import { recordDueReminders, reminderNotice } from "./reminders";

export type { DailyCounts } from "./common";
export { dueLeadIds } from "./due";
export { ESCALATE_AFTER_HOURS } from "./escalate";
export { RELEASED_RETENTION_DAYS, STAGE0_IDLE_DAYS } from "./pseudonymise";

/**
 * The daily lead-protection job's service (job `lead-protection-daily`, the contract's rules in
 * README "Lead protection"): for every organisation, in that organisation's own context
 * (role `system`, so RLS and the global settings apply as for any member), it
 *   a. sends the due reminders (REMINDER_60D, GRACE_EXPIRY) through the outbox,
 *   b. releases EXPIRED assignments,
 *   c. escalates extension requests left PENDING for 48 hours to the admins,
 *   d. pseudonymises per "Data protection",
 * then refreshes mv_lead_protection_summary. Every decision is evaluated at one `now` (the run's
 * start, or what a test passes), with the one computation, app_lead_protection_of. Each step is a
 * file here: reminders.ts, release.ts (with due.ts, which finds the leads both act on), escalate.ts
 * and pseudonymise.ts; this file runs them.
 *
 * Safe to run late, twice, or twice at the same time. The leads a step acts on are locked with the
 * same per-lead advisory lock the services take (loadLead), in id order, and re-evaluated under
 * that lock, so a concurrent run, a logged activity or a reassignment is either fully before or
 * fully after. Then the database's own guards make every effect happen once: lead_reminder's
 * UNIQUE (assignment_id, type, due_at) with ON CONFLICT DO NOTHING (only the run whose insert
 * succeeded writes the outbox rows, in the same transaction), `released_at IS NULL`,
 * `escalated_at IS NULL`, and the outbox's own unique dedupe key.
 */

/** A `now` this close to the clock is "now": the cached due moments apply (see due.ts). */
const LIVE_TOLERANCE_MS = 5 * 60_000;

export interface DailyOptions {
  /** The moment to evaluate at; the real clock by default. */
  now?: Date;
  actor?: DbContext["actor"];
}

const zero = (): DailyCounts => ({
  orgs: 0,
  reminders: 0,
  released: 0,
  escalated: 0,
  pseudonymised: 0,
  notifications: 0,
  failed: 0,
});

function add(into: DailyCounts, more: Partial<DailyCounts>): void {
  for (const [key, value] of Object.entries(more) as [keyof DailyCounts, number][]) into[key] += value;
}

/** Runs the daily work for every organisation; one organisation's failure does not stop the others. */
export async function runLeadProtectionDaily(options: DailyOptions = {}): Promise<DailyCounts> {
  const now = options.now ?? new Date();
  const system = systemContext("lead-protection-daily", options.actor);
  const orgIds = await withContext(
    system,
    (tx) => tx.$queryRaw<{ id: string }[]>`SELECT id FROM app_job_org_ids() AS id`,
  );
  const counts = zero();
  counts.orgs = orgIds.length;
  for (const { id } of orgIds) {
    try {
      add(counts, await runForOrg({ ...system, orgId: id }, now));
    } catch (error) {
      counts.failed += 1;
      console.error(`[lead-protection-daily] organisation ${id} failed`, error);
    }
  }
  // As of the end of the run: a run at the live clock may take a while, and the summary then
  // counts from the cached moments; a run at a given moment (a test, a what-if) counts as of it.
  await withContext(system, (tx) => refreshSummaryIn(tx, options.now));
  // Each organisation's counts of the day, for the trend on the System area's KPI page.
  const countedAt = options.now ?? new Date();
  for (const { id } of orgIds) {
    await withOrg({ ...system, orgId: id }, (tx) => recordDailyCounts(tx, countedAt)).catch(
      (error: unknown) =>
        console.error(`[lead-protection-daily] organisation ${id}: daily counts not recorded`, error),
    );
  }
  return counts;
}

async function runForOrg(ctx: OrgContext, now: Date): Promise<DailyCounts> {
  const counts = zero();
  const fromCache = now.getTime() >= Date.now() - LIVE_TOLERANCE_MS;
  for await (const due of duePages(ctx, now, fromCache)) {
    for (const batch of chunks(due, ACT_BATCH)) {
      add(counts, await withOrg(ctx, (tx) => actOnLeads(tx, ctx, now, batch)));
    }
  }
  add(counts, await withOrg(ctx, (tx) => escalate(tx, ctx, now)));
  const stale = await withOrg(ctx, (tx) => selectPseudonymisable(tx, ctx.orgId, now));
  for (const batch of chunks(stale, ACT_BATCH)) {
    add(counts, await withOrg(ctx, (tx) => pseudonymise(tx, ctx, now, batch)));
  }
  return counts;
}

/**
 * One batch of due leads, in one transaction under their locks: release what expired, then record
 * the reminders due (a released lead has no protection, so no reminder), then send and audit both.
 */
async function actOnLeads(
  tx: Tx,
  ctx: OrgContext,
  now: Date,
  leadIds: string[],
): Promise<Partial<DailyCounts>> {
  await lockLeads(tx, leadIds);
  const ids = Prisma.sql`SELECT unnest(${leadIds}::uuid[]) AS id`;
  const released = await releaseExpired(tx, now, ids);
  // After the release, in the same transaction: a released lead has no protection, so no reminder.
  const sent = await recordDueReminders(tx, ctx, now, ids);
  if (released.length === 0 && sent.length === 0) return {};

  const members = await activeMembers(tx, ctx.orgId);
  const settings = await readNotifySettings(tx, ctx.orgId);
  await closePendingExtensions(
    tx,
    ctx,
    released.map((r) => ({ assignmentId: r.assignment_id, reason: "EXPIRED" })),
    now,
  );
  // All of the batch's messages and audit events in two statements, not two per lead.
  const notices = [
    ...released.map((r) => releaseNotice(now, r, members, settings)),
    ...sent.map((s) => reminderNotice(s, members, settings)),
  ];
  const notifications = await enqueueAll(
    tx,
    ctx.orgId,
    notices.map((n) => n.outgoing),
  );
  await recordAudits(
    tx,
    ctx,
    notices.map((n) => n.audit),
  );
  return { released: released.length, reminders: sent.length, notifications };
}
