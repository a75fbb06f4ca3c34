import { z } from "zod";

/**
 * The System area's business KPIs (issue 15, "KPIs"): what GET /api/v1/system/kpis answers and the
 * SystemDashboard page shows. One organisation's figures, or for the operator's admins
 * (`system.all_orgs.read`) every organisation's summed. A figure the caller may not read is null
 * (e.g. reminders for auditors, who do not read the outbox), never a silent 0.
 */

export const KPI_PERIODS = [7, 30, 90] as const;
export type TKpiPeriod = (typeof KPI_PERIODS)[number];

export const ZKpiQuery = z
  .object({
    days: z
      .enum(["7", "30", "90"])
      .default("30")
      .transform((d) => Number(d) as TKpiPeriod)
      .describe("The trend's length in days (7, 30 or 90), ending today (UTC)"),
    scope: z
      .enum(["org", "all"])
      .default("org")
      .describe("`all`: every organisation summed (the operator's admins only)"),
  })
  .strict();
export type TKpiQuery = z.infer<typeof ZKpiQuery>;

const rate = z.number().min(0).max(1).nullable();

export const ZLeadKpis = z.object({
  asOf: z.iso.datetime().nullable().describe("When mv_lead_protection_summary was last refreshed"),
  active: z.number().int(),
  grace: z.number().int(),
  expired: z.number().int(),
  dueSoon: z.number().int().describe("ACTIVE leads due within the warning days (7 by default)"),
  extensionsWaiting: z.number().int().describe("Extension requests waiting for a decision"),
  extensionsEscalated: z.number().int().describe("Of those, the ones escalated"),
});

export const ZAiKpis = z.object({
  month: z.string().describe("YYYY-MM of the budget"),
  spentEur: z.number().describe("Spent this month"),
  capEur: z.number().nullable().describe("The month's cap; null when one organisation has none"),
  calls: z.number().int().describe("AI calls in the period"),
  costEur: z.number().describe("Spent in the period"),
  smallShare: rate.describe("Provider answers from the small model"),
  cacheHitRate: rate.describe("Answers served from the cache"),
  escalationRate: rate.describe("Provider answers escalated to the large model"),
});

export const ZSampleKpis = z.object({
  invited: z.number().int().describe("Feedback links whose invitation went out in the period"),
  submitted: z.number().int().describe("Of those, the ones answered"),
  responseRate: rate,
});

export const ZJobKpi = z.object({
  id: z.string(),
  lastRunAt: z.iso.datetime().nullable(),
  lastStatus: z.enum(["running", "succeeded", "failed", "skipped"]).nullable(),
  runs: z.number().int().describe("Runs in the period"),
  failures: z.number().int().describe("Failed runs in the period"),
  lagSeconds: z
    .number()
    .int()
    .nullable()
    .describe("How late the job is against its schedule: 0 when on time; null when it never ran"),
});

const dayCount = z.number().int().nullable();

export const ZKpiDay = z.object({
  day: z.iso.date(),
  leadsActive: dayCount.describe("ACTIVE leads counted by that day's protection run; null without a run"),
  leadsGrace: dayCount.describe("Leads in GRACE that day"),
  leadsExpired: dayCount.describe("EXPIRED leads that day"),
  leadsDueSoon: dayCount.describe("ACTIVE leads due within the warning days that day"),
  remindersSent: z.number().int().nullable(),
  leadsReleased: z.number().int(),
  aiCostEur: z.number().nullable(),
  aiCalls: z.number().int().nullable(),
  feedbackInvited: z.number().int().nullable(),
  feedbackSubmitted: z.number().int().nullable(),
});

export const ZSystemKpis = z
  .object({
    asOf: z.iso.datetime().describe("When these figures were read"),
    scope: z.enum(["org", "all"]),
    organisations: z.number().int().describe("How many organisations are summed"),
    days: z.number().int(),
    leads: ZLeadKpis,
    ai: ZAiKpis.nullable().describe("null for who may not see the AI dashboard"),
    samples: ZSampleKpis,
    jobs: z.array(ZJobKpi),
    trend: z.array(ZKpiDay).describe("One row per day of the period, oldest first"),
  })
  .meta({ id: "SystemKpis" });

export type TLeadKpis = z.infer<typeof ZLeadKpis>;
export type TAiKpis = z.infer<typeof ZAiKpis>;
export type TSampleKpis = z.infer<typeof ZSampleKpis>;
export type TJobKpi = z.infer<typeof ZJobKpi>;
export type TKpiDay = z.infer<typeof ZKpiDay>;
export type TSystemKpis = z.infer<typeof ZSystemKpis>;
