import "server-only";

import { ProviderError, type ChatRequest, type ProviderClient, type TAiProvider } from "@/lib/ai/types";

export type TBreakerState = "closed" | "open" | "half-open";

export interface BreakerOptions {
  /** Consecutive failover-type failures (timeout, 5xx, 429, connection) that open the circuit. */
  failureThreshold?: number;
  /** How long an open circuit refuses calls before it lets one trial call through. */
  cooldownMs?: number;
  /** The clock, in milliseconds; tests pass their own to skip the cooldown without waiting. */
  now?: () => number;
}

/**
 * A per-provider circuit breaker. When a provider keeps timing out or failing, every further call
 * would only wait for the same failure before failing over; an open circuit fails at once instead,
 * so the router goes straight to the other provider. After the cooldown one trial call is let
 * through (half-open): its success closes the circuit, its failure opens it for another cooldown.
 *
 * Only failures that say the provider is unwell count. Any answer from it, even a 400 or output that
 * does not parse, shows it is reachable and resets the count; a caller's abort counts for nothing.
 */
export class CircuitBreaker {
  readonly provider: TAiProvider;
  private readonly failureThreshold: number;
  private readonly cooldownMs: number;
  private readonly now: () => number;

  private consecutiveFailures = 0;
  private openedAt: number | null = null;
  private trialInFlight = false;

  constructor(provider: TAiProvider, options: BreakerOptions = {}) {
    this.provider = provider;
    this.failureThreshold = options.failureThreshold ?? 5;
    this.cooldownMs = options.cooldownMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  get state(): TBreakerState {
    if (this.openedAt === null) return "closed";
    return this.now() - this.openedAt < this.cooldownMs ? "open" : "half-open";
  }

  /** Runs `call` unless the circuit refuses it, and learns from the outcome. */
  async run<T>(call: () => Promise<T>): Promise<T> {
    const state = this.state;
    if (state === "open" || (state === "half-open" && this.trialInFlight)) {
      throw new ProviderError(this.provider, "circuit_open", this.refusal(state));
    }
    const isTrial = state === "half-open";
    if (isTrial) this.trialInFlight = true;
    try {
      const result = await call();
      this.recordHealthy();
      return result;
    } catch (error) {
      if (error instanceof ProviderError) {
        if (error.failsOver) this.recordFailure();
        else this.recordHealthy();
      }
      throw error;
    } finally {
      if (isTrial) this.trialInFlight = false;
    }
  }

  /** Back to closed with a clean slate. */
  reset(): void {
    this.consecutiveFailures = 0;
    this.openedAt = null;
    this.trialInFlight = false;
  }

  private recordHealthy(): void {
    this.consecutiveFailures = 0;
    this.openedAt = null;
  }

  private recordFailure(): void {
    this.consecutiveFailures += 1;
    // A failed trial reopens at once; otherwise the threshold decides.
    if (this.openedAt !== null || this.consecutiveFailures >= this.failureThreshold) {
      this.openedAt = this.now();
    }
  }

  private refusal(state: TBreakerState): string {
    if (state === "half-open") return `${this.provider}: circuit half-open, a trial call is under way`;
    const seconds = Math.ceil((this.cooldownMs - (this.now() - (this.openedAt ?? 0))) / 1000);
    return `${this.provider}: circuit open after ${this.consecutiveFailures} failures, retry in ${seconds} s`;
  }
}

/** A ProviderClient whose calls go through `breaker`; the breaker stays reachable for health views. */
export interface GuardedProviderClient extends ProviderClient {
  readonly breaker: CircuitBreaker;
}

export function withBreaker(client: ProviderClient, breaker: CircuitBreaker): GuardedProviderClient {
  return {
    provider: client.provider,
    breaker,
    model: (tier) => client.model(tier),
    complete: (request: ChatRequest) => breaker.run(() => client.complete(request)),
  };
}
