"use server";

import { orgAction, type ActionState } from "@/lib/http/action";

import { ZCreditCheckForm } from "./schemas";
import { requestCreditLimit, runCreditCheck } from "./service";

/** The credit panel's mutations: parse, let orgAction re-check session and org, call the service. */

export async function creditCheckAction(
  orgSlug: string,
  _previous: ActionState<{ kind: "check" | "limit" }>,
  formData: FormData,
): Promise<ActionState<{ kind: "check" | "limit" }>> {
  return orgAction(orgSlug, ZCreditCheckForm, formData, async (session, { leadId, ...input }) => {
    if (input.kind === "limit") await requestCreditLimit(session.ctx, leadId, input);
    else await runCreditCheck(session.ctx, leadId, input);
    return { kind: input.kind };
  });
}
