import "server-only";

import { env } from "@/lib/env";
import {
  ProviderError,
  type ChatRequest,
  type ChatResponse,
  type ProviderAttempt,
  type ProviderClient,
  type TAiProvider,
  type TAiTier,
} from "@/lib/ai/types";

import { createAnthropicClient } from "./anthropic";
import { CircuitBreaker, withBreaker, type GuardedProviderClient } from "./breaker";
import { createOpenAiClient } from "./openai";

export { createAnthropicClient, type AnthropicClientOptions } from "./anthropic";
export { CircuitBreaker, withBreaker, type BreakerOptions, type GuardedProviderClient } from "./breaker";
export { createOpenAiClient, type OpenAiClientOptions } from "./openai";
export type { ProviderAttempt } from "@/lib/ai/types";

/** The configured providers; one without an API key is absent, i.e. "not configured". */
export type ProviderClients = Partial<Record<TAiProvider, GuardedProviderClient>>;

/** Five failures in a row take a provider out for half a minute; then one trial call may bring it back. */
const BREAKER = { failureThreshold: 5, cooldownMs: 30_000 } as const;

let clients: ProviderClients | undefined;

/**
 * The provider clients from the environment, built once per process so their circuit breakers
 * remember failures across requests.
 */
export function providerClients(): ProviderClients {
  if (!clients) {
    const e = env();
    clients = {};
    if (e.OPENAI_API_KEY) {
      const client = createOpenAiClient({
        apiKey: e.OPENAI_API_KEY,
        baseURL: e.OPENAI_BASE_URL,
        timeoutMs: e.AI_TIMEOUT_MS,
        models: { small: e.OPENAI_MODEL_SMALL, large: e.OPENAI_MODEL_LARGE },
      });
      clients.openai = withBreaker(client, new CircuitBreaker("openai", BREAKER));
    }
    if (e.ANTHROPIC_API_KEY) {
      const client = createAnthropicClient({
        apiKey: e.ANTHROPIC_API_KEY,
        baseURL: e.ANTHROPIC_BASE_URL,
        timeoutMs: e.AI_TIMEOUT_MS,
        models: { small: e.ANTHROPIC_MODEL_SMALL, large: e.ANTHROPIC_MODEL_LARGE },
      });
      clients.anthropic = withBreaker(client, new CircuitBreaker("anthropic", BREAKER));
    }
  }
  return clients;
}

/** Forgets the clients and their breakers; the next providerClients() builds fresh ones. For tests. */
export function resetProviderClients(): void {
  clients = undefined;
}

// Failover ----------------------------------------------------------------------------------------

export interface FailoverResult {
  response: ChatResponse;
  /** In order; the last one answered. More than one means the preferred provider failed over. */
  attempts: ProviderAttempt[];
}

/** Every configured provider failed in a way that fails over; `attempts` says how each one failed. */
export class ProvidersExhaustedError extends ProviderError {
  readonly attempts: ProviderAttempt[];

  constructor(failures: ProviderError[], attempts: ProviderAttempt[]) {
    const last = failures[failures.length - 1];
    const summary = attempts.map((a) => `${a.provider}/${a.model}: ${a.failure}`).join(", ");
    super(last.provider, last.failure, `No AI provider answered (${summary})`, { cause: last });
    this.name = "ProvidersExhaustedError";
    this.attempts = attempts;
  }
}

/** No provider in `order` is configured: the AI feature reports "not configured". */
export class NoProviderConfiguredError extends Error {
  constructor() {
    super("No AI provider is configured (set OPENAI_API_KEY or ANTHROPIC_API_KEY)");
    this.name = "NoProviderConfiguredError";
  }
}

/**
 * Asks the configured providers in `order` for the same tier, moving on only when a provider fails
 * in a way another one might not (timeout, 5xx, 429, connection, open circuit). Failures that are not
 * the provider being unwell (a bad request, a rejected key, unusable output) propagate at once: they
 * need fixing, not a second opinion. `buildRequest` gets each provider's model for the tier, since
 * the model is part of the request.
 */
export async function completeWithFailover(
  clients: Partial<Record<TAiProvider, ProviderClient>>,
  order: readonly TAiProvider[],
  tier: TAiTier,
  buildRequest: (model: string, provider: TAiProvider) => ChatRequest,
): Promise<FailoverResult> {
  const candidates = [...new Set(order)].flatMap((provider) => clients[provider] ?? []);
  if (candidates.length === 0) throw new NoProviderConfiguredError();

  const attempts: ProviderAttempt[] = [];
  const failures: ProviderError[] = [];
  for (const client of candidates) {
    const model = client.model(tier);
    try {
      const response = await client.complete(buildRequest(model, client.provider));
      attempts.push({ provider: client.provider, model, failure: null });
      return { response, attempts };
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      attempts.push({ provider: client.provider, model, failure: error.failure });
      if (!error.failsOver) {
        error.attempts = [...attempts];
        throw error;
      }
      failures.push(error);
    }
  }
  throw new ProvidersExhaustedError(failures, attempts);
}
