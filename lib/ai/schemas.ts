import { z } from "zod";

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

/** A price as the prices page lists it. */
export interface TModelPrice extends TModelPriceInput {
  updatedAt: string;
  updatedBy: string | null;
}

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
  .refine((p) => p.to.getTime() > p.from.getTime(), { message: "to must be after from", path: ["to"] })
  .refine((p) => p.to.getTime() - p.from.getTime() <= 367 * 86_400_000, {
    message: "at most 367 days",
    path: ["to"],
  });
export type TAiPeriod = z.infer<typeof ZAiPeriod>;
