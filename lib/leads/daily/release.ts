import "server-only";

import { type Prisma, type Tx } from "@/lib/db";

import { LEAD_TEMPLATES, recipientsOf, type Member, type NotifySettings } from "../outbox";
import { protectionOf, type Notice } from "./common";

// b: release of EXPIRED assignments --------------------------------------------------------------

export interface Released {
  assignment_id: string;
  lead_id: string;
  owner_user_id: string;
  company_name: string;
  city: string;
  grace_until: Date;
}

/** Releases the EXPIRED assignments of the leads `ids` selects, once (`released_at IS NULL`). */
export function releaseExpired(tx: Tx, now: Date, ids: Prisma.Sql): Promise<Released[]> {
  return tx.$queryRaw<Released[]>`
    WITH p AS MATERIALIZED (${protectionOf(ids, now)})
    UPDATE lead_assignment a SET released_at = ${now}::timestamptz, release_reason = 'EXPIRED'
    FROM p WHERE a.id = p.assignment_id AND a.released_at IS NULL AND p.status = 'EXPIRED'
    RETURNING a.id AS assignment_id, a.lead_id, a.owner_user_id, p.company_name, p.city, p.grace_until`;
}

/** The owner and the notify roles hear of the release; the audit trail records it. */
export function releaseNotice(
  now: Date,
  r: Released,
  members: readonly Member[],
  settings: NotifySettings,
): Notice {
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
