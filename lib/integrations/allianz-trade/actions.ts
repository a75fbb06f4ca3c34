"use server";

import { revalidatePath } from "next/cache";

import { orgAction, type ActionState } from "@/lib/http/action";

import { ZAllianzConnectionInput } from "./schemas";
import { saveAllianzConnection } from "./service";

export async function saveAllianzConnectionAction(
  orgSlug: string,
  _previous: ActionState<{ id: string }>,
  formData: FormData,
): Promise<ActionState<{ id: string }>> {
  const state = await orgAction(orgSlug, ZAllianzConnectionInput, formData, (session, input) =>
    saveAllianzConnection(session.ctx, input),
  );
  if (state.status === "ok") revalidatePath(`/${orgSlug}/integrations`);
  return state;
}
