import { z } from "zod";

import { formInput } from "@/lib/forms";

import { AI_PROVIDERS, AI_TIERS, AI_USE_CASES } from "./types";

/**
 * Inputs of the AI router's data layer: the prices page (platform admins), the call log the router
 * writes, and the dashboard's period. One schema per input, shared by form, action, route and the
 * OpenAPI document.
 */

/** A model's price per million tokens; the upper bound matches the column (numeric(12, 4)). */
const ZEurPerMillion = z.number().min(0).max(1_000_000);

/** One model's price, as a platform admin sets it. A model without a price costs nothing. */
export const ZModelPriceInput = z.strictObject({
  model: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:/@-]*$/, "letters, digits and . _ : / @ - only"),
  provider: z.enum(AI_PROVIDERS),
  inputPerMillionEur: ZEurPerMillion,
  outputPerMillionEur: ZEurPerMillion,
});
export type TModelPriceInput = z.infer<typeof ZModelPriceInput>;

/** The price form's input: its fields as ZModelPriceInput takes them (formInput, lib/forms.ts), the
 *  prices typed with a decimal comma or point. The form checks with it in the browser, its action again. */
export const ZPriceForm = formInput(ZModelPriceInput, {
  inputPerMillionEur: "number",
  outputPerMillionEur: "number",
});

/** A price as the prices page lists it (GET /api/v1/ai/prices). */
export const ZModelPrice = z
  .object({
    ...ZModelPriceInput.shape,
    updatedAt: z.iso.datetime(),
    updatedBy: z.uuid().nullable().describe("Who set it last; null for the seeded prices"),
  })
  .meta({ id: "AiModelPrice" });
export type TModelPrice = z.infer<typeof ZModelPrice>;

/**
 * How a routed call ended. `error`: every provider failed (ProviderError); `invalid_output`: the
 * answer did not match the use case's schema; `refused_budget`: the reservation was refused (402);
 * `not_configured`: no provider has a key.
 */
export const AI_CALL_OUTCOMES = [
  "ok",
  "error",
  "invalid_output",
  "refused_budget",
  "not_configured",
] as const;
export type TAiCallOutcome = (typeof AI_CALL_OUTCOMES)[number];

/**
 * One routed call, as the router logs it: one row whatever happened, with the tier that produced
 * the answer (`large` after an escalation) and the tokens and cost of every attempt summed.
 */
export const ZAiCallRecord = z.strictObject({
  useCase: z.enum(AI_USE_CASES),
  provider: z.enum(AI_PROVIDERS).nullable(),
  model: z.string().min(1).max(200).nullable(),
  tier: z.enum(AI_TIERS),
  escalated: z.boolean().default(false),
  /** Why the small model's answer was not taken (e.g. "confidence 0.41 < 0.70"). */
  escalationReason: z
    .string()
    .nullish()
    .transform((v) => (v ? v.slice(0, 500) : null)),
  cacheHit: z.boolean().default(false),
  tokensIn: z.number().int().min(0).default(0),
  tokensOut: z.number().int().min(0).default(0),
  costEur: z.number().min(0).finite().default(0),
  latencyMs: z.number().min(0).finite().default(0).transform(Math.round),
  outcome: z.enum(AI_CALL_OUTCOMES),
  confidence: z
    .number()
    .min(0)
    .max(1)
    .nullish()
    .transform((v) => v ?? null),
  /** The failure in words, without personal data (the router scrubs inputs before they go out). */
  error: z
    .string()
    .nullish()
    .transform((v) => (v ? v.slice(0, 2000) : null)),
});
export type TAiCallRecord = z.input<typeof ZAiCallRecord>;

/** The dashboard's period, [from, to), at most a year and a day. */
export const ZAiPeriod = z
  .strictObject({ from: z.coerce.date(), to: z.coerce.date() })
  .refine((p) => p.to.getTime() > p.from.getTime(), {
    message: "to must be after from",
    path: ["to"],
    params: { i18n: "toBeforeFrom" },
  })
  .refine((p) => p.to.getTime() - p.from.getTime() <= 367 * 86_400_000, {
    message: "at most 367 days",
    path: ["to"],
    params: { i18n: "periodTooLong" },
  });
export type TAiPeriod = z.infer<typeof ZAiPeriod>;

// The dashboard (GET /api/v1/ai/dashboard) and the caller's budget (GET /api/v1/ai/budget) ------
// The types are these schemas' own (z.infer), so the API document and the page cannot drift apart.

/** The periods the page offers, in days up to and including today (UTC). */
export const ZAiPeriodDays = z.union([z.literal(7), z.literal(30), z.literal(90)]);
export type TAiPeriodDays = z.infer<typeof ZAiPeriodDays>;
export const DEFAULT_PERIOD_DAYS: TAiPeriodDays = 30;

/** The dashboard's query string: one of the picker's periods, 30 days when none is named. */
export const ZAiDashboardQuery = z.strictObject({
  days: z.coerce.number().pipe(ZAiPeriodDays).default(DEFAULT_PERIOD_DAYS),
});

const ZBudgetLine = z.object({
  capEur: z.number().nullable().describe("null: no cap (a member without a personal cap)"),
  spentEur: z.number(),
  reservedEur: z.number(),
  remainingEur: z.number().nullable().describe("What may still be reserved; null without a cap"),
});
export type TBudgetLine = z.infer<typeof ZBudgetLine>;

/** The caller's view of a month's budget: the organisation's line and their own. */
export const ZBudgetStatus = z
  .object({
    month: z.string().describe("YYYY-MM"),
    org: ZBudgetLine.extend({ capEur: z.number(), remainingEur: z.number() }),
    user: ZBudgetLine.nullable().describe("The caller's own line; null in the system context"),
  })
  .meta({ id: "AiBudgetStatus" });
export type TBudgetStatus = z.infer<typeof ZBudgetStatus>;

export const ZAiSpendDay = z.object({
  day: z.string().describe("YYYY-MM-DD (UTC). Every day of the period, zero when nothing was spent"),
  calls: z.number().int(),
  costEur: z.number(),
});
export type TAiSpendDay = z.infer<typeof ZAiSpendDay>;

export const ZAiSpendByUseCase = z.object({
  useCase: z.string(),
  calls: z.number().int(),
  costEur: z.number(),
  tokensIn: z.number().int(),
  tokensOut: z.number().int(),
});
export type TAiSpendByUseCase = z.infer<typeof ZAiSpendByUseCase>;

export const ZAiSpendByUser = z.object({
  userId: z.uuid().nullable().describe("null: calls of the system context (jobs)"),
  name: z.string().nullable(),
  calls: z.number().int(),
  costEur: z.number(),
});
export type TAiSpendByUser = z.infer<typeof ZAiSpendByUser>;

export const ZAiUserBudget = z.object({
  userId: z.uuid(),
  name: z.string().nullable(),
  spentEur: z.number(),
  reservedEur: z.number(),
});
export type TAiUserBudget = z.infer<typeof ZAiUserBudget>;

const share = z.number().nullable();
export const ZAiRoutingStats = z.object({
  calls: z.number().int(),
  costEur: z.number(),
  answered: z.number().int().describe("Calls answered (outcome ok), from a provider or the cache"),
  smallShare: share.describe("Of the answers a provider gave: the share the small tier gave"),
  largeShare: share.describe("Of the answers a provider gave: the share the large tier gave"),
  escalationRate: share.describe(
    "Of the answers a provider gave: the share where the small model's answer was escalated",
  ),
  cacheHitRate: share.describe("Of the answered calls: the share the cache answered"),
  errorRate: share.describe(
    "Of the calls that reached a provider: the share that failed (error, invalid output)",
  ),
  p95LatencyMs: z
    .number()
    .nullable()
    .describe("95th percentile of the latency of calls that reached a provider (continuous), in whole ms"),
  refusedBudget: z.number().int(),
  notConfigured: z.number().int(),
});
export type TAiRoutingStats = z.infer<typeof ZAiRoutingStats>;

/** Everything the dashboard shows for one of the picker's periods, with this month's budget status. */
export const ZAiDashboard = z
  .object({
    days: ZAiPeriodDays,
    period: z.object({ from: z.iso.datetime(), to: z.iso.datetime() }).describe("[from, to), days in UTC"),
    stats: ZAiRoutingStats,
    byDay: z.array(ZAiSpendDay),
    byUseCase: z.array(ZAiSpendByUseCase),
    byUser: z.array(ZAiSpendByUser),
    budget: z
      .object({
        month: z.string(),
        orgCapEur: z.number(),
        memberCapEur: z.number().nullable(),
        users: z.array(ZAiUserBudget),
      })
      .describe(
        "The month's budget: the organisation's cap, the cap it sets per member (null: none; members may keep lower ones of their own, which stay private), and each member's spending",
      ),
    status: ZBudgetStatus,
  })
  .meta({ id: "AiDashboard" });
export type TAiDashboard = z.infer<typeof ZAiDashboard>;
