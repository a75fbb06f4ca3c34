"use server";

import { cookies } from "next/headers";
import { z } from "zod";

import { orgAction, type ActionState } from "@/lib/http/action";
import { LOCALE_COOKIE, LOCALES } from "@/lib/i18n/config";

import { signIn, signOut } from "./auth";
import { safeCallbackPath, ZCreateToken } from "./schemas";
import { setOwnLocale } from "./service";
import { endAllSessions } from "./sessions";
import { createToken, revokeOwnToken, type TokenSummary } from "./tokens";

const ONE_YEAR = 60 * 60 * 24 * 365;

/** Starts single sign-on with the configured OIDC provider (only offered when one is). */
export async function ssoSignInAction(formData: FormData): Promise<void> {
  await signIn("oidc", { redirectTo: safeCallbackPath(formData.get("callbackUrl")) });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}

/** Ends every session of the user (other browsers and devices too), then this browser's cookie. */
export async function signOutEverywhereAction(orgSlug: string): Promise<ActionState<null>> {
  const state = await orgAction(orgSlug, z.null(), null, async (session) => {
    await endAllSessions(session.ctx);
    return null;
  });
  if (state.status === "ok") await signOut({ redirectTo: "/login" });
  return state;
}

/** Switches the interface language for this browser and remembers it in the user's profile. */
export async function setLocaleAction(orgSlug: string, locale: string): Promise<ActionState<null>> {
  return orgAction(orgSlug, z.enum(LOCALES), locale, async (session, value) => {
    await setOwnLocale(session.ctx, value);
    (await cookies()).set(LOCALE_COOKIE, value, { path: "/", maxAge: ONE_YEAR, sameSite: "lax" });
    return null;
  });
}

export async function createTokenAction(
  orgSlug: string,
  _previous: ActionState<{ token: string; summary: TokenSummary }>,
  formData: FormData,
): Promise<ActionState<{ token: string; summary: TokenSummary }>> {
  return orgAction(orgSlug, ZCreateToken, formData, (session, input) => createToken(session.ctx, input));
}

export async function revokeTokenAction(orgSlug: string, tokenId: string): Promise<ActionState<null>> {
  return orgAction(orgSlug, z.uuid(), tokenId, async (session, id) => {
    await revokeOwnToken(session.ctx, id);
    return null;
  });
}
