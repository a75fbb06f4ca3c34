import "server-only";

import { Prisma, type OrgContext, type Tx } from "@/lib/db";

import { LEAD_TEMPLATES, recipientsOf, type Member, type NotifySettings } from "../outbox";
import { protectionOf, type Notice } from "./common";

// a: reminders (REMINDER_60D, GRACE_EXPIRY) through the outbox ------------------------------------

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
export const dueReminders = (now: Date) => Prisma.sql`
  SELECT p.lead_id, p.assignment_id, 'REMINDER_60D'::text AS type, p.progress_until AS due_at
  FROM p WHERE NOT p.hold_open AND p.status <> 'EXPIRED' AND p.progress_until <= ${now}::timestamptz
  UNION ALL
  SELECT p.lead_id, p.assignment_id, 'GRACE_EXPIRY'::text, p.valid_until
  FROM p WHERE NOT p.hold_open AND p.status = 'GRACE'`;

export interface Sent {
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

/**
 * Records the reminders due at `now` for the leads `ids` selects; only the run whose insert
 * succeeded (lead_reminder's UNIQUE (assignment_id, type, due_at)) gets them back, to send.
 */
export function recordDueReminders(tx: Tx, ctx: OrgContext, now: Date, ids: Prisma.Sql): Promise<Sent[]> {
  return tx.$queryRaw<Sent[]>`
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
}

/** REMINDER_60D to the owner; GRACE_EXPIRY to the owner and the notify roles. */
export function reminderNotice(s: Sent, members: readonly Member[], settings: NotifySettings): Notice {
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
