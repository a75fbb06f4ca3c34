import "server-only";

import { recordAudit } from "@/lib/audit/service";
import { authorize } from "@/lib/auth/policy";
import { Prisma, withOrg, type MemberContext, type OrgContext } from "@/lib/db";
import { AppError } from "@/lib/errors";

import type { TUpdateAlertRule } from "./schemas";

/**
 * The Alerts page's service: the rules and their episodes, for the operator's admins (alert.read,
 * alert.manage; alert_rule's and alert_event's policies say the same). Installation-wide, seen from
 * the caller's organisation.
 */

export interface AlertRuleView {
  id: string;
  metric: string;
  comparison: "above" | "below";
  threshold: number;
  durationSeconds: number;
  enabled: boolean;
  updatedAt: string;
  /** The rule's open episode, if any. */
  state: "ok" | "pending" | "firing";
}

export interface AlertEventView {
  id: string;
  metric: string;
  state: "pending" | "firing" | "resolved" | "cleared";
  comparison: "above" | "below";
  threshold: number;
  startedAt: string;
  firedAt: string | null;
  endedAt: string | null;
  firstValue: number | null;
  firedValue: number | null;
  lastValue: number | null;
}

const resource = (ctx: OrgContext) => ({ type: "alert", orgId: ctx.orgId });
const num = (d: Prisma.Decimal | null) => (d === null ? null : Number(d));
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function listAlerts(
  ctx: MemberContext,
  limit = 100,
): Promise<{ rules: AlertRuleView[]; events: AlertEventView[] }> {
  authorize(ctx, "alert.read", resource(ctx));
  return withOrg(ctx, async (tx) => {
    const [rules, events] = [
      await tx.alertRule.findMany({ orderBy: { metric: "asc" } }),
      await tx.alertEvent.findMany({ orderBy: { startedAt: "desc" }, take: limit }),
    ];
    const open = await tx.alertEvent.findMany({
      where: { state: { in: ["pending", "firing"] } },
      select: { ruleId: true, state: true },
    });
    const openState = new Map(open.map((e) => [e.ruleId, e.state as "pending" | "firing"]));
    return {
      rules: rules.map((r) => ({
        id: r.id,
        metric: r.metric,
        comparison: r.comparison as "above" | "below",
        threshold: Number(r.threshold),
        durationSeconds: r.durationSeconds,
        enabled: r.enabled,
        updatedAt: r.updatedAt.toISOString(),
        state: openState.get(r.id) ?? "ok",
      })),
      events: events.map((e) => ({
        id: e.id,
        metric: e.metric,
        state: e.state as AlertEventView["state"],
        comparison: e.comparison as "above" | "below",
        threshold: Number(e.threshold),
        startedAt: e.startedAt.toISOString(),
        firedAt: iso(e.firedAt),
        endedAt: iso(e.endedAt),
        firstValue: num(e.firstValue),
        firedValue: num(e.firedValue),
        lastValue: num(e.lastValue),
      })),
    };
  });
}

/** Changes a rule's threshold, duration and switch; audited in the caller's organisation. */
export async function updateAlertRule(ctx: MemberContext, input: TUpdateAlertRule): Promise<AlertRuleView> {
  authorize(ctx, "alert.manage", resource(ctx));
  return withOrg(ctx, async (tx) => {
    const before = await tx.alertRule.findUnique({ where: { id: input.id } });
    if (!before) throw new AppError("not_found", "No such alert rule.");
    const after = await tx.alertRule.update({
      where: { id: input.id },
      data: {
        threshold: new Prisma.Decimal(input.threshold),
        durationSeconds: input.durationSeconds,
        enabled: input.enabled,
        updatedAt: new Date(),
        updatedBy: ctx.userId,
      },
    });
    const summary = (r: typeof before) => ({
      threshold: Number(r.threshold),
      durationSeconds: r.durationSeconds,
      enabled: r.enabled,
    });
    await recordAudit(tx, ctx, {
      action: "system.alert_rule.updated",
      resourceType: "alert_rule",
      resourceId: after.id,
      before: { metric: before.metric, ...summary(before) },
      after: { metric: after.metric, ...summary(after) },
    });
    const open = await tx.alertEvent.findFirst({
      where: { ruleId: after.id, state: { in: ["pending", "firing"] } },
      select: { state: true },
    });
    return {
      id: after.id,
      metric: after.metric,
      comparison: after.comparison as "above" | "below",
      threshold: Number(after.threshold),
      durationSeconds: after.durationSeconds,
      enabled: after.enabled,
      updatedAt: after.updatedAt.toISOString(),
      state: (open?.state as "pending" | "firing" | undefined) ?? "ok",
    };
  });
}
