import "server-only";

import { Prisma, systemContext, withContext, withOrg, type DbContext, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { activeMembers, enqueue, recipientsOf } from "@/lib/leads/outbox";

import type { AlertMetric } from "./health-report";

/**
 * Alert evaluation (issue 15): each enabled rule (alert_rule) compares its metric with its
 * threshold. While the condition holds, the rule has one open episode (alert_event): pending until
 * the condition has held for the rule's duration, then firing — which notifies the operator's admins
 * in the app and by e-mail through the notification outbox, once (the outbox's dedupe key is the
 * episode) — and resolved, with a second notice, when the metric recovers. A pending episode whose
 * metric recovered before it fired is cleared, silently. A metric that is not known now (null)
 * changes nothing. The history stays.
 */

export const ALERT_TEMPLATES = { fired: "system.alert.fired", resolved: "system.alert.resolved" } as const;

const SYSTEM = systemContext("alerts-evaluate");

export interface EvaluationCounts {
  rules: number;
  fired: number;
  resolved: number;
  pending: number;
  notified: number;
}

type Comparison = "above" | "below";

export function breaches(value: number, comparison: Comparison, threshold: number): boolean {
  return comparison === "above" ? value > threshold : value < threshold;
}

/** The value as numeric(18,3) takes it. */
const dec = (value: number) => new Prisma.Decimal(Math.round(value * 1000) / 1000);

interface Notice {
  kind: keyof typeof ALERT_TEMPLATES;
  eventId: string;
  metric: string;
  value: number;
  threshold: number;
  comparison: Comparison;
}

/** Evaluates every enabled rule against `metrics` at `now`; notifies what fired or resolved. */
export async function evaluateAlerts(
  metrics: Partial<Record<AlertMetric | (string & {}), number | null>>,
  now: Date = new Date(),
  system: DbContext = SYSTEM,
): Promise<EvaluationCounts> {
  const counts: EvaluationCounts = { rules: 0, fired: 0, resolved: 0, pending: 0, notified: 0 };
  const notices: Notice[] = [];
  await withContext(system, async (tx) => {
    const rules = await tx.alertRule.findMany({ where: { enabled: true }, orderBy: { metric: "asc" } });
    counts.rules = rules.length;
    for (const rule of rules) {
      const value = Object.hasOwn(metrics, rule.metric) ? metrics[rule.metric] : undefined;
      if (value === null || value === undefined || !Number.isFinite(value)) continue;
      const comparison = rule.comparison as Comparison;
      const threshold = Number(rule.threshold);
      const open = await tx.alertEvent.findFirst({
        where: { ruleId: rule.id, state: { in: ["pending", "firing"] } },
      });
      if (breaches(value, comparison, threshold)) {
        const episode =
          open ??
          (await tx.alertEvent.create({
            data: {
              ruleId: rule.id,
              metric: rule.metric,
              state: "pending",
              comparison,
              threshold: rule.threshold,
              startedAt: now,
              firstValue: dec(value),
              lastValue: dec(value),
            },
          }));
        const heldSeconds = (now.getTime() - episode.startedAt.getTime()) / 1000;
        if (episode.state === "pending" && heldSeconds >= rule.durationSeconds) {
          await tx.alertEvent.update({
            where: { id: episode.id },
            data: { state: "firing", firedAt: now, firedValue: dec(value), lastValue: dec(value) },
          });
          counts.fired += 1;
          notices.push({
            kind: "fired",
            eventId: episode.id,
            metric: rule.metric,
            value,
            threshold,
            comparison,
          });
        } else {
          if (open) await tx.alertEvent.update({ where: { id: open.id }, data: { lastValue: dec(value) } });
          if (episode.state === "pending") counts.pending += 1;
        }
      } else if (open) {
        const resolved = open.state === "firing";
        await tx.alertEvent.update({
          where: { id: open.id },
          data: { state: resolved ? "resolved" : "cleared", endedAt: now, lastValue: dec(value) },
        });
        if (resolved) {
          counts.resolved += 1;
          notices.push({
            kind: "resolved",
            eventId: open.id,
            metric: rule.metric,
            value,
            threshold,
            comparison,
          });
        }
      }
    }
  });
  if (notices.length > 0) counts.notified = await notifyAdmins(system, notices);
  return counts;
}

/**
 * Queues the notices for the admins of the operator's organisation (PLATFORM_ORG_SLUG), in the
 * app and by e-mail. Without PLATFORM_ORG_SLUG nobody may read alerts, so nobody is told: the
 * episodes are recorded all the same.
 */
async function notifyAdmins(system: DbContext, notices: readonly Notice[]): Promise<number> {
  const slug = env().PLATFORM_ORG_SLUG;
  if (!slug) {
    console.warn("[alerts] PLATFORM_ORG_SLUG is unset: alerts are recorded but nobody is notified");
    return 0;
  }
  const orgIds = await withContext(
    system,
    (tx) => tx.$queryRaw<{ id: string }[]>`SELECT id::text FROM app_job_org_ids() AS id`,
  );
  let written = 0;
  for (const { id } of orgIds) {
    const ctx = { ...system, orgId: id };
    written += await withOrg(ctx, async (tx: Tx) => {
      const org = await tx.organization.findUnique({ where: { id }, select: { slug: true } });
      if (org?.slug !== slug) return 0;
      const admins = recipientsOf(await activeMembers(tx, id), { roles: ["admin"] });
      let n = 0;
      for (const notice of notices) {
        n += await enqueue(tx, id, admins, ["INAPP", "EMAIL"], {
          template: ALERT_TEMPLATES[notice.kind],
          payload: {
            metric: notice.metric,
            value: Math.round(notice.value * 10) / 10,
            threshold: notice.threshold,
            comparison: notice.comparison,
          },
          dedupeKey: `alert:${notice.eventId}:${notice.kind}`,
        });
      }
      return n;
    });
  }
  return written;
}
