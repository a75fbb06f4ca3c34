import "server-only";

import { recordAudit } from "@/lib/audit/service";
import type { OrgContext, Tx } from "@/lib/db";

import { activeMembers, enqueue, LEAD_TEMPLATES, readNotifySettings, recipientsOf } from "../outbox";
import type { DailyCounts } from "./common";

// c: escalation ----------------------------------------------------------------------------------

/** Spec, "Extension on request": undecided for this long, a request escalates to the admins. */
export const ESCALATE_AFTER_HOURS = 48;

/**
 * Marks each request PENDING for 48 hours once (escalated_at) and tells the organisation's admins.
 * Requests of an assignment that has ended are left alone: nobody can decide them any more.
 */
export async function escalate(tx: Tx, ctx: OrgContext, now: Date): Promise<Partial<DailyCounts>> {
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
