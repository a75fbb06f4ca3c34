import "server-only";

import { authorize, can } from "@/lib/auth/policy";
import { withOrg } from "@/lib/db";

import { loadLead, type LeadContext } from "./access";
import { listLeadRows } from "./queries";

/**
 * Reads only the admin UI needs, beside the REST API: a lead's history for its protection
 * timeline, the members for pickers, and the managers' queue. Same access rules as service.ts:
 * loadLead (ABAC, then RLS) for one lead, the policy table for the queue.
 */

export interface MemberOption {
  id: string;
  name: string;
  role: string;
}

export interface LeadTimeline {
  activities: { id: string; kind: string; at: string; note: string | null; createdBy: string | null }[];
  assignments: {
    id: string;
    ownerUserId: string;
    assignedAt: string;
    releasedAt: string | null;
    releaseReason: string | null;
  }[];
  /** The organisation's members, for names and the pickers (collaborators, new owner). */
  members: MemberOption[];
  /** What the caller may do on this lead, by the same rules the services apply. */
  can: { write: boolean; logActivity: boolean; manage: boolean };
}

/** Everything that happened to a lead, oldest first, with what the caller may do next. */
export async function getLeadTimeline(ctx: LeadContext, leadId: string): Promise<LeadTimeline> {
  return withOrg(ctx, async (tx) => {
    const { resource } = await loadLead(tx, ctx, leadId, "lead.read");
    const activities = await tx.leadActivity.findMany({ where: { leadId }, orderBy: { at: "asc" } });
    const assignments = await tx.leadAssignment.findMany({
      where: { leadId },
      orderBy: { assignedAt: "asc" },
    });
    const members = await tx.membership.findMany({
      where: { orgId: ctx.orgId },
      select: { role: true, user: { select: { id: true, name: true } } },
      orderBy: { user: { name: "asc" } },
    });
    const subject = { userId: ctx.userId, orgId: ctx.orgId, roles: ctx.roles };
    return {
      activities: activities.map((a) => ({
        id: a.id,
        kind: a.kind,
        at: a.at.toISOString(),
        note: a.note,
        createdBy: a.createdBy,
      })),
      assignments: assignments.map((a) => ({
        id: a.id,
        ownerUserId: a.ownerUserId,
        assignedAt: a.assignedAt.toISOString(),
        releasedAt: a.releasedAt?.toISOString() ?? null,
        releaseReason: a.releaseReason,
      })),
      members: members.map((m) => ({ id: m.user.id, name: m.user.name, role: m.role })),
      can: {
        write: can(subject, "lead.write", resource),
        logActivity: can(subject, "lead.activity.log", resource),
        manage: can(subject, "lead.manage", resource),
      },
    };
  });
}

export interface QueueLead {
  id: string;
  companyName: string;
  city: string;
  ownerName: string | null;
  /** GRACE: when protection lapses; expired: when it lapsed (grace end) or was released. */
  at: string | null;
}

export interface ManagerQueue {
  pending: {
    id: string;
    leadId: string;
    companyName: string;
    city: string;
    days: number;
    reason: string;
    requestedAt: string;
    escalatedAt: string | null;
    requestedBy: string | null;
    baseUntil: string | null;
    validUntil: string | null;
  }[];
  grace: QueueLead[];
  expired: QueueLead[];
}

/** How far back "recently expired" reaches. */
export const RECENTLY_EXPIRED_DAYS = 30;
const QUEUE_LIMIT = 100;

/** Managers and admins: extension requests waiting for a decision, leads in GRACE, recent expiries. */
export async function getManagerQueue(ctx: LeadContext): Promise<ManagerQueue> {
  authorize({ userId: ctx.userId, orgId: ctx.orgId, roles: ctx.roles }, "lead.manage", {
    type: "lead",
    orgId: ctx.orgId,
  });
  return withOrg(ctx, async (tx) => {
    const pending = await tx.$queryRaw<
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
      LIMIT ${QUEUE_LIMIT}`;
    // Soonest to lapse first: those are the ones a manager can still save.
    const soonest = { key: "protectedUntil", desc: false } as const;
    const grace = await listLeadRows(tx, { status: "GRACE", sort: soonest, limit: QUEUE_LIMIT });
    const unreleased = await listLeadRows(tx, { status: "EXPIRED", sort: soonest, limit: QUEUE_LIMIT });
    const released = await tx.$queryRaw<
      { id: string; company_name: string; city: string; owner_name: string | null; released_at: Date }[]
    >`
      SELECT l.id, l.company_name, l.city, u.name AS owner_name, a.released_at
      FROM lead_assignment a
      JOIN lead l ON l.id = a.lead_id
      LEFT JOIN app_user u ON u.id = a.owner_user_id
      WHERE a.release_reason = 'EXPIRED'
        AND a.released_at >= app_now() - make_interval(days => ${RECENTLY_EXPIRED_DAYS})
      ORDER BY a.released_at DESC
      LIMIT ${QUEUE_LIMIT}`;
    const iso = (d: Date | null) => d?.toISOString() ?? null;
    return {
      pending: pending.map((r) => ({
        id: r.id,
        leadId: r.lead_id,
        companyName: r.company_name,
        city: r.city,
        days: r.days,
        reason: r.reason,
        requestedAt: r.requested_at.toISOString(),
        escalatedAt: iso(r.escalated_at),
        requestedBy: r.requester,
        baseUntil: iso(r.base_until),
        validUntil: iso(r.valid_until),
      })),
      grace: grace.slice(0, QUEUE_LIMIT).map((r) => ({
        id: r.id,
        companyName: r.company_name,
        city: r.city,
        ownerName: r.owner_name,
        at: iso(r.grace_until),
      })),
      expired: [
        ...unreleased.slice(0, QUEUE_LIMIT).map((r) => ({
          id: r.id,
          companyName: r.company_name,
          city: r.city,
          ownerName: r.owner_name,
          at: iso(r.grace_until),
        })),
        ...released.map((r) => ({
          id: r.id,
          companyName: r.company_name,
          city: r.city,
          ownerName: r.owner_name,
          at: r.released_at.toISOString(),
        })),
      ],
    };
  });
}
