"use server";

import { revalidatePath } from "next/cache";

import { orgAction, type ActionState } from "@/lib/http/action";

import { ZKasAccountCreate, ZKasAccountUpdate } from "../schemas";
import { createMailAccount, updateMailAccount } from "./service";

/** The Integrations page's KAS mutations (admins; the service re-checks): parse, orgAction, service. */

const page = (orgSlug: string) => `/${orgSlug}/integrations`;

export async function createMailAccountAction(
  orgSlug: string,
  _previous: ActionState<{ login: string }>,
  formData: FormData,
): Promise<ActionState<{ login: string }>> {
  const state = await orgAction(orgSlug, ZKasAccountCreate, formData, (session, input) =>
    createMailAccount(session.ctx, input),
  );
  if (state.status === "ok") revalidatePath(page(orgSlug));
  return state;
}

export async function updateMailAccountAction(
  orgSlug: string,
  _previous: ActionState<{ changed: boolean }>,
  formData: FormData,
): Promise<ActionState<{ changed: boolean }>> {
  const state = await orgAction(orgSlug, ZKasAccountUpdate, formData, (session, input) =>
    updateMailAccount(session.ctx, input),
  );
  if (state.status === "ok") revalidatePath(page(orgSlug));
  return state;
}
