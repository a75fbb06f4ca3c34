import "server-only";

import { headers } from "next/headers";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import type { JWT } from "next-auth/jwt";
import Credentials from "next-auth/providers/credentials";

import { withoutOrg } from "@/lib/db";
import { env, oidcConfig } from "@/lib/env";
import { clientIp } from "@/lib/http/client-ip";
import { signInLimits } from "@/lib/http/rate-limit";
import { isAppError } from "@/lib/errors";

import { verifyCredentials } from "./login";
import { verifiedOidcEmail } from "./oidc";
import { safeCallbackPath } from "./schemas";
import { endSession, SESSION_MAX_AGE_SECONDS, startSession } from "./sessions";

declare module "next-auth" {
  interface Session {
    /** The user_session row this sign-in started; the account load checks it on every request. */
    sessionId?: string;
  }
}

/** next-auth's way to carry our error kind out of `authorize` (it becomes `code`). */
class SignInRefused extends CredentialsSignin {
  constructor(
    code: "invalid_credentials" | "rate_limited",
    readonly retryAfterSeconds = 0,
  ) {
    super();
    this.code = code;
  }
}

export function isSignInRefusal(error: unknown): error is CredentialsSignin & { retryAfterSeconds?: number } {
  return error instanceof CredentialsSignin;
}

/**
 * OIDC sign-in is for existing, active accounts only, matched by an email the provider has verified:
 * no one is provisioned by the provider, and an unverified email is refused like an unknown one.
 */
async function oidcUserId(profile: Record<string, unknown> | undefined): Promise<string | null> {
  const email = verifiedOidcEmail(profile);
  if (!email) return null;
  const [row] = await withoutOrg(
    (tx) => tx.$queryRaw<{ user_id: string; active: boolean }[]>`
      SELECT user_id, active FROM app_login_lookup(${email})`,
  );
  return row?.active ? row.user_id : null;
}

/** The user and session a session JWT names, if it names both (older cookies name no session). */
function sessionOf(token: JWT | null): { userId: string; sessionId: string } | null {
  const { uid, sid } = token ?? {};
  return typeof uid === "string" && typeof sid === "string" ? { userId: uid, sessionId: sid } : null;
}

function config(): NextAuthConfig {
  const oidc = oidcConfig();
  return {
    secret: env().AUTH_SECRET,
    trustHost: true,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(credentials, request) {
          try {
            const id = await verifyCredentials(credentials, clientIp(request.headers), signInLimits());
            return { id };
          } catch (error) {
            if (isAppError(error) && error.kind === "rate_limited") {
              throw new SignInRefused("rate_limited", error.retryAfterSeconds);
            }
            if (isAppError(error) && error.kind === "unauthorized")
              throw new SignInRefused("invalid_credentials");
            throw error;
          }
        },
      }),
      ...(oidc ? [{ id: "oidc", type: "oidc" as const, ...oidc }] : []),
    ],
    callbacks: {
      // Every target next-auth follows (SSO's callbackUrl, sign-out's redirectTo) stays on the app.
      redirect: ({ url, baseUrl }) => new URL(safeCallbackPath(url, baseUrl), baseUrl).href,
      async signIn({ account, profile }) {
        if (account?.provider !== "oidc") return true;
        return (await oidcUserId(profile)) !== null;
      },
      // `account` is there only at sign-in: then the sign-in becomes a session row, whose id the
      // JWT carries from then on.
      async jwt({ token, user, account, profile }) {
        if (!account) return token;
        const userId = account.provider === "oidc" ? await oidcUserId(profile) : user?.id;
        const userAgent = (await headers()).get("user-agent");
        const sessionId = userId ? await startSession(userId, userAgent) : null;
        // Deactivated between the credential check and this moment.
        if (!userId || !sessionId) throw new SignInRefused("invalid_credentials");
        return { ...token, uid: userId, sid: sessionId };
      },
      session({ session, token }) {
        const signed = sessionOf(token);
        if (signed) {
          session.user.id = signed.userId;
          session.sessionId = signed.sessionId;
        }
        return session;
      },
    },
    events: {
      // The cookie is cleared by next-auth; ending the row is what makes a copy of it worthless.
      async signOut(message) {
        const signed = "token" in message ? sessionOf(message.token) : null;
        if (signed) await endSession(signed.userId, signed.sessionId);
      },
    },
    logger: {
      // A refused sign-in is an expected outcome, not an error worth a stack trace.
      error(error) {
        if (error instanceof CredentialsSignin) return;
        console.error("[auth]", error);
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => config());

export { SignInRefused };
