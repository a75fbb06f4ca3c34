"use server";

import { z } from "zod";

import type { AiAnswer } from "@/lib/ai/router";
import { idOf, orgAction, type ActionState } from "@/lib/http/action";

import { createHold, decideExtension, endHold, logActivity, requestExtension } from "./clock";
import { addCollaborator, removeCollaborator } from "./collaborators";
import { leadForms } from "./schemas";
import { briefLead } from "./brief";
import { eraseLeadPersonalData, updateLead } from "./details";
import { backdateRegisteredAt, createLead, reassignLead, type DuplicateCandidate } from "./service";

/**
 * The lead forms' server actions: each parses with its form's input (`leadForms`: the API's schema
 * fed by the form's fields, as the form checked it in the browser before it posted), lets orgAction
 * re-check the session, and calls one service.
 */

export type CreateLeadOutcome =
  { kind: "created"; id: string } | { kind: "similar"; candidates: DuplicateCandidate[] };

export async function createLeadAction(
  orgSlug: string,
  _previous: ActionState<CreateLeadOutcome>,
  formData: FormData,
): Promise<ActionState<CreateLeadOutcome>> {
  return orgAction(orgSlug, leadForms.createLead, formData, async (session, input) => {
    const result = await createLead(session.ctx, input);
    return result.kind === "created"
      ? { kind: "created" as const, id: result.lead.id }
      : { kind: "similar" as const, candidates: result.candidates };
  });
}

export async function logActivityAction(
  orgSlug: string,
  leadId: string,
  _previous: ActionState<{ id: string }>,
  formData: FormData,
): Promise<ActionState<{ id: string }>> {
  return orgAction(orgSlug, leadForms.logActivity, formData, async (session, input) => ({
    id: (await logActivity(session.ctx, idOf(leadId), input)).id,
  }));
}

export async function createHoldAction(
  orgSlug: string,
  leadId: string,
  _previous: ActionState<{ id: string }>,
  formData: FormData,
): Promise<ActionState<{ id: string }>> {
  return orgAction(orgSlug, leadForms.createHold, formData, async (session, input) => ({
    id: (await createHold(session.ctx, idOf(leadId), input)).id,
  }));
}

export async function endHoldAction(
  orgSlug: string,
  leadId: string,
  holdId: string,
): Promise<ActionState<null>> {
  return orgAction(orgSlug, z.uuid(), holdId, async (session, id) => {
    await endHold(session.ctx, idOf(leadId), id);
    return null;
  });
}

export async function requestExtensionAction(
  orgSlug: string,
  leadId: string,
  _previous: ActionState<{ id: string }>,
  formData: FormData,
): Promise<ActionState<{ id: string }>> {
  return orgAction(orgSlug, leadForms.requestExtension, formData, async (session, input) => ({
    id: (await requestExtension(session.ctx, idOf(leadId), input)).id,
  }));
}

export async function decideExtensionAction(
  orgSlug: string,
  requestId: string,
  _previous: ActionState<{ status: string }>,
  formData: FormData,
): Promise<ActionState<{ status: string }>> {
  return orgAction(orgSlug, leadForms.decideExtension, formData, async (session, input) => ({
    status: (await decideExtension(session.ctx, idOf(requestId), input)).status,
  }));
}

export async function addCollaboratorAction(
  orgSlug: string,
  leadId: string,
  _previous: ActionState<null>,
  formData: FormData,
): Promise<ActionState<null>> {
  return orgAction(orgSlug, leadForms.addCollaborator, formData, async (session, input) => {
    await addCollaborator(session.ctx, idOf(leadId), input);
    return null;
  });
}

export async function removeCollaboratorAction(
  orgSlug: string,
  leadId: string,
  userId: string,
): Promise<ActionState<null>> {
  return orgAction(orgSlug, z.uuid(), userId, async (session, id) => {
    await removeCollaborator(session.ctx, idOf(leadId), id);
    return null;
  });
}

export async function updateLeadAction(
  orgSlug: string,
  leadId: string,
  _previous: ActionState<null>,
  formData: FormData,
): Promise<ActionState<null>> {
  return orgAction(orgSlug, leadForms.updateLead, formData, async (session, input) => {
    await updateLead(session.ctx, idOf(leadId), input);
    return null;
  });
}

export async function eraseLeadAction(
  orgSlug: string,
  leadId: string,
  _previous: ActionState<null>,
  formData: FormData,
): Promise<ActionState<null>> {
  return orgAction(orgSlug, leadForms.eraseLead, formData, async (session, input) => {
    await eraseLeadPersonalData(session.ctx, idOf(leadId), input);
    return null;
  });
}

export async function backdateAction(
  orgSlug: string,
  leadId: string,
  _previous: ActionState<null>,
  formData: FormData,
): Promise<ActionState<null>> {
  return orgAction(orgSlug, leadForms.backdate, formData, async (session, input) => {
    await backdateRegisteredAt(session.ctx, idOf(leadId), input);
    return null;
  });
}

export async function reassignAction(
  orgSlug: string,
  leadId: string,
  _previous: ActionState<null>,
  formData: FormData,
): Promise<ActionState<null>> {
  return orgAction(orgSlug, leadForms.reassign, formData, async (session, input) => {
    await reassignLead(session.ctx, idOf(leadId), input);
    return null;
  });
}

/** The lead page's AI brief (use case lead.brief, through the AI router); `fresh` skips the cache. */
export async function leadBriefAction(
  orgSlug: string,
  leadId: string,
  fresh: boolean,
): Promise<ActionState<AiAnswer>> {
  return orgAction(orgSlug, z.boolean(), fresh, (session, noCache) =>
    briefLead(session.ctx, idOf(leadId), { noCache }),
  );
}
