import "server-only";

import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";

import { withoutOrg } from "@/lib/db";
import { env, oidcConfig } from "@/lib/env";
import { clientIp } from "@/lib/http/client-ip";
import { isAppError } from "@/lib/http/errors";

import { verifyCredentials } from "./login";

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

/** OIDC sign-in is for existing, active accounts only: no one is provisioned by the provider. */
async function userIdForEmail(email: string): Promise<string | null> {
  const [row] = await withoutOrg(
    (tx) => tx.$queryRaw<{ user_id: string; active: boolean }[]>`
      SELECT user_id, active FROM app_login_lookup(${email})`,
  );
  return row?.active ? row.user_id : null;
}

function config(): NextAuthConfig {
  const oidc = oidcConfig();
  return {
    secret: env().AUTH_SECRET,
    trustHost: true,
    session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(credentials, request) {
          try {
            const id = await verifyCredentials(credentials, clientIp(request.headers));
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
      async signIn({ account, profile }) {
        if (account?.provider !== "oidc") return true;
        return typeof profile?.email === "string" && (await userIdForEmail(profile.email)) !== null;
      },
      async jwt({ token, user, account, profile }) {
        if (account?.provider === "oidc" && typeof profile?.email === "string") {
          token.uid = (await userIdForEmail(profile.email)) ?? undefined;
        } else if (user?.id) {
          token.uid = user.id;
        }
        return token;
      },
      session({ session, token }) {
        if (typeof token.uid === "string") session.user.id = token.uid;
        return session;
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
