import "server-only";

import { recordAudit, recordAudits } from "@/lib/audit/service";
import { can } from "@/lib/auth/policy";
import { withOrg, type DbContext, type Tx, type MemberContext } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { assertNotFuture, CLOCK_DRIFT_MS, loadLead } from "./access";
import { protectionDto } from "./dto";
import { readProtection } from "./queries";
import {
  type TCreateHold,
  type TExtensionDecision,
  type TExtensionRequest,
  type TLogActivity,
} from "./schemas";

/**
 * What moves a lead's clock: activities (progress), holds (stop-the-clock) and extensions. Each
 * answer carries the protection as it is after the change, so the caller sees the deadline move.
 */

export async function logActivity(ctx: MemberContext, leadId: string, input: TLogActivity) {
  return withOrg(ctx, (tx) => logActivityIn(tx, ctx, leadId, input));
}

/** logActivity inside the caller's transaction (a confirmed inbox suggestion, lib/integrations). */
export async function logActivityIn(tx: Tx, ctx: MemberContext, leadId: string, input: TLogActivity) {
  const at = input.at ?? new Date();
  assertNotFuture(at, "at");
  const { protection } = await loadLead(tx, ctx, leadId, "lead.activity.log");
  if (protection && at < protection.assigned_at) {
    throw new AppError("bad_request", "An activity cannot lie before the lead was assigned.", {
      text: { code: "leads.errors.activityBeforeAssignment" },
      fieldErrors: [
        {
          path: "at",
          message: `must not be before ${protection.assigned_at.toISOString()}`,
          code: "leads.fieldErrors.beforeAssignment",
          params: { value: protection.assigned_at },
        },
      ],
    });
  }
  const activity = await tx.leadActivity.create({
    data: {
      orgId: ctx.orgId,
      leadId,
      kind: input.kind,
      at,
      note: input.note ?? null,
      createdBy: ctx.userId,
    },
  });
  await recordAudit(tx, ctx, {
    action: "lead.activity.logged",
    resourceType: "lead",
    resourceId: leadId,
    after: { activityId: activity.id, kind: input.kind, at },
  });
  return {
    id: activity.id,
    kind: activity.kind,
    at: activity.at.toISOString(),
    note: activity.note,
    protection: protectionDto(await readProtection(tx, leadId)),
  };
}

export async function createHold(ctx: MemberContext, leadId: string, input: TCreateHold) {
  const now = Date.now();
  const startAt = input.startAt ?? new Date(now);
  if (
    startAt.getTime() < now - CLOCK_DRIFT_MS &&
    !can(ctx, "lead.manage", { type: "lead", orgId: ctx.orgId })
  ) {
    throw new AppError("forbidden", "Only managers and admins may start a hold in the past.", {
      text: { code: "leads.errors.holdPast" },
    });
  }
  if (input.endAt && input.endAt <= startAt) {
    throw new AppError("bad_request", "A hold must end after it starts.", {
      text: { code: "leads.errors.holdEndBeforeStart" },
      fieldErrors: [
        { path: "endAt", message: "must be after startAt", code: "leads.fieldErrors.afterStart" },
      ],
    });
  }
  return withOrg(ctx, async (tx) => {
    const { protection } = await loadLead(tx, ctx, leadId, "lead.write");
    if (!protection)
      throw new AppError("conflict", "The lead has no current owner: there is no clock to stop.", {
        text: { code: "leads.errors.noOwner" },
      });
    if (protection.status === "EXPIRED") {
      throw new AppError("conflict", "The lead's protection has expired: a hold cannot revive it.", {
        text: { code: "leads.errors.holdExpired" },
      });
    }
    const hold = await tx.leadHold.create({
      data: {
        orgId: ctx.orgId,
        leadId,
        reason: input.reason,
        startAt,
        endAt: input.endAt ?? null,
        note: input.note ?? null,
        createdBy: ctx.userId,
      },
    });
    await recordAudit(tx, ctx, {
      action: "lead.hold.created",
      resourceType: "lead",
      resourceId: leadId,
      after: { holdId: hold.id, reason: hold.reason, startAt: hold.startAt, endAt: hold.endAt },
    });
    return {
      id: hold.id,
      reason: hold.reason,
      startAt: hold.startAt.toISOString(),
      endAt: hold.endAt?.toISOString() ?? null,
      protection: protectionDto(await readProtection(tx, leadId)),
    };
  });
}

/** Ends an open hold now. */
export async function endHold(ctx: MemberContext, leadId: string, holdId: string): Promise<void> {
  await withOrg(ctx, async (tx) => {
    await loadLead(tx, ctx, leadId, "lead.write");
    const hold = await tx.leadHold.findFirst({ where: { id: holdId, leadId } });
    if (!hold)
      throw new AppError("not_found", "No such hold on this lead.", {
        text: { code: "leads.errors.notFound" },
      });
    const now = new Date();
    if (hold.endAt !== null && hold.endAt <= now)
      throw new AppError("conflict", "The hold has ended already.", {
        text: { code: "leads.errors.holdEnded" },
      });
    if (hold.startAt >= now)
      throw new AppError("conflict", "The hold has not started yet.", {
        text: { code: "leads.errors.holdNotStarted" },
      });
    await tx.leadHold.update({ where: { id: holdId }, data: { endAt: now } });
    await recordAudit(tx, ctx, {
      action: "lead.hold.ended",
      resourceType: "lead",
      resourceId: leadId,
      before: { holdId, endAt: hold.endAt },
      after: { holdId, endAt: now },
    });
  });
}

/** §2(8)(e): the owner (or a manager) asks for more days; one open request per assignment. */
export async function requestExtension(ctx: MemberContext, leadId: string, input: TExtensionRequest) {
  return withOrg(ctx, async (tx) => {
    const { protection } = await loadLead(tx, ctx, leadId, "lead.write");
    if (!protection || protection.status === "EXPIRED") {
      throw new AppError("conflict", "Only a protected lead can be extended.", {
        text: { code: "leads.errors.extensionUnprotected" },
      });
    }
    const pending = await tx.leadExtensionRequest.findFirst({
      where: { assignmentId: protection.assignment_id, status: "PENDING" },
    });
    if (pending)
      throw new AppError("conflict", "An extension request for this lead is waiting for a decision.", {
        text: { code: "leads.errors.extensionPending" },
      });
    const request = await tx.leadExtensionRequest.create({
      data: {
        orgId: ctx.orgId,
        leadId,
        assignmentId: protection.assignment_id,
        days: input.days,
        reason: input.reason,
        requestedBy: ctx.userId,
      },
    });
    await recordAudit(tx, ctx, {
      action: "lead.extension.requested",
      resourceType: "lead_extension_request",
      resourceId: request.id,
      after: { leadId, days: input.days, reason: input.reason },
    });
    return {
      id: request.id,
      status: request.status,
      days: request.days,
      requestedAt: request.requestedAt.toISOString(),
    };
  });
}

/** Managers and admins approve (adds the days to the base term) or deny, with a comment. */
export async function decideExtension(ctx: MemberContext, requestId: string, input: TExtensionDecision) {
  return withOrg(ctx, async (tx) => {
    const request = await tx.leadExtensionRequest.findUnique({ where: { id: requestId } });
    if (!request)
      throw new AppError("not_found", "No such extension request.", {
        text: { code: "leads.errors.notFound" },
      });
    const { protection } = await loadLead(tx, ctx, request.leadId, "lead.manage");
    if (request.status !== "PENDING")
      throw new AppError("conflict", `The request was ${request.status.toLowerCase()} already.`, {
        text: {
          code: request.status === "CLOSED" ? "leads.errors.alreadyClosed" : "leads.errors.alreadyDecided",
        },
      });
    if (protection?.assignment_id !== request.assignmentId) {
      throw new AppError(
        "conflict",
        "The lead has changed hands since the request; it can no longer be decided.",
        { text: { code: "leads.errors.changedHands" } },
      );
    }
    const status = input.approve ? "APPROVED" : "DENIED";
    const decided = await tx.leadExtensionRequest.update({
      where: { id: requestId },
      data: { status, decidedBy: ctx.userId, decidedAt: new Date(), decisionComment: input.comment },
    });
    await recordAudit(tx, ctx, {
      action: input.approve ? "lead.extension.approved" : "lead.extension.denied",
      resourceType: "lead_extension_request",
      resourceId: requestId,
      before: { status: "PENDING" },
      after: { status, days: request.days, comment: input.comment },
    });
    return {
      id: decided.id,
      status: decided.status,
      days: decided.days,
      decidedAt: decided.decidedAt?.toISOString() ?? null,
      protection: protectionDto(await readProtection(tx, request.leadId)),
    };
  });
}

/**
 * Closes the extension requests still PENDING on assignments that have just ended (expired or
 * reassigned): nobody holds the protection they would extend, so nobody can decide them. Call it
 * in the transaction that releases the assignments; each closed request is audited.
 */
export async function closePendingExtensions(
  tx: Tx,
  ctx: DbContext,
  released: readonly { assignmentId: string; reason: string }[],
  at: Date,
): Promise<number> {
  if (released.length === 0) return 0;
  const rows = await tx.$queryRaw<{ id: string; lead_id: string; days: number; reason: string }[]>`
    UPDATE lead_extension_request r
    SET status = 'CLOSED', decided_at = ${at}::timestamptz,
        decision_comment = 'Closed: the assignment ended (' || e.reason || ').'
    FROM unnest(${released.map((r) => r.assignmentId)}::uuid[], ${released.map((r) => r.reason)}::text[])
         AS e(assignment_id, reason)
    WHERE r.assignment_id = e.assignment_id AND r.status = 'PENDING'
    RETURNING r.id, r.lead_id, r.days, e.reason`;
  await recordAudits(
    tx,
    ctx,
    rows.map((row) => ({
      action: "lead.extension.closed",
      resourceType: "lead_extension_request",
      resourceId: row.id,
      before: { status: "PENDING" },
      after: { status: "CLOSED", leadId: row.lead_id, days: row.days, assignmentEnded: row.reason },
    })),
  );
  return rows.length;
}
