/**
 * The AI router's contracts: what a provider client answers, what a use case declares, and how the
 * parts (providers, privacy, budget, cache, router) talk to each other. Kept free of I/O so every
 * part can import it, on the server and in tests.
 */
import type { z } from "zod";

export const AI_PROVIDERS = ["openai", "anthropic"] as const;
export type TAiProvider = (typeof AI_PROVIDERS)[number];

export const AI_TIERS = ["small", "large"] as const;
export type TAiTier = (typeof AI_TIERS)[number];

export const AI_USE_CASES = [
  "lead.classify",
  "feedback.sentiment",
  "email.triage",
  "help.answer",
  "roi.recommend",
  "sample.match",
  "help.draft",
  "lead.brief",
] as const;
export type TAiUseCase = (typeof AI_USE_CASES)[number];

/** `small-first`: the small model answers unless its confidence is below the threshold. */
export type TAiPolicy = "small-first" | "large";

// Providers ---------------------------------------------------------------------------------------

/** One structured-output call, already scrubbed of personal data. */
export interface ChatRequest {
  model: string;
  system: string;
  user: string;
  /** Name and JSON Schema (draft 2020-12, from z.toJSONSchema) of the answer the model must give. */
  schemaName: string;
  jsonSchema: Record<string, unknown>;
  maxOutputTokens: number;
  /** Ask for token log-probabilities where the provider has them (OpenAI does, Anthropic not). */
  logprobs: boolean;
  signal?: AbortSignal;
}

export interface TokenLogprob {
  token: string;
  logprob: number;
}

export interface ChatResponse {
  provider: TAiProvider;
  /** The model as the provider reported it. */
  model: string;
  /** The answer as JSON text (OpenAI: message content; Anthropic: the forced tool call's input). */
  json: string;
  usage: { inputTokens: number; outputTokens: number };
  /** The answer's tokens with log-probabilities, or null when the provider gives none. */
  logprobs: TokenLogprob[] | null;
  latencyMs: number;
}

/** Why a provider call failed; `retryable` failures (and an open circuit) fail over. */
export type TProviderFailure =
  | "timeout"
  | "rate_limited"
  | "server"
  | "connection"
  | "circuit_open"
  | "bad_request"
  | "auth"
  | "invalid_output";

/** One provider asked during a completion: `failure` is null for the one that answered. */
export interface ProviderAttempt {
  provider: TAiProvider;
  model: string;
  failure: TProviderFailure | null;
}

export class ProviderError extends Error {
  readonly provider: TAiProvider;
  readonly failure: TProviderFailure;
  /** An answer that arrived but cannot be used (`invalid_output`) still used tokens: these. */
  readonly usage: ChatResponse["usage"] | null;
  /** The model that answered, when an answer arrived. */
  readonly model: string | null;
  /** Every provider asked up to and including this one; completeWithFailover fills it in. */
  attempts: ProviderAttempt[] = [];

  constructor(
    provider: TAiProvider,
    failure: TProviderFailure,
    message: string,
    options?: { cause?: unknown; usage?: ChatResponse["usage"]; model?: string },
  ) {
    super(message, options);
    this.name = "ProviderError";
    this.provider = provider;
    this.failure = failure;
    this.usage = options?.usage ?? null;
    this.model = options?.model ?? null;
  }

  /** Another provider may succeed where this one failed. */
  get failsOver(): boolean {
    return ["timeout", "rate_limited", "server", "connection", "circuit_open"].includes(this.failure);
  }
}

/** How a provider client is built: from env in production, with a fake's address in tests. */
export interface ProviderClientOptions {
  apiKey: string;
  /** Another endpoint of the same API (OpenAI: Azure OpenAI, Ollama, vLLM; Anthropic: a proxy). */
  baseURL?: string;
  timeoutMs: number;
  models: Record<TAiTier, string>;
  /** The SDK's own retries (with backoff and `retry-after`) before a failure counts. Default 1. */
  maxRetries?: number;
}

export interface ProviderClient {
  readonly provider: TAiProvider;
  /** The configured model of a tier (env: OPENAI_MODEL_SMALL, …). */
  model(tier: TAiTier): string;
  complete(request: ChatRequest): Promise<ChatResponse>;
}

// Use cases ---------------------------------------------------------------------------------------

export interface UseCaseDefinition<I = unknown, O = unknown> {
  id: TAiUseCase;
  policy: TAiPolicy;
  /** Bumped whenever the prompt or the output schema changes; part of the cache key. */
  schemaVersion: number;
  input: z.ZodType<I>;
  /** The answer's schema; small-first use cases include `confidence` (0..1). */
  output: z.ZodType<O>;
  system: string;
  /** The user message for an input (scrubbed afterwards by the router). */
  render(input: I): string;
  maxOutputTokens: number;
  /**
   * The output's decisive value (a label), for calibrating confidence with log-probabilities and
   * for the benchmark's quality comparison. Absent for free-text use cases.
   */
  label?(output: O): string;
}

// Money -------------------------------------------------------------------------------------------

/** Price of a model per million tokens, in EUR. */
export interface ModelPrice {
  model: string;
  inputPerMillionEur: number;
  outputPerMillionEur: number;
}

export function costEur(price: ModelPrice, usage: { inputTokens: number; outputTokens: number }): number {
  return (
    (usage.inputTokens * price.inputPerMillionEur + usage.outputTokens * price.outputPerMillionEur) /
    1_000_000
  );
}

/**
 * What the provider adds around what we send, in tokens: the chat template's tokens around each
 * message and the reply, and on Anthropic the system prompt it adds for tool use (a few hundred
 * tokens by its documentation) and our forced tool's short description. Generous on purpose: it is
 * reserved, and freed at settlement.
 */
export const PROMPT_FRAMING_TOKENS = 1024;

/**
 * An upper bound of a request's prompt tokens that holds for any text: the UTF-8 bytes of all we send
 * the model (system prompt, user message, the answer schema and its name) plus the framing. A
 * byte-level BPE tokenizer, as OpenAI's are, never makes a token of less than one byte, so text
 * cannot cost more tokens than it has bytes; Anthropic does not publish Claude's tokenizer, and we
 * assume the same of it. Characters / 3, the estimate this replaces, undercounts emoji (4 bytes,
 * 2 UTF-16 characters) sixfold, and Chinese or long digit strings too, so a call could cost more
 * than it reserved and concurrent calls could overshoot the cap together.
 */
export function promptTokenBound(
  request: Pick<ChatRequest, "system" | "user" | "schemaName" | "jsonSchema">,
): number {
  const sent = JSON.stringify([request.system, request.user, request.schemaName, request.jsonSchema]);
  return new TextEncoder().encode(sent).length + PROMPT_FRAMING_TOKENS;
}
