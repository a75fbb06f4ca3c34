import type { Prisma } from "@/lib/db";

import type { PlannedLead } from "./plan";
import { dice } from "./random";

/**
 * The rest of the demo's month as plain rows, drawn from a fixed seed relative to "now": the AI
 * router's call log (so the AI area has spend, shares and a chart), the nightly job runs and the
 * in-app notifications those runs queued. Pure, like plan.ts.
 */

const DAY = 86_400_000;
const ACTIVITY_SEED = 20261208;

/** [use case, weight, tokens in (max), tokens out (max)] */
const USE_CASES: [string, number, number, number][] = [
  ["lead.classify", 30, 1200, 200],
  ["email.triage", 25, 2500, 300],
  ["feedback.sentiment", 15, 900, 120],
  ["lead.brief", 12, 3500, 700],
  ["help.answer", 8, 3000, 600],
  ["sample.match", 5, 1800, 300],
  ["roi.recommend", 3, 4000, 900],
  ["help.draft", 2, 3000, 1200],
];
/** [model, provider, tier, EUR per million tokens in, out]: the prices the migration ships. */
const MODELS: [string, string, "small" | "large", number, number][] = [
  ["gpt-4o-mini", "openai", "small", 0.14, 0.55],
  ["claude-haiku-4-5", "anthropic", "small", 0.92, 4.6],
  ["gpt-4o", "openai", "large", 2.3, 9.2],
  ["claude-sonnet-4-5", "anthropic", "large", 2.76, 13.8],
];
/** [job id, counts on a quiet night] */
const NIGHTLY: [string, number][] = [
  ["lead-protection-daily", 75],
  ["audit-chain-heads", 100],
  ["ai-housekeeping", 130],
  ["samples-feedback-daily", 160],
  ["integrations-housekeeping", 190],
];

export interface DemoActivityPlan {
  aiCalls: Prisma.AiCallCreateManyInput[];
  jobRuns: Prisma.JobRunCreateManyInput[];
  notifications: Prisma.NotificationOutboxCreateManyInput[];
}

export function demoActivityPlan(
  now: Date,
  members: { orgId: string; admin: string; manager: string; partners: string[] },
  leads: readonly PlannedLead[],
  seed = ACTIVITY_SEED,
): DemoActivityPlan {
  const d = dice(seed);
  const { orgId } = members;
  const callers = [...members.partners, ...members.partners, members.manager, members.admin];
  const weights = USE_CASES.reduce((sum, [, w]) => sum + w, 0);
  const drawUseCase = () => {
    let roll = d.int(1, weights);
    for (const entry of USE_CASES) if ((roll -= entry[1]) <= 0) return entry;
    return USE_CASES[0];
  };

  const aiCalls: Prisma.AiCallCreateManyInput[] = [];
  for (let day = 29; day >= 0; day--) {
    const weekend = new Date(now.getTime() - day * DAY).getUTCDay() % 6 === 0;
    const calls = weekend ? d.int(2, 8) : d.int(18, 42);
    for (let i = 0; i < calls; i++) {
      const createdAt = new Date(now.getTime() - day * DAY - d.int(60, 86_000) * 1000);
      const [name, , maxIn, maxOut] = drawUseCase();
      const escalated = d.chance(0.12);
      const [model, provider, tier, priceIn, priceOut] = escalated
        ? MODELS[d.int(2, 3)]
        : MODELS[d.int(0, 1)];
      const cacheHit = !escalated && d.chance(0.15);
      const roll = d.next();
      const outcome = roll < 0.03 ? "error" : roll < 0.045 ? "invalid_output" : "ok";
      const tokensIn = cacheHit ? 0 : d.int(Math.floor(maxIn / 4), maxIn);
      const tokensOut = cacheHit || outcome === "error" ? 0 : d.int(Math.floor(maxOut / 4), maxOut);
      aiCalls.push({
        id: d.uuid(),
        orgId,
        userId: d.pick(callers),
        useCase: name,
        provider,
        model,
        tier,
        escalated,
        escalationReason: escalated ? "Confidence below the use case's threshold" : null,
        cacheHit,
        tokensIn,
        tokensOut,
        costEur: ((tokensIn * priceIn + tokensOut * priceOut) / 1_000_000).toFixed(8),
        latencyMs: cacheHit ? d.int(2, 15) : d.int(350, tier === "large" ? 6500 : 2400),
        outcome,
        confidence: outcome === "ok" ? (0.55 + d.next() * 0.44).toFixed(4) : null,
        error: outcome === "error" ? "Provider timed out after 30000 ms" : null,
        createdAt,
      });
    }
  }

  const jobRuns: Prisma.JobRunCreateManyInput[] = [];
  const released = leads.filter((l) => l.releasedAt);
  for (let day = 29; day >= 0; day--) {
    const night = new Date(now.getTime() - day * DAY);
    night.setUTCHours(1, 15, 0, 0);
    if (night > now) continue;
    for (const [jobId, offsetMinutes] of NIGHTLY) {
      const startedAt = new Date(night.getTime() + offsetMinutes * 60_000);
      if (startedAt > now) continue;
      const failed = jobId === "integrations-housekeeping" && day === 12;
      const releasedThatNight =
        jobId === "lead-protection-daily"
          ? released.filter((l) => Math.abs(l.releasedAt!.getTime() - startedAt.getTime()) < DAY / 2).length
          : 0;
      jobRuns.push({
        id: d.uuid(),
        jobId,
        trigger: "cron",
        startedAt,
        finishedAt: new Date(startedAt.getTime() + d.int(120, 4000)),
        status: failed ? "failed" : "succeeded",
        counts:
          jobId === "lead-protection-daily" ? { released: releasedThatNight, reminders: d.int(0, 4) } : {},
        error: failed ? "connect ECONNREFUSED 127.0.0.1:587" : null,
      });
    }
  }

  // In-app notices the nightly runs queued: releases to the owner and the managers, escalations to
  // the admins; the same keys the daily job uses, so it never queues them again.
  const notifications: Prisma.NotificationOutboxCreateManyInput[] = [];
  const inapp = (
    recipientUserId: string,
    template: string,
    payload: Prisma.InputJsonObject,
    dedupeKey: string,
    at: Date,
  ) =>
    notifications.push({
      orgId,
      recipientUserId,
      channel: "INAPP",
      template,
      payload,
      dedupeKey,
      createdAt: at,
      nextAttemptAt: at,
    });
  for (const l of released) {
    const payload = {
      leadId: l.id,
      assignmentId: l.assignmentId,
      companyName: l.companyName,
      city: l.city,
      ownerUserId: members.partners[l.owner],
      releasedAt: l.releasedAt!.toISOString(),
    };
    for (const to of [members.partners[l.owner], members.manager])
      inapp(to, "lead.expired", payload, `lead.expired:${l.assignmentId}`, l.releasedAt!);
  }
  for (const l of leads.filter((x) => x.extension?.outcome === "escalated")) {
    const at = new Date(l.extension!.requestedAt.getTime() + 50 * 3_600_000);
    inapp(
      members.admin,
      "lead.extension.escalated",
      {
        requestId: l.extension!.id,
        leadId: l.id,
        companyName: l.companyName,
        city: l.city,
        days: l.extension!.days,
        requestedAt: l.extension!.requestedAt.toISOString(),
      },
      `lead.extension.escalated:${l.extension!.id}`,
      at,
    );
  }
  return { aiCalls, jobRuns, notifications };
}
