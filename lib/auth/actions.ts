"use server";

import { cookies } from "next/headers";
import { getTranslations } from "next-intl/server";
import { z } from "zod";

import { isAppError } from "@/lib/errors";
import { formFields, parseForm } from "@/lib/forms";
import { orgAction, type ActionState } from "@/lib/http/action";
import { LOCALE_COOKIE, LOCALES } from "@/lib/i18n/config";
import { fieldText, type FieldWords } from "@/lib/i18n/fieldText";

import { signIn, signOut } from "./auth";
import { changeMemberRole, inviteMember, sendPasswordReset, setMemberActive, type Invited } from "./members";
import { setPasswordWithLink } from "./password-links";
import { changeOwnPassword, updateOwnProfile } from "./profile";
import {
  safeCallbackPath,
  ZChangeOwnPassword,
  ZChangeRole,
  ZCreateToken,
  ZInviteMember,
  ZMemberRef,
  ZSetMemberActive,
  ZSetPassword,
  ZUpdateProfile,
  type TMember,
} from "./schemas";
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

// Server actions of the members page and the own account: parse → orgAction (session, membership)
// → service, which authorises and audits.

export async function inviteMemberAction(
  orgSlug: string,
  _previous: ActionState<Invited>,
  formData: FormData,
): Promise<ActionState<Invited>> {
  return orgAction(orgSlug, ZInviteMember, formData, (session, input) => inviteMember(session.ctx, input));
}

export async function changeMemberRoleAction(orgSlug: string, input: unknown): Promise<ActionState<TMember>> {
  return orgAction(orgSlug, ZChangeRole, input, (session, value) => changeMemberRole(session.ctx, value));
}

export async function setMemberActiveAction(orgSlug: string, input: unknown): Promise<ActionState<TMember>> {
  return orgAction(orgSlug, ZSetMemberActive, input, (session, value) => setMemberActive(session.ctx, value));
}

export async function sendPasswordResetAction(orgSlug: string, input: unknown): Promise<ActionState<null>> {
  return orgAction(orgSlug, ZMemberRef, input, async (session, value) => {
    await sendPasswordReset(session.ctx, value);
    return null;
  });
}

export async function updateProfileAction(
  orgSlug: string,
  _previous: ActionState<null>,
  formData: FormData,
): Promise<ActionState<null>> {
  return orgAction(orgSlug, ZUpdateProfile, formData, async (session, input) => {
    await updateOwnProfile(session.ctx, input);
    // The preferred language is this browser's too, as the shell's language switch does it.
    (await cookies()).set(LOCALE_COOKIE, input.locale, { path: "/", maxAge: ONE_YEAR, sameSite: "lax" });
    return null;
  });
}

/** A new password ends every session, this one too: the browser goes to the sign-in page. */
export async function changePasswordAction(
  orgSlug: string,
  _previous: ActionState<null>,
  formData: FormData,
): Promise<ActionState<null>> {
  const state = await orgAction(orgSlug, ZChangeOwnPassword, formData, async (session, input) => {
    await changeOwnPassword(session.ctx, input);
    return null;
  });
  if (state.status === "ok") await signOut({ redirectTo: "/login" });
  return state;
}

/**
 * The public set-password form's action: no session (the token is the credential), so not
 * orgAction. The token comes from the page's URL, bound into the action; the answer is a form state.
 */
export async function setPasswordAction(
  token: string,
  _previous: ActionState<null>,
  formData: FormData,
): Promise<ActionState<null>> {
  const t = await getTranslations("errors");
  const raw = formFields(formData);
  if (raw === undefined) return { status: "error", message: t("forgedField"), fieldErrors: {} };
  const words = (await getTranslations("fields")) as unknown as FieldWords;
  const parsed = parseForm(ZSetPassword, raw, (why, path) => fieldText(words, why, path));
  if (!parsed.ok) {
    return { status: "error", message: "", fieldErrors: parsed.fieldErrors, fieldCodes: parsed.fieldCodes };
  }
  try {
    await setPasswordWithLink(token, parsed.data);
    return { status: "ok", data: null };
  } catch (error) {
    if (isAppError(error) && error.kind === "gone" && error.text) {
      const say = await getTranslations();
      return { status: "error", code: "gone", message: say(error.text.code as never), fieldErrors: {} };
    }
    console.error("[set-password] failed", error);
    return { status: "error", message: t("generic"), fieldErrors: {} };
  }
}
