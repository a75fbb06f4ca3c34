import "server-only";

import { Prisma, type Tx } from "@/lib/db";
import { dueWithin, hasExtensionRequest } from "@/lib/leads/queries";
import { LEAD_TEMPLATES } from "@/lib/leads/outbox";

import { OVERVIEW_DAYS } from "./schemas";

/**
 * The overview's counts, each the same predicate the lead list filters by (lib/leads/queries.ts),
 * so a card's number is the length of the list it links to. Everything runs under the caller's
 * RLS context: a partner's counts cannot include a lead they may not see.
 */

interface LeadCounts {
  due: number;
  grace: number;
  hold: number;
  pending: number;
  decided: number;
}

/** Counts over the leads with a current owner, one owner's or (no owner) all the caller sees. */
export async function countLeads(tx: Tx, ownerUserId?: string): Promise<LeadCounts> {
  const owner = ownerUserId ? Prisma.sql`AND a.owner_user_id = ${ownerUserId}::uuid` : Prisma.empty;
  const [row] = await tx.$queryRaw<LeadCounts[]>`
    SELECT count(*) FILTER (WHERE ${dueWithin(OVERVIEW_DAYS)})::int AS due,
           count(*) FILTER (WHERE p.status = 'GRACE')::int AS grace,
           count(*) FILTER (WHERE p.hold_open)::int AS hold,
           count(*) FILTER (WHERE ${hasExtensionRequest("pending")})::int AS pending,
           count(*) FILTER (WHERE ${hasExtensionRequest("decided")})::int AS decided
    FROM lead_assignment a
    JOIN lead l ON l.id = a.lead_id
    CROSS JOIN LATERAL app_lead_protection_of(l.id, app_now()) p
    WHERE a.released_at IS NULL ${owner}`;
  return row;
}

/** Extension requests waiting for a decision, and how many of them were escalated. */
export async function countPendingRequests(tx: Tx): Promise<{ pending: number; escalated: number }> {
  const [row] = await tx.$queryRaw<{ pending: number; escalated: number }[]>`
    SELECT count(*)::int AS pending, count(*) FILTER (WHERE escalated_at IS NOT NULL)::int AS escalated
    FROM lead_extension_request WHERE status = 'PENDING'`;
  return row;
}

/**
 * Protection reminders of the last week: one per lead and deadline (its dedupe key), however many
 * recipients and channels it went to. Managers and admins see the outbox (RLS); others count nothing.
 */
export async function countRemindersSent(tx: Tx): Promise<number> {
  const templates = [LEAD_TEMPLATES.reminder60d, LEAD_TEMPLATES.graceExpiry];
  const [row] = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(DISTINCT dedupe_key)::int AS n FROM notification_outbox
    WHERE template = ANY (${templates}::text[])
      AND created_at >= app_now() - make_interval(days => ${OVERVIEW_DAYS})`;
  return row.n;
}

/** The caller's own in-app rows: the inbox. */
function inbox(userId: string, unreadOnly = false): Prisma.NotificationOutboxWhereInput {
  return { recipientUserId: userId, channel: "INAPP", ...(unreadOnly && { readAt: null }) };
}

export function countUnread(tx: Tx, userId: string): Promise<number> {
  return tx.notificationOutbox.count({ where: inbox(userId, true) });
}

export function listNotificationRows(tx: Tx, userId: string, unreadOnly: boolean, limit: number) {
  return tx.notificationOutbox.findMany({
    where: inbox(userId, unreadOnly),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, template: true, payload: true, createdAt: true, readAt: true },
  });
}

/** One of the caller's own in-app rows, or undefined (another member's row, or none). */
export function findNotificationRow(tx: Tx, userId: string, id: string) {
  return tx.notificationOutbox.findFirst({
    where: { id, ...inbox(userId) },
    select: { id: true, template: true, readAt: true },
  });
}

export async function markRead(tx: Tx, userId: string, id: string): Promise<number> {
  const { count } = await tx.notificationOutbox.updateMany({
    where: { id, ...inbox(userId, true) },
    data: { readAt: new Date() },
  });
  return count;
}

export async function markAllRead(tx: Tx, userId: string): Promise<number> {
  const { count } = await tx.notificationOutbox.updateMany({
    where: inbox(userId, true),
    data: { readAt: new Date() },
  });
  return count;
}
