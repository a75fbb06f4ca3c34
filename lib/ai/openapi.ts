import { z } from "zod";

import { defineApi } from "@/lib/http/spec";

import { ZAiDashboard, ZAiDashboardQuery, ZBudgetStatus, ZModelPrice } from "./schemas";
import { AI_PROVIDERS, AI_TIERS, AI_USE_CASES } from "./types";

/** The /api/v1 operations of the AI router, with the schemas of what they answer. */

export const ZAiAnswer = z
  .object({
    output: z.unknown().describe("The use case's answer, with personal data restored"),
    provider: z.enum(AI_PROVIDERS),
    model: z.string().describe("The model that answered, as the provider reported it"),
    tier: z.enum(AI_TIERS),
    escalated: z.boolean().describe("The small model's answer was not taken; the large model answered"),
    escalationReason: z.string().nullable(),
    cached: z.boolean().describe("Answered from the organisation's cache, at no cost"),
    costEur: z.number().describe("What this request cost, small and large attempt together"),
    confidence: z
      .number()
      .nullable()
      .describe("Calibrated confidence of the answer taken (small-first use cases)"),
    attempts: z.array(
      z.object({
        provider: z.enum(AI_PROVIDERS),
        model: z.string(),
        failure: z
          .string()
          .nullable()
          .describe("Why this provider did not answer; null for the one that did"),
      }),
    ),
  })
  .meta({ id: "AiAnswer" });

export const ZAiRequest = z.strictObject({
  input: z
    .record(z.string(), z.unknown())
    .describe("The use case's input (e.g. feedback.sentiment: {comment, rating?}); checked by the use case"),
  noCache: z.boolean().optional().describe("Skip the cache: a fresh, paid answer"),
});

export const routeAiApi = defineApi({
  operationId: "routeAi",
  method: "POST",
  path: "/ai/{useCase}",
  summary: "Ask the AI router",
  description:
    "Small-first use cases (lead.classify, feedback.sentiment, email.triage, help.answer) are answered " +
    "by the small model unless its calibrated confidence is below ai.routing.confidence.threshold; the " +
    "others by the large model. The call's largest possible cost is reserved against the monthly caps " +
    "first: a call that could exceed one is refused with 402 before any provider is asked.",
  tag: "AI",
  params: z.strictObject({ useCase: z.enum(AI_USE_CASES) }),
  body: ZAiRequest,
  response: { status: 200, description: "The answer, and who gave it at what cost", schema: ZAiAnswer },
  problems: [402, 403, 503],
});

export const getAiDashboardApi = defineApi({
  operationId: "getAiDashboard",
  method: "GET",
  path: "/ai/dashboard",
  summary: "Overseers: calls, spending and routing of a period (7, 30 or 90 days), with this month's budget",
  tag: "AI",
  query: ZAiDashboardQuery,
  response: { status: 200, description: "The dashboard of the period", schema: ZAiDashboard },
  problems: [403],
});

export const getAiBudgetApi = defineApi({
  operationId: "getAiBudget",
  method: "GET",
  path: "/ai/budget",
  summary: "The caller's own AI spending this month, and what is left of the organisation's budget",
  tag: "AI",
  response: { status: 200, description: "This month's budget as the caller sees it", schema: ZBudgetStatus },
});

export const listAiPricesApi = defineApi({
  operationId: "listAiPrices",
  method: "GET",
  path: "/ai/prices",
  summary: "Overseers: the price of every model, per million tokens",
  tag: "AI",
  response: {
    status: 200,
    description: "Every price, by model name",
    schema: z.object({ items: z.array(ZModelPrice) }),
  },
  problems: [403],
});

export const aiApis = [getAiDashboardApi, getAiBudgetApi, listAiPricesApi, routeAiApi] as const;
