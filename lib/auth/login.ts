import "server-only";

import { withoutOrg } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

import { verifyPassword } from "./password";
import { ZCredentials } from "./schemas";

/** Where sign-in attempts are counted; the caller's layer chooses (lib/http/rate-limit.ts). */
export interface SignInLimits {
  hit(
    key: string,
    limit: number,
    windowSeconds: number,
  ): Promise<{ allowed: boolean; retryAfterSeconds: number; hits: number }>;
  reset(key: string): Promise<void>;
}

/** One message for every failed sign-in, so a caller cannot tell which part was wrong. */
export const GENERIC_LOGIN_FAILURE = "Invalid email or password.";
export const GENERIC_RATE_LIMITED = "Too many sign-in attempts. Please wait and try again.";

/** The first slowed attempt waits this long; each further one twice as long, up to the maximum. */
const SLOWDOWN_BASE_MS = 250;

/**
 * How long an attempt on an account waits once the account's attempts from every client together
 * have passed the ceiling: `over` is how many attempts past it this one is (1 for the first).
 */
export function slowdownMs(over: number, maxMs: number): number {
  if (over <= 0) return 0;
  return Math.min(maxMs, SLOWDOWN_BASE_MS * 2 ** Math.min(over - 1, 30));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Checks a sign-in attempt: rate limits first, then the password. Returns the user id, or throws
 * AppError "unauthorized" / "rate_limited" with a generic message. A deactivated account fails like
 * a wrong password. `limits` must be shared by every instance (Redis or PostgreSQL), or a limit
 * would end at the next instance.
 *
 * Three counts, so that nobody can lock the owner out by guessing their password from elsewhere:
 * - per account and client address (`LOGIN_LIMIT_PER_ACCOUNT`): 429 for that client only;
 * - per client address across accounts (`LOGIN_LIMIT_PER_IP`): 429;
 * - per account from every client (`LOGIN_SLOWDOWN_AFTER`): never a 429, but each attempt past the
 *   ceiling waits longer (250 ms, doubling, at most `LOGIN_SLOWDOWN_MAX_MS`), so the owner still gets
 *   in from their usual address while a distributed guesser is slowed to a crawl.
 */
export async function verifyCredentials(
  raw: unknown,
  clientIp: string,
  limits: SignInLimits,
  wait: (ms: number) => Promise<void> = sleep,
): Promise<string> {
  const parsed = ZCredentials.safeParse(raw);
  if (!parsed.success) throw new AppError("unauthorized", GENERIC_LOGIN_FAILURE);
  const { email, password } = parsed.data;

  const {
    LOGIN_LIMIT_PER_ACCOUNT,
    LOGIN_LIMIT_PER_IP,
    LOGIN_LIMIT_WINDOW_SECONDS,
    LOGIN_SLOWDOWN_AFTER,
    LOGIN_SLOWDOWN_MAX_MS,
  } = env();
  const accountClientKey = `login:account:${email}:client:${clientIp}`;
  const accountKey = `login:account:${email}`;
  const [accountClient, client, accountWide] = await Promise.all([
    limits.hit(accountClientKey, LOGIN_LIMIT_PER_ACCOUNT, LOGIN_LIMIT_WINDOW_SECONDS),
    limits.hit(`login:ip:${clientIp}`, LOGIN_LIMIT_PER_IP, LOGIN_LIMIT_WINDOW_SECONDS),
    limits.hit(accountKey, LOGIN_SLOWDOWN_AFTER, LOGIN_LIMIT_WINDOW_SECONDS),
  ]);
  const refused = [accountClient, client].filter((v) => !v.allowed);
  if (refused.length > 0) {
    const retryAfterSeconds = Math.max(...refused.map((v) => v.retryAfterSeconds));
    throw new AppError("rate_limited", GENERIC_RATE_LIMITED, { retryAfterSeconds });
  }
  const delay = slowdownMs(accountWide.hits - LOGIN_SLOWDOWN_AFTER, LOGIN_SLOWDOWN_MAX_MS);
  if (delay > 0) await wait(delay);

  const [account] = await withoutOrg(
    (tx) => tx.$queryRaw<{ user_id: string; password_hash: string | null; active: boolean }[]>`
      SELECT user_id, password_hash, active FROM app_login_lookup(${email})`,
  );
  const ok = await verifyPassword(account?.password_hash ?? null, password);
  if (!account || !ok || !account.active) throw new AppError("unauthorized", GENERIC_LOGIN_FAILURE);

  // The owner is in: their client and the account start afresh (the per-address count does not).
  await Promise.all([limits.reset(accountClientKey), limits.reset(accountKey)]);
  return account.user_id;
}
