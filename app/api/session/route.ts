import { cookies } from "next/headers";

import { loadAccount } from "@/lib/auth/account";
import { isSignInRefusal, signIn, signOut } from "@/lib/auth/auth";
import { findUserIdByEmail } from "@/lib/auth/service";
import { GENERIC_LOGIN_FAILURE, GENERIC_RATE_LIMITED } from "@/lib/auth/login";
import { LOCALE_COOKIE } from "@/lib/i18n/config";
import { readJsonBody } from "@/lib/http/body";
import { problemResponse } from "@/lib/http/problem";
import { publicRoute } from "@/lib/http/public";

/**
 * Sign-in for the login form and for scripts: POST {email, password} → 204 with the session cookie,
 * 401 with one generic message for any wrong part, 429 with Retry-After when rate-limited.
 * DELETE signs out.
 */
export const POST = publicRoute(async (request: Request): Promise<Response> => {
  const body = await readJsonBody(request);
  const { email, password } = (body ?? {}) as Record<string, unknown>;
  try {
    await signIn("credentials", {
      email: typeof email === "string" ? email : "",
      password: typeof password === "string" ? password : "",
      redirect: false,
    });
  } catch (error) {
    if (!isSignInRefusal(error)) throw error;
    if (error.code === "rate_limited") {
      return problemResponse(429, {
        type: "rate-limited",
        detail: GENERIC_RATE_LIMITED,
        instance: "/api/session",
        headers: { "retry-after": String(error.retryAfterSeconds ?? 60) },
      });
    }
    return problemResponse(401, {
      type: "invalid-credentials",
      detail: GENERIC_LOGIN_FAILURE,
      instance: "/api/session",
    });
  }
  // Start in the language of the user's profile.
  const userId = await findUserIdByEmail(String(email));
  const account = userId ? await loadAccount(userId) : null;
  if (account) {
    (await cookies()).set(LOCALE_COOKIE, account.locale, { path: "/", maxAge: 31_536_000, sameSite: "lax" });
  }
  return new Response(null, { status: 204 });
});

export const DELETE = publicRoute(async (): Promise<Response> => {
  await signOut({ redirect: false });
  return new Response(null, { status: 204 });
});
