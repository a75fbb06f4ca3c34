import "server-only";

import { Redis } from "ioredis";
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";

import { withoutOrg } from "@/lib/db";
import { env } from "@/lib/env";

export interface RateLimitVerdict {
  allowed: boolean;
  retryAfterSeconds: number;
  /** The key's hits in its current window, this one included. */
  hits: number;
}

/**
 * Fixed-window counters by key (`api:ip:<ip>`, `api:token:<id>`, `public:ip:<ip>`, `login:…`).
 * `hit` counts one request and says whether it is within `limit` per `windowSeconds`; `reset`
 * forgets a key (a successful sign-in clears its account's failures).
 */
export interface RateLimitStore {
  hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitVerdict>;
  reset(key: string): Promise<void>;
}

/** How long a Redis command may take before the request falls back to the in-memory count. */
const REDIS_COMMAND_TIMEOUT_MS = 250;

/**
 * A Redis client for the limiters, connecting at once. Every command has a short timeout: while
 * Redis is down or slow a request waits at most that long (a command queued while the client
 * (re)connects included) and is then counted in this instance's memory instead (the limiter's
 * `insuranceLimiter`) until Redis answers again. No retries: a lost answer is not retried.
 */
export function rateLimitRedis(url: string): Redis {
  const client = new Redis(url, { commandTimeout: REDIS_COMMAND_TIMEOUT_MS, maxRetriesPerRequest: 0 });
  // Without a listener ioredis reports every failed reconnect as an unhandled error.
  client.on("error", () => {});
  return client;
}

function retryAfter(res: RateLimiterRes): number {
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

/**
 * A store on rate-limiter-flexible: Redis when `redis` is given (every instance on that Redis shares
 * the counts; while Redis is unreachable each instance counts in its own memory), memory otherwise
 * (counts per instance). One limiter per (limit, window); they share the client.
 */
export function limiterStore(options: { redis?: Redis; keyPrefix: string }): RateLimitStore {
  const limiters = new Map<string, RateLimiterAbstract>();
  const limiterFor = (points: number, duration: number): RateLimiterAbstract => {
    const id = `${points}/${duration}`;
    let limiter = limiters.get(id);
    if (!limiter) {
      // The prefix names the window: a counter's lifetime is its window.
      const keyPrefix = `${options.keyPrefix}rl:${duration}`;
      const memory = new RateLimiterMemory({ keyPrefix, points, duration });
      limiter = options.redis
        ? new RateLimiterRedis({
            storeClient: options.redis,
            keyPrefix,
            points,
            duration,
            insuranceLimiter: memory,
          })
        : memory;
      limiters.set(id, limiter);
    }
    return limiter;
  };
  return {
    async hit(key, limit, windowSeconds) {
      try {
        const res = await limiterFor(limit, windowSeconds).consume(key);
        return { allowed: true, retryAfterSeconds: 0, hits: res.consumedPoints };
      } catch (error) {
        if (error instanceof RateLimiterRes) {
          return { allowed: false, retryAfterSeconds: retryAfter(error), hits: error.consumedPoints };
        }
        throw error;
      }
    },
    async reset(key) {
      // A key's counter lives under its window's prefix; every limiter of that window sees it.
      await Promise.all([...limiters.values()].map((limiter) => limiter.delete(key)));
    },
  };
}

/**
 * Sign-in limits without Redis: PostgreSQL (`app_rate_limit_hit`, a row per key and window), so they
 * hold across every instance on the database. A sign-in is rare, so its row lock costs nothing.
 */
export const postgresStore: RateLimitStore = {
  async hit(key, limit, windowSeconds) {
    const [row] = await withoutOrg(
      (tx) => tx.$queryRaw<{ allowed: boolean; retry_after_seconds: number; hits: number }[]>`
        SELECT allowed, retry_after_seconds, hits
        FROM app_rate_limit_hit(${key}, ${limit}::int, ${windowSeconds}::int)`,
    );
    return { allowed: row.allowed, retryAfterSeconds: row.retry_after_seconds, hits: row.hits };
  },
  async reset(key) {
    await withoutOrg((tx) => tx.$executeRaw`SELECT app_rate_limit_reset(${key})`);
  },
};

interface Stores {
  requests: RateLimitStore;
  signIn: RateLimitStore;
  redis?: Redis;
}

const globalForLimits = globalThis as unknown as { freshplanRateLimits?: Stores };

/** This process's stores, made on first use from REDIS_URL and REDIS_KEY_PREFIX. */
function stores(): Stores {
  if (!globalForLimits.freshplanRateLimits) {
    const { REDIS_URL, REDIS_KEY_PREFIX } = env();
    const redis = REDIS_URL ? rateLimitRedis(REDIS_URL) : undefined;
    const requests = limiterStore({ redis, keyPrefix: REDIS_KEY_PREFIX });
    globalForLimits.freshplanRateLimits = { requests, signIn: redis ? requests : postgresStore, redis };
  }
  return globalForLimits.freshplanRateLimits;
}

/** Counts one request against `key`: Redis when REDIS_URL is set, this instance's memory otherwise. */
export function hitRateLimit(key: string, limit: number, windowSeconds: number): Promise<RateLimitVerdict> {
  return stores().requests.hit(key, limit, windowSeconds);
}

export function resetRateLimit(key: string): Promise<void> {
  return stores().requests.reset(key);
}

/** The store for sign-in limits: Redis when REDIS_URL is set, PostgreSQL otherwise. */
export function signInLimits(): RateLimitStore {
  return stores().signIn;
}

/** Closes the Redis client (CLI and tests, so the process can exit). */
export async function closeRateLimits(): Promise<void> {
  const current = globalForLimits.freshplanRateLimits;
  globalForLimits.freshplanRateLimits = undefined;
  if (current?.redis) current.redis.disconnect();
}
