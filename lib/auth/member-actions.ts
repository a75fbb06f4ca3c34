"use server";

import { orgAction, type ActionState } from "@/lib/http/action";

import { signOut } from "./auth";
import { changeMemberRole, inviteMember, sendPasswordReset, setMemberActive, type Invited } from "./members";
import { changeOwnPassword, updateOwnProfile } from "./profile";
import {
  ZChangeOwnPassword,
  ZChangeRole,
  ZInviteMember,
  ZMemberRef,
  ZSetMemberActive,
  ZUpdateProfile,
  type TMember,
} from "./schemas";

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
