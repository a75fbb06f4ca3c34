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
  ): Promise<{ allowed: boolean; retryAfterSeconds: number }>;
  reset(key: string): Promise<void>;
}

/** One message for every failed sign-in, so a caller cannot tell which part was wrong. */
export const GENERIC_LOGIN_FAILURE = "Invalid email or password.";
export const GENERIC_RATE_LIMITED = "Too many sign-in attempts. Please wait and try again.";

/**
 * Checks a sign-in attempt: rate limits first (per account and per client IP), then the password.
 * Returns the user id, or throws AppError "unauthorized" / "rate_limited" with a generic message.
 * A deactivated account fails like a wrong password. `limits` must be shared by every instance
 * (Redis or PostgreSQL), or a lockout would end at the next instance.
 */
export async function verifyCredentials(
  raw: unknown,
  clientIp: string,
  limits: SignInLimits,
): Promise<string> {
  const parsed = ZCredentials.safeParse(raw);
  if (!parsed.success) throw new AppError("unauthorized", GENERIC_LOGIN_FAILURE);
  const { email, password } = parsed.data;

  const { LOGIN_LIMIT_PER_ACCOUNT, LOGIN_LIMIT_PER_IP, LOGIN_LIMIT_WINDOW_SECONDS } = env();
  const accountKey = `login:account:${email}`;
  const verdicts = await Promise.all([
    limits.hit(accountKey, LOGIN_LIMIT_PER_ACCOUNT, LOGIN_LIMIT_WINDOW_SECONDS),
    limits.hit(`login:ip:${clientIp}`, LOGIN_LIMIT_PER_IP, LOGIN_LIMIT_WINDOW_SECONDS),
  ]);
  const refused = verdicts.filter((v) => !v.allowed);
  if (refused.length > 0) {
    const retryAfterSeconds = Math.max(...refused.map((v) => v.retryAfterSeconds));
    throw new AppError("rate_limited", GENERIC_RATE_LIMITED, { retryAfterSeconds });
  }

  const [account] = await withoutOrg(
    (tx) => tx.$queryRaw<{ user_id: string; password_hash: string | null; active: boolean }[]>`
      SELECT user_id, password_hash, active FROM app_login_lookup(${email})`,
  );
  const ok = await verifyPassword(account?.password_hash ?? null, password);
  if (!account || !ok || !account.active) throw new AppError("unauthorized", GENERIC_LOGIN_FAILURE);

  await limits.reset(accountKey);
  return account.user_id;
}
