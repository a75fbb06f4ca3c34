import "server-only";

import { recordAudit, recordAudits, type AuditInput } from "@/lib/audit/service";
import {
  Prisma,
  systemContext,
  withContext,
  withOrg,
  type DbContext,
  type OrgContext,
  type Tx,
} from "@/lib/db";

import {
  activeMembers,
  enqueue,
  enqueueAll,
  LEAD_TEMPLATES,
  readNotifySettings,
  recipientsOf,
  type Member,
  type NotifySettings,
  type Outgoing,
} from "./outbox";
import { closePendingExtensions } from "./clock";
import { QUALIFYING_KINDS } from "./schemas";
import { refreshSummaryIn } from "./summary";

/**
 * The daily lead-protection job's service (job `lead-protection-daily`, spec
 * ../shared/spec/lead-protection.md): for every organisation, in that organisation's own context
 * (role `system`, so RLS and the global settings apply as for any member), it
 *   a. sends the due reminders (REMINDER_60D, GRACE_EXPIRY) through the outbox,
 *   b. releases EXPIRED assignments,
 *   c. escalates extension requests left PENDING for 48 hours to the admins,
 *   d. pseudonymises per "Data protection",
 * then refreshes mv_lead_protection_summary. Every decision is evaluated at one `now` (the run's
 * start, or what a test passes), with the one computation, app_lead_protection_of.
 *
 * Safe to run late, twice, or twice at the same time. The leads a step acts on are locked with the
 * same per-lead advisory lock the services take (loadLead), in id order, and re-evaluated under
 * that lock, so a concurrent run, a logged activity or a reassignment is either fully before or
 * fully after. Then the database's own guards make every effect happen once: lead_reminder's
 * UNIQUE (assignment_id, type, due_at) with ON CONFLICT DO NOTHING (only the run whose insert
 * succeeded writes the outbox rows, in the same transaction), `released_at IS NULL`,
 * `escalated_at IS NULL`, and the outbox's own unique dedupe key.
 */

/** Spec, "Data protection": a stage-0 registration without progress for this long is pseudonymised. */
export const STAGE0_IDLE_DAYS = 60;
/**
 * How long a released lead keeps its contact before it is pseudonymised. 90 days: long enough for
 * a manager to hand the lead to another partner with its contact intact and for a partner to
 * dispute the release; the contract evidence (company, dates, activities, audit trail) stays
 * anyway, only the contact person goes. A constant, not a setting, until someone needs to vary it.
 */
export const RELEASED_RETENTION_DAYS = 90;
/** Spec, "Extension on request": undecided for this long, a request escalates to the admins. */
export const ESCALATE_AFTER_HOURS = 48;

/** Leads whose protection one transaction evaluates, and leads one transaction acts on. */
const SCAN_PAGE = 1000;
const ACT_BATCH = 100;
/** A `now` this close to the clock is "now": the cached due moments apply (see candidates). */
const LIVE_TOLERANCE_MS = 5 * 60_000;
const NIL_UUID = "00000000-0000-0000-0000-000000000000";
const DAY_MS = 86_400_000;

export interface DailyCounts {
  orgs: number;
  reminders: number;
  released: number;
  escalated: number;
  pseudonymised: number;
  /** Outbox rows written (recipients × channels). */
  notifications: number;
  /** Organisations whose work failed (logged; the others were done). */
  failed: number;
}

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

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
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

// a + b: reminders and release ---------------------------------------------------------------

/** `p`: the protection at `now` of the leads `ids` selects (column `id`), with company and city. */
const protectionOf = (ids: Prisma.Sql, now: Date) => Prisma.sql`
  SELECT l.id AS lead_id, l.company_name, l.city, x.*
  FROM lead l JOIN (${ids}) ids ON ids.id = l.id
  CROSS JOIN LATERAL app_lead_protection_of(l.id, ${now}::timestamptz) x`;

/**
 * The reminders due at `now`, from `p` (spec, "Reminders"). The due moment is computed at run time
 * from the current facts, so a lead rescued by a qualifying activity before its due moment has a
 * later progress_until and is simply not due. REMINDER_60D goes out whether or not the base term
 * still protects the lead, but not once it is EXPIRED (the release tells the owner then);
 * GRACE_EXPIRY only while the lead is in GRACE.
 *
 * Nothing is sent while a hold is open. The clock stands still: paused() grows with `now`, so
 * progress_until and valid_until move forward with every run, and a due moment taken from them
 * would be a new one (a new UNIQUE key, a new reminder) every day, although the status cannot
 * change. When the hold ends, the deadlines stand still again at their moved values, and a
 * reminder due then is sent once, for that moment.
 */
const dueReminders = (now: Date) => Prisma.sql`
  SELECT p.lead_id, p.assignment_id, 'REMINDER_60D'::text AS type, p.progress_until AS due_at
  FROM p WHERE NOT p.hold_open AND p.status <> 'EXPIRED' AND p.progress_until <= ${now}::timestamptz
  UNION ALL
  SELECT p.lead_id, p.assignment_id, 'GRACE_EXPIRY'::text, p.valid_until
  FROM p WHERE NOT p.hold_open AND p.status = 'GRACE'`;

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
async function* duePages(ctx: OrgContext, now: Date, fromCache: boolean): AsyncGenerator<string[]> {
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

/** The per-lead advisory locks of loadLead (lib/leads/access.ts), taken in id order. */
async function lockLeads(tx: Tx, leadIds: string[]): Promise<void> {
  await tx.$queryRaw`
    SELECT count(pg_advisory_xact_lock(hashtextextended('lead:' || s.id::text, 0)))::int AS locked
    FROM (SELECT id FROM unnest(${leadIds}::uuid[]) AS id ORDER BY id) s`;
}

interface Released {
  assignment_id: string;
  lead_id: string;
  owner_user_id: string;
  company_name: string;
  city: string;
  grace_until: Date;
}

interface Sent {
  reminder_id: string;
  type: "REMINDER_60D" | "GRACE_EXPIRY";
  due_at: Date;
  lead_id: string;
  assignment_id: string;
  owner_user_id: string;
  company_name: string;
  city: string;
  grace_until: Date;
}

async function actOnLeads(
  tx: Tx,
  ctx: OrgContext,
  now: Date,
  leadIds: string[],
): Promise<Partial<DailyCounts>> {
  await lockLeads(tx, leadIds);
  const ids = Prisma.sql`SELECT unnest(${leadIds}::uuid[]) AS id`;
  const released = await tx.$queryRaw<Released[]>`
    WITH p AS MATERIALIZED (${protectionOf(ids, now)})
    UPDATE lead_assignment a SET released_at = ${now}::timestamptz, release_reason = 'EXPIRED'
    FROM p WHERE a.id = p.assignment_id AND a.released_at IS NULL AND p.status = 'EXPIRED'
    RETURNING a.id AS assignment_id, a.lead_id, a.owner_user_id, p.company_name, p.city, p.grace_until`;
  // After the release, in the same transaction: a released lead has no protection, so no reminder.
  const sent = await tx.$queryRaw<Sent[]>`
    WITH p AS MATERIALIZED (${protectionOf(ids, now)}),
    due AS (${dueReminders(now)}),
    ins AS (
      INSERT INTO lead_reminder (org_id, assignment_id, type, due_at)
      SELECT ${ctx.orgId}::uuid, due.assignment_id, due.type, due.due_at FROM due
      ON CONFLICT (assignment_id, type, due_at) DO NOTHING
      RETURNING id, assignment_id, type, due_at
    )
    SELECT ins.id AS reminder_id, ins.type, ins.due_at, p.lead_id, p.assignment_id, p.owner_user_id,
           p.company_name, p.city, p.grace_until
    FROM ins JOIN p ON p.assignment_id = ins.assignment_id
    ORDER BY p.lead_id, ins.type`;
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

/** What one release or reminder sends, and the audit event that records it. */
interface Notice {
  outgoing: Outgoing;
  audit: AuditInput;
}

/** The owner and the notify roles hear of the release; the audit trail records it. */
function releaseNotice(now: Date, r: Released, members: readonly Member[], settings: NotifySettings): Notice {
  return {
    outgoing: {
      recipients: recipientsOf(members, { userIds: [r.owner_user_id], roles: settings.roles }),
      channels: settings.channels,
      message: {
        template: LEAD_TEMPLATES.expired,
        payload: {
          leadId: r.lead_id,
          assignmentId: r.assignment_id,
          companyName: r.company_name,
          city: r.city,
          ownerUserId: r.owner_user_id,
          graceUntil: r.grace_until.toISOString(),
          releasedAt: now.toISOString(),
        },
        dedupeKey: `lead.expired:${r.assignment_id}`,
      },
    },
    audit: {
      action: "lead.protection.expired",
      resourceType: "lead",
      resourceId: r.lead_id,
      before: { assignmentId: r.assignment_id, ownerUserId: r.owner_user_id },
      after: { releasedAt: now, releaseReason: "EXPIRED", graceUntil: r.grace_until },
    },
  };
}

/** REMINDER_60D to the owner; GRACE_EXPIRY to the owner and the notify roles. */
function reminderNotice(s: Sent, members: readonly Member[], settings: NotifySettings): Notice {
  const grace = s.type === "GRACE_EXPIRY";
  const to = recipientsOf(members, { userIds: [s.owner_user_id], roles: grace ? settings.roles : [] });
  return {
    outgoing: {
      recipients: to,
      channels: settings.channels,
      message: {
        template: grace ? LEAD_TEMPLATES.graceExpiry : LEAD_TEMPLATES.reminder60d,
        payload: {
          leadId: s.lead_id,
          assignmentId: s.assignment_id,
          companyName: s.company_name,
          city: s.city,
          ownerUserId: s.owner_user_id,
          dueAt: s.due_at.toISOString(),
          graceUntil: s.grace_until.toISOString(),
        },
        dedupeKey: `reminder:${s.reminder_id}`,
      },
    },
    audit: {
      action: "lead.reminder.sent",
      resourceType: "lead",
      resourceId: s.lead_id,
      after: {
        reminderId: s.reminder_id,
        type: s.type,
        dueAt: s.due_at,
        recipients: to,
        channels: settings.channels,
      },
    },
  };
}

// c: escalation ----------------------------------------------------------------------------------

/**
 * Marks each request PENDING for 48 hours once (escalated_at) and tells the organisation's admins.
 * Requests of an assignment that has ended are left alone: nobody can decide them any more.
 */
async function escalate(tx: Tx, ctx: OrgContext, now: Date): Promise<Partial<DailyCounts>> {
  const cutoff = new Date(now.getTime() - ESCALATE_AFTER_HOURS * 3_600_000);
  const rows = await tx.$queryRaw<
    { id: string; lead_id: string; days: number; requested_at: Date; company_name: string; city: string }[]
  >`
    UPDATE lead_extension_request r SET escalated_at = ${now}::timestamptz
    FROM lead l, lead_assignment a
    WHERE r.org_id = ${ctx.orgId}::uuid AND r.status = 'PENDING' AND r.escalated_at IS NULL
      AND r.requested_at <= ${cutoff}::timestamptz
      AND l.id = r.lead_id AND a.id = r.assignment_id AND a.released_at IS NULL
    RETURNING r.id, r.lead_id, r.days, r.requested_at, l.company_name, l.city`;
  if (rows.length === 0) return {};
  const members = await activeMembers(tx, ctx.orgId);
  const { channels } = await readNotifySettings(tx, ctx.orgId);
  const admins = recipientsOf(members, { roles: ["admin"] });
  let notifications = 0;
  for (const r of rows) {
    notifications += await enqueue(tx, ctx.orgId, admins, channels, {
      template: LEAD_TEMPLATES.extensionEscalated,
      payload: {
        requestId: r.id,
        leadId: r.lead_id,
        companyName: r.company_name,
        city: r.city,
        days: r.days,
        requestedAt: r.requested_at.toISOString(),
      },
      dedupeKey: `lead.extension.escalated:${r.id}`,
    });
    await recordAudit(tx, ctx, {
      action: "lead.extension.escalated",
      resourceType: "lead_extension_request",
      resourceId: r.id,
      before: { escalatedAt: null },
      after: { leadId: r.lead_id, escalatedAt: now, requestedAt: r.requested_at, admins: admins.length },
    });
  }
  return { escalated: rows.length, notifications };
}

// d: pseudonymisation ----------------------------------------------------------------------------

/**
 * Leads to pseudonymise at `now` (all of the organisation's, or only `leadIds`), with the reason
 * and which contact fields hold something:
 *   STAGE0_IDLE         stage 0, and neither registration, (re)assignment nor a qualifying activity
 *                       in the last 60 days;
 *   RELEASED_RETENTION  no current owner, and released more than RELEASED_RETENTION_DAYS ago.
 * A lead is picked while it is unmarked or holds contact data again (say, after reassignment).
 */
function pseudonymisable(orgId: string, now: Date, leadIds?: string[]): Prisma.Sql {
  const idleBefore = new Date(now.getTime() - STAGE0_IDLE_DAYS * DAY_MS);
  const releasedBefore = new Date(now.getTime() - RELEASED_RETENTION_DAYS * DAY_MS);
  const scope = (column: string) =>
    leadIds ? Prisma.sql`${Prisma.raw(column)} = ANY (${leadIds}::uuid[])` : Prisma.sql`TRUE`;
  // Filter on the lead's own columns first, then look at each remaining lead's assignments and
  // recent activities by index: aggregating the whole organisation's history took 12 s at 100 000.
  return Prisma.sql`
    SELECT l.id,
      CASE WHEN NOT coalesce(a.assigned, false) AND a.last_released <= ${releasedBefore}::timestamptz
           THEN 'RELEASED_RETENTION' ELSE 'STAGE0_IDLE' END AS reason,
      l.contact_first_name IS NOT NULL AS first_name, l.contact_last_name IS NOT NULL AS last_name,
      l.contact_email IS NOT NULL AS email, l.contact_phone IS NOT NULL AS phone
    FROM lead l
    CROSS JOIN LATERAL (
      SELECT max(x.assigned_at) AS last_assigned, max(x.released_at) AS last_released,
             bool_or(x.released_at IS NULL) AS assigned
      FROM lead_assignment x WHERE x.lead_id = l.id
    ) a
    WHERE l.org_id = ${orgId}::uuid AND ${scope("l.id")}
      AND (l.pseudonymised_at IS NULL OR l.contact_first_name IS NOT NULL OR l.contact_last_name IS NOT NULL
           OR l.contact_email IS NOT NULL OR l.contact_phone IS NOT NULL)
      AND ((l.stage = 0 AND l.created_at <= ${idleBefore}::timestamptz
            AND coalesce(a.last_assigned <= ${idleBefore}::timestamptz, true)
            AND NOT EXISTS (
              SELECT 1 FROM lead_activity q
              WHERE q.lead_id = l.id AND q.kind IN (${Prisma.join(QUALIFYING_KINDS)})
                AND q.at > ${idleBefore}::timestamptz AND q.at <= ${now}::timestamptz))
           OR (NOT coalesce(a.assigned, false) AND a.last_released <= ${releasedBefore}::timestamptz))
    ORDER BY l.id`;
}

async function selectPseudonymisable(tx: Tx, orgId: string, now: Date): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`${pseudonymisable(orgId, now)}`;
  return rows.map((row) => row.id);
}

const CONTACT_FIELDS = [
  ["first_name", "contactFirstName"],
  ["last_name", "contactLastName"],
  ["email", "contactEmail"],
  ["phone", "contactPhone"],
] as const;

/**
 * Replaces the contact fields (first and last name, e-mail, phone) with NULL and marks the lead
 * pseudonymised_at. The lead stays, with its id, company, city, industry, VAT id, volume,
 * activities and audit trail (the contract's evidence), but no longer names a contact person.
 * A stage-0 lead has no contact: there is nothing to replace, and pseudonymising it only sets the
 * mark (and records the event), saying it was reviewed and holds no personal data.
 */
async function pseudonymise(
  tx: Tx,
  ctx: OrgContext,
  now: Date,
  leadIds: string[],
): Promise<Partial<DailyCounts>> {
  await lockLeads(tx, leadIds);
  const rows = await tx.$queryRaw<
    ({ id: string; stage: number; reason: string } & Record<(typeof CONTACT_FIELDS)[number][0], boolean>)[]
  >`
    UPDATE lead l SET contact_first_name = NULL, contact_last_name = NULL, contact_email = NULL,
                      contact_phone = NULL, pseudonymised_at = ${now}::timestamptz, updated_at = ${now}::timestamptz
    FROM (${pseudonymisable(ctx.orgId, now, leadIds)}) c
    WHERE l.id = c.id
    RETURNING l.id, l.stage, c.reason, c.first_name, c.last_name, c.email, c.phone`;
  await recordAudits(
    tx,
    ctx,
    rows.map((row) => ({
      action: "lead.personal_data.pseudonymised",
      resourceType: "lead",
      resourceId: row.id,
      after: {
        reason: row.reason,
        stage: row.stage,
        replaced: CONTACT_FIELDS.filter(([column]) => row[column]).map(([, field]) => field),
        pseudonymisedAt: now,
      },
    })),
  );
  return { pseudonymised: rows.length };
}
