"use server";

import { revalidatePath } from "next/cache";

import { orgAction, type ActionState } from "@/lib/http/action";

import { ZAllianzConnectionInput } from "./schemas";
import { createAllianzConnection } from "./service";

export async function createAllianzConnectionAction(
  orgSlug: string,
  _previous: ActionState<{ id: string }>,
  formData: FormData,
): Promise<ActionState<{ id: string }>> {
  const state = await orgAction(orgSlug, ZAllianzConnectionInput, formData, (session, input) =>
    createAllianzConnection(session.ctx, input),
  );
  if (state.status === "ok") revalidatePath(`/${orgSlug}/integrations`);
  return state;
}
