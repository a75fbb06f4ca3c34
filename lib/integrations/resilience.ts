import "server-only";

import {
  BrokenCircuitError,
  BulkheadRejectedError,
  CircuitState,
  ConsecutiveBreaker,
  DelegateBackoff,
  TaskCancelledError,
  bulkhead,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  TimeoutStrategy,
  wrap,
  type CircuitBreakerPolicy,
  type IPolicy,
} from "cockatiel";

import { withOrg, type DbContext } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

import { IntegrationError, isNetworkError, redactError } from "./errors";
import { integrationMetrics } from "./metrics";
import { Quota, type QuotaOptions } from "./quota";

/**
 * The one way every outbound integration is called (DESIGN.md "Integrations"): per provider and
 * target (a connection, or the organisation for the installation's own mail server) one policy of
 * cockatiel's — timeout per attempt; retry with capped exponential backoff and full jitter, only
 * for idempotent calls and only for transient failures (429, 5xx, network, timeout), honouring
 * Retry-After; a circuit breaker on consecutive transient failures that half-opens after a while; a
 * bulkhead; and a quota that keeps to the vendor's documented rate and reads its X-RateLimit
 * headers. Every call is a log line, metrics and an integration_call row (no bodies, no secrets).
 */

export type Provider = "ALLINKL_MAIL" | "XENTRAL" | "ALLIANZ_TRADE" | "SMTP_ENV" | "GENERIC";

export const PROVIDER_NAMES: Record<Provider, string> = {
  ALLINKL_MAIL: "all-inkl mail",
  XENTRAL: "Xentral",
  ALLIANZ_TRADE: "Allianz Trade",
  SMTP_ENV: "SMTP (SMTP_URL)",
  GENERIC: "Generic",
};

export interface PolicyOptions {
  timeoutMs: number;
  retry: { maxAttempts: number; initialDelayMs: number; maxDelayMs: number; maxRetryAfterMs: number };
  breaker: { consecutiveFailures: number; halfOpenAfterMs: number };
  bulkhead: { limit: number; queue: number };
  quota: QuotaOptions;
}

/**
 * The providers' policies. Xentral documents 100 requests/min per instance and client IP; Allianz
 * Trade and all-inkl's mail server document none, so theirs are conservative guesses kept here.
 */
export const PROVIDER_POLICIES: Record<Provider, PolicyOptions> = {
  // A generic vendor (webhooks only so far, lib/integrations/generic): the defaults of an HTTP API.
  GENERIC: {
    timeoutMs: 15_000,
    retry: { maxAttempts: 3, initialDelayMs: 250, maxDelayMs: 8_000, maxRetryAfterMs: 30_000 },
    breaker: { consecutiveFailures: 5, halfOpenAfterMs: 30_000 },
    bulkhead: { limit: 4, queue: 100 },
    quota: { perMinute: 60, maxWaitMs: 30_000 },
  },
  ALLINKL_MAIL: {
    timeoutMs: 30_000,
    retry: { maxAttempts: 2, initialDelayMs: 500, maxDelayMs: 10_000, maxRetryAfterMs: 30_000 },
    breaker: { consecutiveFailures: 5, halfOpenAfterMs: 60_000 },
    bulkhead: { limit: 4, queue: 100 },
    quota: { perMinute: 120, maxWaitMs: 30_000 },
  },
  SMTP_ENV: {
    timeoutMs: 30_000,
    retry: { maxAttempts: 2, initialDelayMs: 500, maxDelayMs: 10_000, maxRetryAfterMs: 30_000 },
    breaker: { consecutiveFailures: 5, halfOpenAfterMs: 60_000 },
    bulkhead: { limit: 4, queue: 100 },
    quota: { perMinute: 600, maxWaitMs: 30_000 },
  },
  XENTRAL: {
    timeoutMs: 15_000,
    retry: { maxAttempts: 3, initialDelayMs: 250, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 },
    breaker: { consecutiveFailures: 5, halfOpenAfterMs: 30_000 },
    bulkhead: { limit: 4, queue: 200 },
    quota: { perMinute: 100, maxWaitMs: 60_000 },
  },
  ALLIANZ_TRADE: {
    timeoutMs: 10_000,
    retry: { maxAttempts: 3, initialDelayMs: 250, maxDelayMs: 8_000, maxRetryAfterMs: 30_000 },
    breaker: { consecutiveFailures: 5, halfOpenAfterMs: 30_000 },
    bulkhead: { limit: 10, queue: 500 },
    quota: { perMinute: 300, maxWaitMs: 30_000 },
  },
};

export type CallOutcome = "ok" | "error" | "timeout" | "circuit_open" | "bulkhead_full" | "rate_limited";

/** What a call's row and log line say; never a body or a secret. */
export interface CallRecord {
  orgId: string;
  connectionId: string | null;
  provider: Provider;
  operation: string;
  outcome: CallOutcome;
  status: number | null;
  durationMs: number;
  attempts: number;
  error: string | null;
  /** When the call started. */
  at: Date;
}

export interface CallTools {
  signal: AbortSignal;
  /** Hands the vendor's answer headers to the quota (X-RateLimit-Remaining / -Reset). */
  observe(headers: Headers): void;
}

export interface CallSpec<T> {
  ctx: DbContext & { orgId: string };
  provider: Provider;
  connectionId: string | null;
  /** `smtp.send`, `products.list`, …: the metric label and the row's operation. */
  operation: string;
  /** Safe to repeat (reads, PUT, a send with a fixed Message-ID): only then retried. */
  idempotent: boolean;
  run(tools: CallTools): Promise<T>;
}

/** Where call records go: integration_call in the organisation's context by default. */
export type CallRecorder = (record: CallRecord) => Promise<void>;

export const recordCallRow: CallRecorder = async (record) => {
  await withOrg({ orgId: record.orgId, userId: null, roles: ["system"] }, (tx) =>
    tx.integrationCall.create({
      data: {
        orgId: record.orgId,
        connectionId: record.connectionId,
        provider: record.provider,
        operation: record.operation,
        outcome: record.outcome,
        status: record.status,
        durationMs: record.durationMs,
        attempts: record.attempts,
        error: record.error,
        at: record.at,
      },
    }),
  );
};

/** One provider-and-target's policies and what the UI shows of them. */
export class ProviderPolicy {
  readonly provider: Provider;
  readonly target: string;
  readonly options: PolicyOptions;
  readonly breaker: CircuitBreakerPolicy;
  readonly quota: Quota;
  private readonly idempotentPolicy: IPolicy;
  private readonly oncePolicy: IPolicy;
  /** Per attempt, inside the quota's wait: waiting for the quota is not the vendor being slow. */
  readonly attemptTimeout: IPolicy;
  /** When the breaker last opened; undefined while it is closed. */
  openedAt?: Date;

  constructor(provider: Provider, target: string, options: PolicyOptions) {
    this.provider = provider;
    this.target = target;
    this.options = options;
    const transient = (error: Error) =>
      error instanceof TaskCancelledError ||
      (error instanceof IntegrationError && error.transient) ||
      (!(error instanceof IntegrationError) && isNetworkError(error));
    this.breaker = circuitBreaker(handleWhen(transient), {
      halfOpenAfter: options.breaker.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(options.breaker.consecutiveFailures),
    });
    const metrics = integrationMetrics();
    this.breaker.onStateChange((state) => {
      metrics.breaker.set({ provider, target }, state);
      if (state === CircuitState.Open) this.openedAt = new Date();
      if (state === CircuitState.Closed) this.openedAt = undefined;
    });
    const { initialDelayMs, maxDelayMs, maxRetryAfterMs, maxAttempts } = options.retry;
    // Full jitter (a random delay up to the capped exponential one), or the vendor's Retry-After.
    const backoff = new DelegateBackoff<{ attempt: number; result: { error: Error } | { value: unknown } }>(
      (context) => {
        const error = "error" in context.result ? context.result.error : undefined;
        if (error instanceof IntegrationError && error.retryAfterMs !== undefined) return error.retryAfterMs;
        return Math.random() * Math.min(maxDelayMs, initialDelayMs * 2 ** (context.attempt - 1));
      },
    );
    const retryable = handleWhen(
      (error) =>
        transient(error) &&
        !(error instanceof IntegrationError && (error.retryAfterMs ?? 0) > maxRetryAfterMs),
    );
    this.attemptTimeout = timeout(options.timeoutMs, TimeoutStrategy.Aggressive);
    const limit = bulkhead(options.bulkhead.limit, options.bulkhead.queue);
    this.idempotentPolicy = wrap(retry(retryable, { maxAttempts, backoff }), this.breaker, limit);
    this.oncePolicy = wrap(this.breaker, limit);
    this.quota = new Quota(options.quota);
  }

  get state(): "closed" | "open" | "half_open" {
    const state = this.breaker.state;
    if (state === CircuitState.Open || state === CircuitState.Isolated) return "open";
    return state === CircuitState.HalfOpen ? "half_open" : "closed";
  }

  /** Until when an open breaker refuses calls (it half-opens then). */
  get openUntil(): Date | undefined {
    return this.openedAt && new Date(this.openedAt.getTime() + this.options.breaker.halfOpenAfterMs);
  }

  policyFor(idempotent: boolean): IPolicy {
    return idempotent ? this.idempotentPolicy : this.oncePolicy;
  }
}

const globalForPolicies = globalThis as unknown as {
  freshplanIntegrationPolicies?: Map<string, ProviderPolicy>;
};

function policies(): Map<string, ProviderPolicy> {
  globalForPolicies.freshplanIntegrationPolicies ??= new Map();
  return globalForPolicies.freshplanIntegrationPolicies;
}

/** The policy of a provider and target, made on first use with the provider's options. */
export function policyFor(
  provider: Provider,
  target: string,
  options: PolicyOptions = PROVIDER_POLICIES[provider],
): ProviderPolicy {
  const key = `${provider}:${target}`;
  let policy = policies().get(key);
  if (!policy) {
    policy = new ProviderPolicy(provider, target, options);
    policies().set(key, policy);
  }
  return policy;
}

/** Forgets every policy (tests; an admin's "reset" later). */
export function resetPolicies(): void {
  policies().clear();
}

export interface CallOptions {
  policy?: ProviderPolicy;
  record?: CallRecorder;
}

/**
 * Calls a vendor through its policy. Returns what `run` returns; throws AppError
 * `integration_unavailable` while the breaker is open (with since/until), `rate_limited` when the
 * quota would make the call wait too long, and otherwise the last attempt's error.
 */
export async function callVendor<T>(spec: CallSpec<T>, options: CallOptions = {}): Promise<T> {
  const policy = options.policy ?? policyFor(spec.provider, spec.connectionId ?? `org:${spec.ctx.orgId}`);
  const record = options.record ?? recordCallRow;
  const started = performance.now();
  const at = new Date();
  let attempts = 0;
  let outcome: CallOutcome = "ok";
  let status: number | null = null;
  let failure: unknown;
  try {
    return await policy.policyFor(spec.idempotent).execute(async ({ signal: outer }) => {
      attempts += 1;
      status = null;
      await policy.quota.take(outer);
      return policy.attemptTimeout.execute(async ({ signal }) => {
        try {
          return await spec.run({ signal, observe: (headers) => policy.quota.observe(headers) });
        } catch (error) {
          if (error instanceof IntegrationError) status = error.status ?? null;
          throw error;
        }
      }, outer);
    });
  } catch (error) {
    failure = error;
    outcome =
      error instanceof BrokenCircuitError
        ? "circuit_open"
        : error instanceof BulkheadRejectedError
          ? "bulkhead_full"
          : error instanceof TaskCancelledError
            ? "timeout"
            : error instanceof AppError && error.kind === "rate_limited"
              ? "rate_limited"
              : "error";
    if (outcome === "circuit_open") throw unavailable(policy);
    throw error;
  } finally {
    const durationMs = Math.round(performance.now() - started);
    const row: CallRecord = {
      orgId: spec.ctx.orgId,
      connectionId: spec.connectionId,
      provider: spec.provider,
      operation: spec.operation,
      outcome,
      status,
      durationMs,
      attempts,
      at,
      error:
        failure === undefined
          ? null
          : redactError(failure instanceof Error ? failure.message : String(failure)),
    };
    observeCall(policy, row);
    // Not awaited: a refused call must fail fast, not wait for its row. Jobs flush before they end.
    const pending = record(row)
      .catch((error: unknown) => console.error("[integrations] call row not written", error))
      .finally(() => pendingRecords.delete(pending));
    pendingRecords.add(pending);
  }
}

const pendingRecords = new Set<Promise<void>>();

/** Waits until every call row written so far is stored (a job's end, tests). */
export async function flushCallRecords(): Promise<void> {
  while (pendingRecords.size > 0) await Promise.all([...pendingRecords]);
}

function unavailable(policy: ProviderPolicy): AppError {
  const since = policy.openedAt ?? new Date();
  const until = policy.openUntil ?? new Date(since.getTime() + policy.options.breaker.halfOpenAfterMs);
  const name = PROVIDER_NAMES[policy.provider];
  return new AppError(
    "integration_unavailable",
    `${name} is unavailable since ${since.toISOString()}; the next attempt is possible from ${until.toISOString()}.`,
    {
      retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000)),
      text: { code: "integrations.errors.unavailable", params: { provider: name, since, until } },
    },
  );
}

function observeCall(policy: ProviderPolicy, row: CallRecord): void {
  const metrics = integrationMetrics();
  metrics.calls.inc({ provider: row.provider, operation: row.operation, outcome: row.outcome });
  metrics.duration.observe({ provider: row.provider, operation: row.operation }, row.durationMs / 1000);
  if (policy.quota.remaining !== undefined) {
    metrics.quotaRemaining.set({ provider: policy.provider, target: policy.target }, policy.quota.remaining);
  }
  const level = row.outcome === "ok" ? "info" : "warn";
  if (level === "info" && env().LOG_LEVEL !== "debug" && env().LOG_LEVEL !== "info") return;
  const line = JSON.stringify({ msg: "integration call", level, ...row, breaker: policy.state });
  if (level === "info") console.info(line);
  else console.warn(line);
}

/** The breakers this instance has made so far and their states (the System area's health page). */
export function circuitStates(): { provider: Provider; target: string; state: ProviderPolicy["state"] }[] {
  return [...policies().values()]
    .map((p) => ({ provider: p.provider, target: p.target, state: p.state }))
    .sort((a, b) => `${a.provider}:${a.target}`.localeCompare(`${b.provider}:${b.target}`));
}
