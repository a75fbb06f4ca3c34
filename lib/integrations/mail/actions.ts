"use server";

import { revalidatePath } from "next/cache";

import { orgAction, type ActionState } from "@/lib/http/action";

import { ZSuggestionDecision } from "../schemas";
import { decideSuggestion } from "./suggestions";

/** Confirm or dismiss an inbox suggestion (the Integrations area and the lead page). */
export async function decideSuggestionAction(
  orgSlug: string,
  _previous: ActionState<{ status: string; leadId: string }>,
  formData: FormData,
): Promise<ActionState<{ status: string; leadId: string }>> {
  const state = await orgAction(orgSlug, ZSuggestionDecision, formData, async (session, input) => {
    const decided = await decideSuggestion(session.ctx, input.id, input.decision);
    return { status: decided.status, leadId: decided.leadId };
  });
  if (state.status === "ok") {
    revalidatePath(`/${orgSlug}/integrations`);
    revalidatePath(`/${orgSlug}/leads/${state.data.leadId}`);
  }
  return state;
}
