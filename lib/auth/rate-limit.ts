import "server-only";

import { withoutOrg } from "@/lib/db";

export interface RateLimitVerdict {
  allowed: boolean;
  retryAfterSeconds: number;
}

/**
 * Counts one hit against `key` in PostgreSQL (fixed window), so the limit holds across every app
 * instance. Keys are namespaced by the caller: `login:account:<email>`, `login:ip:<ip>`, …
 */
export async function hitRateLimit(
  key: string,
  limit: number,
  windowSeconds: number,
): Promise<RateLimitVerdict> {
  const [row] = await withoutOrg(
    (tx) => tx.$queryRaw<{ allowed: boolean; retry_after_seconds: number }[]>`
      SELECT allowed, retry_after_seconds FROM app_rate_limit_hit(${key}, ${limit}::int, ${windowSeconds}::int)`,
  );
  return { allowed: row.allowed, retryAfterSeconds: row.retry_after_seconds };
}

export async function resetRateLimit(key: string): Promise<void> {
  await withoutOrg((tx) => tx.$executeRaw`SELECT app_rate_limit_reset(${key})`);
}
