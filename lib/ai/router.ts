import "server-only";

import { performance } from "node:perf_hooks";

import { withOrg, type Prisma, type Tx, type OrgContext } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { readEffectiveValue } from "@/lib/settings/queries";

import { releaseBudget, reserveBudget, settleBudget } from "./budget";
import { cacheGet, cacheKey, cachePut } from "./cache";
import { recordCall } from "./calls";
import { calibratedConfidence } from "./confidence";
import { scrubPii } from "./pii";
import { listPrices, priceOf } from "./prices";
import {
  completeWithFailover,
  NoProviderConfiguredError,
  providerClients,
  ProvidersExhaustedError,
  type ProviderAttempt,
  type ProviderClients,
} from "./providers";
import type { TAiCallRecord } from "./schemas";
import {
  AI_PROVIDERS,
  costEur,
  promptTokenBound,
  ProviderError,
  type TAiProvider,
  type TAiTier,
  type ModelPrice,
  type TAiUseCase,
  type UseCaseDefinition,
} from "./types";
import { getUseCase, outputJsonSchema, outputSchemaName } from "./use-cases";

/**
 * The AI router: every AI feature's one way to a model, reached through `askAi` (service.ts), which
 * first checks the caller may use AI (ai.use). For a call it
 *   1. parses the input with the use case's schema;
 *   2. answers from the organisation's cache when it can (no provider, no cost);
 *   3. scrubs personal data from the prompt (restored in the answer);
 *   4. reserves the call's largest possible cost against the org's and the user's monthly caps,
 *      in its own short transaction, so a call that could break a cap is refused (402) before any
 *      provider is asked, and no transaction stays open across the network;
 *   5. asks the tier's model — the small one first for small-first use cases — failing over to the
 *      other provider's same tier on timeouts, 5xx, 429 and open circuits;
 *   6. settles the actual cost from the provider's usage and releases the rest;
 *   7. escalates to the large model when the small one's calibrated confidence is below the
 *      effective `ai.routing.confidence.threshold`, or when it failed;
 *   8. logs one ai_call row, whatever happened, and caches the answer.
 */

export interface AiRequest {
  useCase: TAiUseCase;
  input: unknown;
  /** Skip the cache (read and write): a fresh answer, paid for. */
  noCache?: boolean;
}

export interface AiAnswer {
  output: unknown;
  provider: TAiProvider;
  model: string;
  tier: TAiTier;
  escalated: boolean;
  /** Why the small model's answer was not taken; null when it was, or for large use cases. */
  escalationReason: string | null;
  cached: boolean;
  /** What this call cost (0 for a cache hit), summed over the small and the large attempt. */
  costEur: number;
  /** The calibrated confidence of the answer taken; null for use cases without one. */
  confidence: number | null;
  /** Every provider asked, in order; more than one per tier means a failover. */
  attempts: ProviderAttempt[];
}

/** Options for tests and benchmarks: other clients or provider order than the environment's. */
export interface RouterOptions {
  clients?: ProviderClients;
  order?: readonly TAiProvider[];
  /**
   * Ask this tier only and take its answer whatever its confidence (no escalation): the calibration
   * replay (bench/ai-routing) asks both tiers for every input this way. Not reachable from the API.
   */
  onlyTier?: TAiTier;
}

interface CallOutcome {
  output: unknown;
  provider: TAiProvider;
  model: string;
  attempts: ProviderAttempt[];
  tokensIn: number;
  tokensOut: number;
  costEur: number;
  confidence: number | null;
}

export async function routeAi(
  ctx: OrgContext,
  request: AiRequest,
  options: RouterOptions = {},
): Promise<AiAnswer> {
  const definition = getUseCase(request.useCase) as UseCaseDefinition;
  const parsed = definition.input.safeParse(request.input);
  if (!parsed.success) {
    throw new AppError("bad_request", "The input does not fit this use case.", {
      fieldErrors: parsed.error.issues.map((i) => ({
        path: ["input", ...i.path].join("."),
        message: i.message,
      })),
    });
  }
  const input = parsed.data;
  const started = performance.now();
  const clients = options.clients ?? providerClients();
  const order = (options.order ?? AI_PROVIDERS).filter((p) => clients[p]);
  const firstTier: TAiTier = options.onlyTier ?? (definition.policy === "small-first" ? "small" : "large");
  const log = (call: Omit<TAiCallRecord, "useCase" | "latencyMs">) =>
    withOrg(ctx, (tx) =>
      recordCall(tx, ctx, {
        useCase: request.useCase,
        latencyMs: performance.now() - started,
        ...call,
      }),
    );

  if (order.length === 0) {
    await log({ provider: null, model: null, tier: firstTier, outcome: "not_configured" });
    throw new AppError(
      "unavailable",
      "AI is not configured on this installation: an administrator sets OPENAI_API_KEY or ANTHROPIC_API_KEY.",
      { text: { code: "ai.errors.notConfigured" } },
    );
  }

  const key = cacheKey({
    useCase: request.useCase,
    tier: firstTier,
    model: clients[order[0]]!.model(firstTier),
    input,
    schemaVersion: definition.schemaVersion,
  });
  if (!request.noCache) {
    // A hit is read and logged in one transaction: the cheapest answer should also be the fastest.
    const hit = await withOrg(ctx, async (tx) => {
      const entry = await cacheGet(tx, ctx, key);
      if (!entry) return null;
      const answer: AiAnswer = {
        ...(entry.output as Omit<AiAnswer, "cached" | "costEur">),
        cached: true,
        costEur: 0,
      };
      await recordCall(tx, ctx, {
        useCase: request.useCase,
        provider: answer.provider,
        model: answer.model,
        tier: answer.tier,
        escalated: answer.escalated,
        escalationReason: answer.escalationReason,
        cacheHit: true,
        latencyMs: performance.now() - started,
        outcome: "ok",
        confidence: answer.confidence,
      });
      return answer;
    });
    if (hit) return hit;
  }

  // What the call needs from the database, in one transaction: the names to scrub, the
  // threshold, and the prices the reservation and the settlement use.
  const prompt = definition.render(input);
  const { names, threshold, prices } = await withOrg(ctx, async (tx) => ({
    names: await contactNamesIn(tx, prompt),
    threshold: await readEffectiveValue(tx, ctx, "ai.routing.confidence.threshold"),
    prices: await listPrices(tx),
  }));
  const scrubbed = scrubPii(prompt, { names });

  const spent = { tokensIn: 0, tokensOut: 0, costEur: 0 };
  const attempts: ProviderAttempt[] = [];
  const ask = async (tier: TAiTier): Promise<CallOutcome> => {
    try {
      const outcome = await callTier(ctx, definition, tier, scrubbed.text, { clients, order, prices });
      attempts.push(...outcome.attempts);
      return outcome;
    } catch (error) {
      if (error instanceof ProvidersExhaustedError) attempts.push(...error.attempts);
      if (error instanceof TierFailure) {
        attempts.push(...error.attempts);
        spent.tokensIn += error.tokensIn;
        spent.tokensOut += error.tokensOut;
        spent.costEur += error.costEur;
      }
      throw error;
    }
  };

  let escalationReason: string | null = null;
  try {
    let taken: CallOutcome;
    let tier = firstTier;
    if (firstTier === "small") {
      let small: CallOutcome | null = null;
      try {
        small = await ask("small");
        spent.tokensIn += small.tokensIn;
        spent.tokensOut += small.tokensOut;
        spent.costEur += small.costEur;
      } catch (error) {
        if (options.onlyTier) throw error;
        if (!(error instanceof ProvidersExhaustedError || error instanceof TierFailure)) throw error;
        escalationReason = `small model failed: ${error.message}`;
      }
      if (small && (options.onlyTier || (small.confidence ?? 0) >= threshold)) {
        taken = small;
      } else {
        if (small) {
          escalationReason = `confidence ${(small.confidence ?? 0).toFixed(2)} < threshold ${threshold.toFixed(2)}`;
        }
        tier = "large";
        taken = await ask("large");
        spent.tokensIn += taken.tokensIn;
        spent.tokensOut += taken.tokensOut;
        spent.costEur += taken.costEur;
      }
    } else {
      taken = await ask("large");
      spent.tokensIn += taken.tokensIn;
      spent.tokensOut += taken.tokensOut;
      spent.costEur += taken.costEur;
    }

    const answer: AiAnswer = {
      output: scrubbed.restore(taken.output),
      provider: taken.provider,
      model: taken.model,
      tier,
      escalated: escalationReason !== null,
      escalationReason,
      cached: false,
      costEur: spent.costEur,
      confidence: taken.confidence,
      attempts,
    };
    await withOrg(ctx, async (tx) => {
      await recordCall(tx, ctx, {
        useCase: request.useCase,
        provider: answer.provider,
        model: answer.model,
        tier,
        escalated: answer.escalated,
        escalationReason,
        tokensIn: spent.tokensIn,
        tokensOut: spent.tokensOut,
        costEur: spent.costEur,
        latencyMs: performance.now() - started,
        outcome: "ok",
        confidence: answer.confidence,
      });
      if (!request.noCache) {
        const { cached: _cached, costEur: _cost, ...stored } = answer;
        await cachePut(tx, ctx, {
          key,
          useCase: request.useCase,
          model: answer.model,
          output: stored as unknown as Prisma.InputJsonValue,
        });
      }
    });
    return answer;
  } catch (error) {
    const refused = error instanceof AppError && error.kind === "ai_budget_exceeded";
    const last = attempts.at(-1);
    await log({
      provider: last?.provider ?? null,
      model: last?.model ?? null,
      tier: firstTier,
      escalated: escalationReason !== null,
      escalationReason,
      tokensIn: spent.tokensIn,
      tokensOut: spent.tokensOut,
      costEur: spent.costEur,
      outcome: refused ? "refused_budget" : error instanceof TierFailure ? "invalid_output" : "error",
      error: error instanceof Error ? error.message : String(error),
    });
    throw toAppError(error);
  }
}

/** A tier's answer that could not be used; the tokens it cost are charged all the same. */
class TierFailure extends Error {
  constructor(
    message: string,
    readonly attempts: ProviderAttempt[],
    readonly tokensIn: number,
    readonly tokensOut: number,
    readonly costEur: number,
  ) {
    super(message);
    this.name = "TierFailure";
  }
}

/**
 * One tier's call: reserve the worst case over the providers that may answer, ask with failover,
 * settle what the answering model's usage cost, and parse and calibrate the answer.
 */
async function callTier(
  ctx: OrgContext,
  definition: UseCaseDefinition,
  tier: TAiTier,
  user: string,
  {
    clients,
    order,
    prices,
  }: { clients: ProviderClients; order: readonly TAiProvider[]; prices: ModelPrice[] },
): Promise<CallOutcome> {
  const jsonSchema = outputJsonSchema(definition.id);
  const schemaName = outputSchemaName(definition.id);
  const inputTokens = promptTokenBound({ system: definition.system, user, schemaName, jsonSchema });
  const worstCase = Math.max(
    ...order.map((p) =>
      costEur(priceOf(prices, clients[p]!.model(tier)), {
        inputTokens,
        outputTokens: definition.maxOutputTokens,
      }),
    ),
  );
  const { reservationId } = await withOrg(ctx, (tx) => reserveBudget(tx, ctx, { amountEur: worstCase }));

  let response;
  let attempts: ProviderAttempt[];
  try {
    ({ response, attempts } = await completeWithFailover(clients, order, tier, (model) => ({
      model,
      system: definition.system,
      user,
      schemaName,
      jsonSchema,
      maxOutputTokens: definition.maxOutputTokens,
      logprobs: definition.policy === "small-first",
    })));
  } catch (error) {
    if (error instanceof ProviderError && error.failure === "invalid_output" && error.model && error.usage) {
      // An answer arrived but is unusable (prose, cut off, refused): its tokens are paid for.
      const cost = costEur(priceOf(prices, error.model), error.usage);
      await withOrg(ctx, (tx) => settleBudget(tx, ctx, reservationId, cost));
      throw new TierFailure(
        `the ${tier} model's answer (${error.model}) is unusable: ${error.message}`,
        error.attempts,
        error.usage.inputTokens,
        error.usage.outputTokens,
        cost,
      );
    }
    await withOrg(ctx, (tx) => releaseBudget(tx, ctx, reservationId));
    throw error;
  }
  const cost = costEur(priceOf(prices, response.model), response.usage);
  await withOrg(ctx, (tx) => settleBudget(tx, ctx, reservationId, cost));

  const parsed = parseJson(response.json);
  const output = parsed === undefined ? undefined : definition.output.safeParse(parsed);
  if (!output?.success) {
    throw new TierFailure(
      `the ${tier} model's answer (${response.model}) does not match the use case's schema`,
      attempts,
      response.usage.inputTokens,
      response.usage.outputTokens,
      cost,
    );
  }
  const selfReported = (output.data as { confidence?: unknown }).confidence;
  return {
    output: output.data,
    provider: response.provider,
    model: response.model,
    attempts,
    tokensIn: response.usage.inputTokens,
    tokensOut: response.usage.outputTokens,
    costEur: cost,
    confidence:
      typeof selfReported === "number"
        ? calibratedConfidence({
            selfReported,
            logprobs: response.logprobs,
            label: definition.label?.(output.data),
          })
        : null,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Contact names from our own records that occur in the text, so the scrubber replaces them: the
 * capitalised words of the text looked up among the contacts of the leads the caller may read.
 */
async function contactNamesIn(tx: Tx, text: string): Promise<string[]> {
  const words = [...new Set(text.match(/\p{Lu}[\p{L}'-]{1,}/gu) ?? [])].slice(0, 200);
  if (words.length === 0) return [];
  const rows = await tx.$queryRaw<{ first_name: string | null; last_name: string | null }[]>`
    SELECT DISTINCT contact_first_name AS first_name, contact_last_name AS last_name
    FROM lead
    WHERE org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
      AND (contact_last_name = ANY (${words}::text[]) OR contact_first_name = ANY (${words}::text[]))
    LIMIT 200`;
  return rows.flatMap((r) => [[r.first_name, r.last_name].filter(Boolean).join(" ")]).filter(Boolean);
}

/** Expected failures keep their problem kind; provider trouble is a 503 the user can retry later. */
function toAppError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const unavailable = (message: string, code: string) =>
    new AppError("unavailable", message, { text: { code } });
  if (error instanceof NoProviderConfiguredError)
    return unavailable(error.message, "ai.errors.notConfigured");
  if (error instanceof ProvidersExhaustedError) {
    return unavailable(`${error.message}. Try again in a moment.`, "ai.errors.providersDown");
  }
  if (error instanceof TierFailure) {
    return unavailable(`The AI answer could not be used: ${error.message}.`, "ai.errors.unusableAnswer");
  }
  if (error instanceof ProviderError) {
    console.error(`[ai] provider ${error.provider} refused the request (${error.failure})`, error);
    return unavailable(
      `The AI provider refused the request (${error.failure}).`,
      "ai.errors.providerRefused",
    );
  }
  return error;
}
