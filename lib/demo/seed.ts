import "server-only";

import { recordAudits, type AuditInput } from "@/lib/audit/service";
import { withOrg, type DbContext, type Tx } from "@/lib/db";
import { DEMO_LEADS } from "@/lib/samples/demo";

import { demoActivityPlan, type DemoActivityPlan } from "./activity";
import { demoLeadPlan, type PlannedLead } from "./plan";

/**
 * Writes the demo's month of work into one organisation (prisma/seed.ts): the lead plan
 * (plan.ts), then the AI calls, job runs and in-app notifications (activity.ts). Every row goes in
 * through row-level security, as the system acting in the name of the member who did the work, with
 * the audit events the services would write in the same transaction, so `audit:verify` holds.
 * Batch inserts rather than one service call per step keep it to a few seconds.
 *
 * Idempotent: the ids come from the fixed seed; a part whose first row exists is left alone, so a
 * second run adds nothing and changes nothing (the demo logins aside).
 */

export interface DemoMembers {
  orgId: string;
  admin: string;
  manager: string;
  /** The partners' user ids (at least two). */
  partners: string[];
}

export interface DemoSeedResult {
  leads: number;
  aiCalls: number;
  jobRuns: number;
  notifications: number;
}

const inNameOf = (orgId: string, userId: string | null): DbContext & { orgId: string } => ({
  orgId,
  userId,
  roles: ["system"],
});

async function writeLeadsOf(
  tx: Tx,
  orgId: string,
  ownerId: string,
  leads: PlannedLead[],
  partners: string[],
) {
  const audit: AuditInput[] = [];
  await tx.lead.createMany({
    data: leads.map((l) => ({
      id: l.id,
      orgId,
      companyName: l.companyName,
      city: l.city,
      industry: l.industry,
      stage: l.stage,
      contactFirstName: l.contact?.firstName ?? null,
      contactLastName: l.contact?.lastName ?? null,
      contactEmail: l.contact?.email ?? null,
      contactPhone: l.contact?.phone ?? null,
      expectedVolume: l.expectedVolume,
      createdBy: ownerId,
      createdAt: l.assignedAt,
      updatedAt: l.assignedAt,
    })),
  });
  await tx.leadActivity.createMany({
    data: leads.flatMap((l) =>
      l.activities.map((a) => ({
        id: a.id,
        orgId,
        leadId: l.id,
        kind: a.kind,
        at: a.at,
        note: a.note,
        createdBy: ownerId,
      })),
    ),
  });
  const holds = leads.filter((l) => l.hold);
  await tx.leadHold.createMany({
    data: holds.map(({ id: leadId, hold }) => ({ orgId, leadId, ...hold!, createdBy: ownerId })),
  });
  // The assignments after the activities and holds: each row's trigger then computes the lead's
  // protection once, instead of once per activity (the expiry cache, 20261129160000).
  await tx.leadAssignment.createMany({
    data: leads.map((l) => ({
      id: l.assignmentId,
      orgId,
      leadId: l.id,
      ownerUserId: ownerId,
      assignedAt: l.assignedAt,
      releasedAt: l.releasedAt,
      releaseReason: l.releasedAt ? "EXPIRED" : null,
    })),
  });
  const extensions = leads.filter((l) => l.extension);
  await tx.leadExtensionRequest.createMany({
    data: extensions.map((l) => ({
      id: l.extension!.id,
      orgId,
      leadId: l.id,
      assignmentId: l.assignmentId,
      days: l.extension!.days,
      reason: l.extension!.reason,
      requestedBy: ownerId,
      requestedAt: l.extension!.requestedAt,
    })),
  });
  const shared = leads.filter((l) => l.collaborator);
  await tx.leadCollaborator.createMany({
    data: shared.map((l) => ({
      orgId,
      leadId: l.id,
      userId: partners[l.collaborator!.partner],
      role: l.collaborator!.role,
      sharePercent: l.collaborator!.sharePercent,
      addedBy: ownerId,
    })),
  });

  for (const l of leads) {
    audit.push({
      action: "lead.created",
      resourceType: "lead",
      resourceId: l.id,
      after: {
        companyName: l.companyName,
        city: l.city,
        stage: l.stage,
        ownerUserId: ownerId,
        assignedAt: l.assignedAt,
      },
    });
    for (const a of l.activities) {
      audit.push({
        action: "lead.activity.logged",
        resourceType: "lead",
        resourceId: l.id,
        after: { activityId: a.id, kind: a.kind, at: a.at },
      });
    }
    if (l.hold) {
      const { id: holdId, reason, startAt, endAt } = l.hold;
      audit.push({
        action: "lead.hold.created",
        resourceType: "lead",
        resourceId: l.id,
        after: { holdId, reason, startAt, endAt },
      });
    }
    if (l.extension) {
      audit.push({
        action: "lead.extension.requested",
        resourceType: "lead_extension_request",
        resourceId: l.extension.id,
        after: { leadId: l.id, days: l.extension.days, reason: l.extension.reason },
      });
    }
    if (l.collaborator) {
      const { role, sharePercent } = l.collaborator;
      audit.push({
        action: "lead.collaborator.added",
        resourceType: "lead",
        resourceId: l.id,
        after: { userId: partners[l.collaborator.partner], role, sharePercent },
      });
    }
  }
  return audit;
}

/** The leads part: one transaction per partner (their work), then the manager's and the job's. */
async function seedLeads(members: DemoMembers, now: Date): Promise<number> {
  const { orgId, partners } = members;
  const plan = demoLeadPlan(now, partners.length);
  const exists = await withOrg(inNameOf(orgId, null), (tx) => tx.lead.count({ where: { id: plan[0].id } }));
  if (exists > 0) return 0;

  for (const [index, ownerId] of partners.entries()) {
    const ctx = inNameOf(orgId, ownerId);
    await withOrg(ctx, async (tx) => {
      const audit = await writeLeadsOf(
        tx,
        orgId,
        ownerId,
        plan.filter((l) => l.owner === index),
        partners,
      );
      await recordAudits(tx, ctx, audit);
    });
  }

  const approved = plan.filter((l) => l.extension?.outcome === "approved");
  const manager = inNameOf(orgId, members.manager);
  await withOrg(manager, async (tx) => {
    for (const l of approved) {
      const decidedAt = new Date(l.extension!.requestedAt.getTime() + 20 * 3_600_000);
      await tx.leadExtensionRequest.update({
        where: { id: l.extension!.id },
        data: {
          status: "APPROVED",
          decidedBy: members.manager,
          decidedAt,
          decisionComment: "Verkostung abwarten: genehmigt",
        },
      });
    }
    await recordAudits(
      tx,
      manager,
      approved.map((l) => ({
        action: "lead.extension.approved",
        resourceType: "lead_extension_request",
        resourceId: l.extension!.id,
        before: { status: "PENDING" },
        after: { leadId: l.id, status: "APPROVED", days: l.extension!.days },
      })),
    );
  });

  // What the daily job did in the past nights: escalated requests left for 48 h, released leads.
  const system = inNameOf(orgId, null);
  const escalated = plan.filter((l) => l.extension?.outcome === "escalated");
  const released = plan.filter((l) => l.releasedAt);
  await withOrg(system, async (tx) => {
    for (const l of escalated) {
      const escalatedAt = new Date(l.extension!.requestedAt.getTime() + 50 * 3_600_000);
      await tx.leadExtensionRequest.update({ where: { id: l.extension!.id }, data: { escalatedAt } });
    }
    await recordAudits(tx, system, [
      ...escalated.map((l) => ({
        action: "lead.extension.escalated",
        resourceType: "lead_extension_request",
        resourceId: l.extension!.id,
        before: { escalatedAt: null },
        after: { leadId: l.id, requestedAt: l.extension!.requestedAt },
      })),
      ...released.map((l) => ({
        action: "lead.protection.expired",
        resourceType: "lead",
        resourceId: l.id,
        before: { assignmentId: l.assignmentId, ownerUserId: partners[l.owner] },
        after: { releasedAt: l.releasedAt, releaseReason: "EXPIRED" },
      })),
    ]);
  });
  return plan.length;
}

/**
 * This month's calls count against the budgets, as the router's settlement would have booked them,
 * so the AI area's "spent of the cap" agrees with its call log.
 */
async function addToBudgets(tx: Tx, orgId: string, now: Date, calls: DemoActivityPlan["aiCalls"]) {
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const spent = new Map<string, number>();
  for (const call of calls) {
    if (!call.userId || new Date(call.createdAt as Date) < month) continue;
    spent.set(call.userId, (spent.get(call.userId) ?? 0) + Number(call.costEur));
  }
  const total = [...spent.values()].reduce((sum, eur) => sum + eur, 0);
  await tx.aiBudgetOrgMonth.createMany({ data: [{ orgId, month }], skipDuplicates: true });
  await tx.aiBudgetOrgMonth.update({
    where: { orgId_month: { orgId, month } },
    data: { spentEur: { increment: total.toFixed(8) } },
  });
  await tx.aiBudgetUserMonth.createMany({
    data: [...spent.keys()].map((userId) => ({ orgId, userId, month })),
    skipDuplicates: true,
  });
  for (const [userId, eur] of spent) {
    await tx.aiBudgetUserMonth.update({
      where: { orgId_userId_month: { orgId, userId, month } },
      data: { spentEur: { increment: eur.toFixed(8) } },
    });
  }
}

/** Seeds the demo's month of work into `members.orgId`; what it added, by kind (0: was there). */
export async function seedDemoMonth(members: DemoMembers, now = new Date()): Promise<DemoSeedResult> {
  if (members.partners.length < 2) throw new Error("The demo needs at least two partners.");
  const leads = await seedLeads(members, now);
  const plan = demoActivityPlan(now, members, demoLeadPlan(now, members.partners.length));
  const system = inNameOf(members.orgId, null);
  const first = plan.aiCalls[0].id;
  const seeded = await withOrg(system, (tx) => tx.aiCall.count({ where: { id: first } }));
  if (seeded > 0) return { leads, aiCalls: 0, jobRuns: 0, notifications: 0 };
  // A call is logged in its caller's name (ai_call's policy: the caller's own rows).
  let aiCalls = 0;
  for (const userId of new Set(plan.aiCalls.map((c) => c.userId ?? null))) {
    const rows = plan.aiCalls.filter((c) => (c.userId ?? null) === userId);
    aiCalls += await withOrg(
      inNameOf(members.orgId, userId),
      async (tx) => (await tx.aiCall.createMany({ data: rows })).count,
    );
  }
  return withOrg(system, async (tx) => {
    await addToBudgets(tx, members.orgId, now, plan.aiCalls);
    const jobRuns = (await tx.jobRun.createMany({ data: plan.jobRuns, skipDuplicates: true })).count;
    const notifications = (
      await tx.notificationOutbox.createMany({ data: plan.notifications, skipDuplicates: true })
    ).count;
    return { leads, aiCalls, jobRuns, notifications };
  });
}

/** What the guard (guard.ts) decides on: is the month in, and which leads did the demo not make. */
export async function demoOrgFacts(orgId: string, partners: number, now = new Date()) {
  const plan = demoLeadPlan(now, partners);
  return withOrg(inNameOf(orgId, null), async (tx) => {
    const seeded = (await tx.lead.count({ where: { id: plan[0].id } })) > 0;
    const foreignLeads = await tx.lead.count({
      where: {
        NOT: [
          { id: { in: plan.map((l) => l.id) } },
          ...DEMO_LEADS.map(({ companyName, city }) => ({ companyName, city })),
        ],
      },
    });
    return { seeded, foreignLeads };
  });
}
