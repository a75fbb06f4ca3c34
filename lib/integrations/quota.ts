import { AppError } from "@/lib/errors";

export interface QuotaOptions {
  /** The vendor's documented limit per minute; this instance keeps below it. */
  perMinute: number;
  /** Longer than this to wait for the quota, and the call is refused (rate_limited) instead. */
  maxWaitMs: number;
}

const MINUTE = 60_000;

/**
 * A simple client-side rate limit per provider and target: at most `perMinute` calls in any
 * sliding minute, and, once the vendor has said so (X-RateLimit-Remaining: 0 with
 * X-RateLimit-Reset), nothing before its window resets. Reset is read as epoch seconds when it is
 * that large, else as seconds from now (vendors use both). One instance's view: several instances
 * share the vendor's quota, which the headers then report.
 */
export class Quota {
  private readonly options: QuotaOptions;
  private readonly starts: number[] = [];
  /** What the vendor last said is left, and when its window resets (ms since epoch). */
  remaining?: number;
  resetAt?: number;

  constructor(options: QuotaOptions) {
    this.options = options;
  }

  observe(headers: Headers, now = Date.now()): void {
    const remaining = headers.get("x-ratelimit-remaining") ?? headers.get("ratelimit-remaining");
    const reset = headers.get("x-ratelimit-reset") ?? headers.get("ratelimit-reset");
    if (remaining !== null && /^\d+$/.test(remaining.trim())) this.remaining = Number(remaining);
    if (reset !== null && /^\d+(\.\d+)?$/.test(reset.trim())) {
      const value = Number(reset);
      this.resetAt = value > 1_000_000_000 ? value * 1000 : now + value * 1000;
    }
  }

  /** How long the next call must wait, in ms (0: go). */
  waitMs(now = Date.now()): number {
    while (this.starts.length > 0 && this.starts[0] <= now - MINUTE) this.starts.shift();
    let wait = 0;
    if (this.starts.length >= this.options.perMinute) wait = this.starts[0] + MINUTE - now;
    if (this.remaining === 0 && this.resetAt !== undefined && this.resetAt > now) {
      wait = Math.max(wait, this.resetAt - now);
    }
    return Math.max(0, wait);
  }

  /** Waits for a slot (or throws rate_limited when that would take too long), then takes it. */
  async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const wait = this.waitMs();
      if (wait === 0) break;
      if (wait > this.options.maxWaitMs) {
        throw new AppError("rate_limited", "The vendor's rate limit is used up; try again later.", {
          retryAfterSeconds: Math.ceil(wait / 1000),
        });
      }
      await sleep(wait, signal);
    }
    if (this.remaining !== undefined && this.remaining > 0) this.remaining -= 1;
    else if (this.remaining === 0) this.remaining = undefined; // the window has reset
    this.starts.push(Date.now());
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    // The listener goes when the timer fires: the signal may be shared by every call (cockatiel's).
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
