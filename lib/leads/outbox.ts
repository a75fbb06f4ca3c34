import "server-only";

import type { Prisma, Tx } from "@/lib/db";
import { readEffectiveValue } from "@/lib/settings/queries";
import type { REMINDER_CHANNELS } from "@/lib/settings/registry";

/**
 * The notification outbox (table notification_outbox): every e-mail and in-app notification the
 * lead-protection rules send is one row per recipient and channel, written in the transaction of
 * the change it reports. It is the single place a mail sender will read from (a later issue,
 * all-inkl SMTP: it delivers `channel = 'EMAIL' AND sent_at IS NULL` and sets sent_at); nothing
 * here sends anything. In-app rows are the recipient's inbox as soon as they are committed.
 */

export type OutboxChannel = (typeof REMINDER_CHANNELS)[number];

/** What the sender renders; the payload carries the arguments (ids, ISO dates, company, city). */
export const LEAD_TEMPLATES = {
  reminder60d: "lead.reminder_60d",
  graceExpiry: "lead.grace_expiry",
  expired: "lead.expired",
  extensionEscalated: "lead.extension.escalated",
} as const;
export type LeadTemplate = (typeof LEAD_TEMPLATES)[keyof typeof LEAD_TEMPLATES];

export interface OutboxMessage {
  /** A lead template, or another domain's (e.g. samples.feedback.received). */
  template: LeadTemplate | (string & {});
  /** No personal data: ids, dates, company name and city (stage-0 data, spec "Data protection"). */
  payload: Record<string, string | number | boolean | null>;
  /** What the message is about, e.g. `reminder:<id>`: the same key never reaches a recipient twice. */
  dedupeKey: string;
}

/** One message and who gets it through which channels. */
export interface Outgoing {
  recipients: readonly string[];
  channels: readonly OutboxChannel[];
  message: OutboxMessage;
}

/**
 * Queues one message for every recipient through every channel, in the caller's transaction (the
 * system context: only it may insert). A (recipient, channel, dedupeKey) already queued is skipped,
 * by the table's unique constraint. Returns the number of rows written.
 */
export function enqueue(
  tx: Tx,
  orgId: string,
  recipients: readonly string[],
  channels: readonly OutboxChannel[],
  message: OutboxMessage,
): Promise<number> {
  return enqueueAll(tx, orgId, [{ recipients, channels, message }]);
}

/** Queues several messages in one statement (a job's batch); as enqueue otherwise. */
export async function enqueueAll(tx: Tx, orgId: string, outgoing: readonly Outgoing[]): Promise<number> {
  const data: Prisma.NotificationOutboxCreateManyInput[] = outgoing.flatMap(
    ({ recipients, channels, message }) =>
      [...new Set(recipients)].flatMap((recipientUserId) =>
        [...new Set(channels)].map((channel) => ({
          orgId,
          recipientUserId,
          channel,
          template: message.template,
          payload: message.payload,
          dedupeKey: message.dedupeKey,
        })),
      ),
  );
  if (data.length === 0) return 0;
  const { count } = await tx.notificationOutbox.createMany({ data, skipDuplicates: true });
  return count;
}

/** An active member of the organisation and their role there. */
export interface Member {
  userId: string;
  role: string;
}

/** The organisation's active members: account and membership active (RLS: the caller's organisation only). */
export function activeMembers(tx: Tx, orgId: string): Promise<Member[]> {
  return tx.$queryRaw<Member[]>`
    SELECT m.user_id AS "userId", m.role
    FROM membership m JOIN app_user u ON u.id = m.user_id
    WHERE m.org_id = ${orgId}::uuid AND u.active AND m.active
    ORDER BY m.user_id`;
}

/**
 * Who gets a message: the given users and every member holding one of the roles, each once, and
 * only active members of the organisation (someone who left, or was deactivated, gets nothing).
 */
export function recipientsOf(
  members: readonly Member[],
  who: { userIds?: readonly (string | null)[]; roles?: readonly string[] },
): string[] {
  const users = new Set(who.userIds ?? []);
  const roles = new Set(who.roles ?? []);
  return [...new Set(members.filter((m) => users.has(m.userId) || roles.has(m.role)).map((m) => m.userId))];
}

/** Who besides the owner hears about a lead's protection, and through which channels (settings). */
export interface NotifySettings {
  roles: readonly string[];
  channels: readonly OutboxChannel[];
}

export async function readNotifySettings(tx: Tx, orgId: string): Promise<NotifySettings> {
  const ctx = { orgId, userId: null };
  return {
    roles: await readEffectiveValue(tx, ctx, "lead.protection.notify.roles"),
    channels: await readEffectiveValue(tx, ctx, "lead.protection.reminder.channels"),
  };
}

export interface InAppNotification {
  id: string;
  template: string;
  payload: Prisma.JsonValue;
  createdAt: Date;
}

/** The caller's own in-app notifications, newest first (RLS shows a member only their own). */
export function listInAppNotifications(tx: Tx, userId: string, limit = 50): Promise<InAppNotification[]> {
  return tx.notificationOutbox.findMany({
    where: { recipientUserId: userId, channel: "INAPP" },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, template: true, payload: true, createdAt: true },
  });
}
