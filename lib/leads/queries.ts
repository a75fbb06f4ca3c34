import "server-only";

import { Prisma, type Tx } from "@/lib/db";

import type { TLeadSortKey } from "./schemas";

/** One row of v_lead_protection: the protection of a lead's current assignment. */
export interface ProtectionRow {
  lead_id: string;
  org_id: string;
  assignment_id: string;
  owner_user_id: string;
  assigned_at: Date;
  last_qual_activity_at: Date | null;
  last_progress_at: Date;
  extension_days: number;
  paused_seconds: number;
  base_until: Date;
  progress_until: Date;
  valid_until: Date;
  grace_until: Date;
  status: "ACTIVE" | "GRACE" | "EXPIRED";
  due_soon: boolean;
  reminder_due_at: Date | null;
  mode: "GREATEST" | "LEAST";
  hold_open: boolean;
}

/**
 * The protection of one lead as the caller may see it (the view is security_invoker: RLS decides),
 * or undefined when the lead is not visible or has no current assignment. `at` evaluates the rules
 * at another moment (tests, what-if); the default is the transaction's clock.
 */
export async function readProtection(tx: Tx, leadId: string, at?: Date): Promise<ProtectionRow | undefined> {
  if (at) await tx.$executeRaw`SELECT set_config('app.now', ${at.toISOString()}, true)`;
  const rows = await tx.$queryRaw<ProtectionRow[]>`
    SELECT ${protectionColumns} FROM v_lead_protection WHERE lead_id = ${leadId}::uuid`;
  return rows[0];
}

/** The columns of a ProtectionRow, as v_lead_protection gives them. */
const protectionColumns = Prisma.sql`
  lead_id, org_id, assignment_id, owner_user_id, assigned_at, last_qual_activity_at,
  last_progress_at, extension_days,
  extract(epoch FROM paused_since_assigned)::float8 AS paused_seconds,
  base_until, progress_until, valid_until, grace_until, status, due_soon, reminder_due_at,
  mode, hold_open`;

export interface LeadAccessRow {
  id: string;
  orgId: string;
  protection: ProtectionRow | undefined;
  collaborators: { userId: string; role: string }[];
}

/**
 * What a lead's access rules read, in one statement (one round trip on every lead request): its
 * id and organisation, the protection of its current assignment, and its collaborators; undefined
 * when the caller cannot see the lead (RLS, as for each part on its own).
 */
export async function readLeadAccess(tx: Tx, leadId: string): Promise<LeadAccessRow | undefined> {
  const [row] = await tx.$queryRaw<
    (Omit<ProtectionRow, "lead_id" | "org_id"> & {
      lead_id: string | null;
      id: string;
      lead_org_id: string;
      collaborators: { userId: string; role: string }[];
    })[]
  >`
    SELECT l.id, l.org_id AS lead_org_id,
           (SELECT coalesce(json_agg(json_build_object('userId', c.user_id, 'role', c.role)), '[]'::json)
              FROM lead_collaborator c WHERE c.lead_id = l.id) AS collaborators,
           p.*
    FROM lead l
    LEFT JOIN LATERAL (SELECT ${protectionColumns} FROM v_lead_protection
                       WHERE lead_id = ${leadId}::uuid) p ON true
    WHERE l.id = ${leadId}::uuid`;
  if (!row) return undefined;
  const { id, lead_org_id, collaborators, ...protection } = row;
  return {
    id,
    orgId: lead_org_id,
    protection: protection.lead_id === null ? undefined : (protection as ProtectionRow),
    collaborators,
  };
}

export interface LeadListRow {
  id: string;
  company_name: string;
  city: string;
  industry: string | null;
  stage: number;
  created_at: Date;
  /** The current (else the last) assignment's start: the contract's registration moment. */
  registered_at: Date;
  /** The sort key's value as PostgreSQL writes it (timestamps to the microsecond): the keyset cursor. */
  cursor_value: string;
  owner_user_id: string | null;
  owner_name: string | null;
  status: "ACTIVE" | "GRACE" | "EXPIRED" | null;
  valid_until: Date | null;
  grace_until: Date | null;
  reminder_due_at: Date | null;
  due_soon: boolean | null;
  last_qual_activity_at: Date | null;
  hold_open: boolean | null;
}

export interface LeadListFilter {
  status?: "ACTIVE" | "GRACE" | "EXPIRED";
  ownerUserId?: string;
  dueSoon?: boolean;
  /** The next deadline within this many days (see dueWithin). */
  dueWithinDays?: number;
  holdOpen?: boolean;
  extension?: "pending" | "decided";
  q?: string;
  sort: { key: TLeadSortKey; desc: boolean };
  after?: { value: string; id: string };
  /** Rows to skip before the page (a page by its number); not with `after`. */
  offset?: number;
  limit: number;
}

/** How far back "decided recently" reaches for extension requests (the list's and the overview's). */
export const RECENT_DECISION_DAYS = 7;

/**
 * The protection `p` (a row of app_lead_protection_of) has its next deadline within `days`: the end
 * of protection while ACTIVE, the end of the grace period in GRACE; a lead whose clock a hold stops
 * is not due. The lead list's `due` filter and the overview's counts share it.
 */
export function dueWithin(days: number): Prisma.Sql {
  return Prisma.sql`(NOT coalesce(p.hold_open, false) AND CASE p.status
      WHEN 'ACTIVE' THEN p.valid_until WHEN 'GRACE' THEN p.grace_until END
      <= app_now() + make_interval(days => ${days}))`;
}

/** The lead `l` has an extension request pending, or one decided in the last RECENT_DECISION_DAYS. */
export function hasExtensionRequest(which: "pending" | "decided"): Prisma.Sql {
  const status =
    which === "pending"
      ? Prisma.sql`r.status = 'PENDING'`
      : Prisma.sql`r.status IN ('APPROVED', 'DENIED')
                   AND r.decided_at >= app_now() - make_interval(days => ${RECENT_DECISION_DAYS})`;
  return Prisma.sql`EXISTS (SELECT 1 FROM lead_extension_request r WHERE r.lead_id = l.id AND ${status})`;
}

/**
 * What the list sorts by; ties are broken by id, so the keyset (value, id) is unique.
 * `protectedUntil` is the moment protection ends as the triggers keep it (expires_at); a lead
 * without an owner, or held by an open hold, sorts as "never".
 */
const REGISTERED_AT = Prisma.sql`coalesce((SELECT a.assigned_at FROM lead_assignment a WHERE a.lead_id = l.id
                                    ORDER BY a.released_at IS NULL DESC, a.assigned_at DESC LIMIT 1),
                                   l.created_at)`;
const SORT_COLUMNS: Record<TLeadSortKey, { expr: Prisma.Sql; type: Prisma.Sql }> = {
  createdAt: { expr: Prisma.sql`l.created_at`, type: Prisma.sql`timestamptz` },
  registeredAt: { expr: REGISTERED_AT, type: Prisma.sql`timestamptz` },
  companyName: { expr: Prisma.sql`l.company_name`, type: Prisma.sql`text` },
  city: { expr: Prisma.sql`l.city`, type: Prisma.sql`text` },
  protectedUntil: {
    expr: Prisma.sql`coalesce((SELECT a.expires_at FROM lead_assignment a
                               WHERE a.lead_id = l.id AND a.released_at IS NULL), 'infinity'::timestamptz)`,
    type: Prisma.sql`timestamptz`,
  },
};

/** The same orders for one owner, as the indexes of 20261129169000_lead_list_order.sql have them. */
const OWNER_SORT_COLUMNS: Partial<Record<TLeadSortKey, { expr: Prisma.Sql; type: Prisma.Sql }>> = {
  createdAt: { expr: Prisma.sql`a.lead_created_at`, type: Prisma.sql`timestamptz` },
  registeredAt: { expr: Prisma.sql`a.assigned_at`, type: Prisma.sql`timestamptz` },
  protectedUntil: {
    expr: Prisma.sql`coalesce(a.expires_at, 'infinity'::timestamptz)`,
    type: Prisma.sql`timestamptz`,
  },
};

/**
 * Leads the caller may see, in the order asked for, with their protection; keyset-paginated. The page is
 * chosen first (by owner through its index, search and cursor) and the protection computed only
 * for its rows — unless the caller filters by protection, which needs it for every candidate.
 */
export function listLeadRows(tx: Tx, filter: LeadListFilter): Promise<LeadListRow[]> {
  const candidates: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    candidates.push(Prisma.sql`(l.company_name ILIKE ${pattern} OR l.city ILIKE ${pattern})`);
  }
  if (filter.extension) candidates.push(hasExtensionRequest(filter.extension));
  // One owner's leads by registration or by end of protection: the owner's indexes on
  // lead_assignment yield the rows in page order, so the scan stops after the page. Other orders
  // and owners start from the owner's assignments (an index range); OFFSET 0 fences that join, so
  // the planner cannot turn it into a walk over all leads in order, checking each against RLS.
  const ownerColumn = filter.ownerUserId !== undefined ? OWNER_SORT_COLUMNS[filter.sort.key] : undefined;
  const ownerIndexed = ownerColumn !== undefined;
  const { expr, type } = ownerColumn ?? SORT_COLUMNS[filter.sort.key];
  const direction = filter.sort.desc ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  if (filter.after) {
    const beyond = filter.sort.desc ? Prisma.sql`<` : Prisma.sql`>`;
    candidates.push(
      Prisma.sql`(${expr}, ${ownerIndexed ? Prisma.sql`a.lead_id` : Prisma.sql`l.id`}) ${beyond} (${filter.after.value}::${type}, ${filter.after.id}::uuid)`,
    );
  }
  const source = ownerIndexed
    ? Prisma.sql`lead_assignment a JOIN lead l ON l.id = a.lead_id
                 AND a.released_at IS NULL AND a.owner_user_id = ${filter.ownerUserId}::uuid`
    : filter.ownerUserId
      ? Prisma.sql`(SELECT l.* FROM lead_assignment a JOIN lead l ON l.id = a.lead_id
                    WHERE a.released_at IS NULL AND a.owner_user_id = ${filter.ownerUserId}::uuid
                    OFFSET 0) l`
      : Prisma.sql`lead l`;

  const byProtection: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (filter.status) byProtection.push(Prisma.sql`p.status = ${filter.status}`);
  if (filter.dueSoon !== undefined)
    byProtection.push(Prisma.sql`coalesce(p.due_soon, false) = ${filter.dueSoon}`);
  if (filter.dueWithinDays !== undefined) byProtection.push(dueWithin(filter.dueWithinDays));
  if (filter.holdOpen !== undefined)
    byProtection.push(Prisma.sql`coalesce(p.hold_open, false) = ${filter.holdOpen}`);
  const pageFirst = byProtection.length === 1;
  const limit = filter.limit + 1;
  const offset = filter.offset ? Prisma.sql`OFFSET ${filter.offset}` : Prisma.empty;

  // The page carries the lead's columns, so the lead table is read (and its policy checked) once.
  return tx.$queryRaw<LeadListRow[]>`
    WITH page AS (
      SELECT l.id, l.company_name, l.city, l.industry, l.stage, l.created_at,
             ${ownerIndexed ? Prisma.sql`a.assigned_at` : REGISTERED_AT} AS registered_at,
             ${expr} AS sort_value, (${expr})::text AS cursor_value
      FROM ${source}
      WHERE ${Prisma.join(candidates, " AND ")}
      ORDER BY sort_value ${direction}, ${ownerIndexed ? Prisma.sql`a.lead_id` : Prisma.sql`l.id`} ${direction}
      ${pageFirst ? Prisma.sql`LIMIT ${limit} ${offset}` : Prisma.empty}
    )
    SELECT l.id, l.company_name, l.city, l.industry, l.stage, l.created_at, l.registered_at, l.cursor_value,
           p.owner_user_id, u.name AS owner_name, p.status, p.valid_until, p.grace_until,
           p.reminder_due_at, p.due_soon, p.last_qual_activity_at, p.hold_open
    FROM page l
    LEFT JOIN LATERAL app_lead_protection_of(l.id, app_now()) p ON true
    LEFT JOIN app_user u ON u.id = p.owner_user_id
    WHERE ${Prisma.join(byProtection, " AND ")}
    ORDER BY l.sort_value ${direction}, l.id ${direction}
    LIMIT ${limit} ${pageFirst ? Prisma.empty : offset}`;
}

/** A lead's activities and assignments, oldest first (its protection timeline). */
export async function readLeadHistory(tx: Tx, leadId: string) {
  const activities = await tx.leadActivity.findMany({ where: { leadId }, orderBy: { at: "asc" } });
  const assignments = await tx.leadAssignment.findMany({ where: { leadId }, orderBy: { assignedAt: "asc" } });
  return { activities, assignments };
}

/** The organisation's members by name, for names and pickers. */
export async function listMemberRows(tx: Tx, orgId: string) {
  return tx.membership.findMany({
    where: { orgId },
    select: { role: true, user: { select: { id: true, name: true } } },
    orderBy: { user: { name: "asc" } },
  });
}

/** Extension requests waiting for a manager's decision, oldest first, with the protection they extend. */
export function listPendingExtensionRows(tx: Tx, limit: number) {
  return tx.$queryRaw<
    {
      id: string;
      lead_id: string;
      company_name: string;
      city: string;
      days: number;
      reason: string;
      requested_at: Date;
      escalated_at: Date | null;
      requester: string | null;
      base_until: Date | null;
      valid_until: Date | null;
    }[]
  >`
    SELECT r.id, r.lead_id, l.company_name, l.city, r.days, r.reason, r.requested_at, r.escalated_at,
           u.name AS requester, p.base_until, p.valid_until
    FROM lead_extension_request r
    JOIN lead l ON l.id = r.lead_id
    LEFT JOIN app_user u ON u.id = r.requested_by
    LEFT JOIN LATERAL app_lead_protection_of(l.id, app_now()) p ON p.assignment_id = r.assignment_id
    WHERE r.status = 'PENDING'
    ORDER BY r.requested_at
    LIMIT ${limit}`;
}

/** Leads whose assignment was released on expiry in the last `days`, newest first. */
export function listRecentlyReleasedRows(tx: Tx, days: number, limit: number) {
  return tx.$queryRaw<
    { id: string; company_name: string; city: string; owner_name: string | null; released_at: Date }[]
  >`
    SELECT l.id, l.company_name, l.city, u.name AS owner_name, a.released_at
    FROM lead_assignment a
    JOIN lead l ON l.id = a.lead_id
    LEFT JOIN app_user u ON u.id = a.owner_user_id
    WHERE a.release_reason = 'EXPIRED'
      AND a.released_at >= app_now() - make_interval(days => ${days})
    ORDER BY a.released_at DESC
    LIMIT ${limit}`;
}
