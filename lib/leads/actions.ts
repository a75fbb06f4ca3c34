"use server";

import { z } from "zod";

import type { AiAnswer } from "@/lib/ai/router";
import { fromForm, idOf, orgAction, type ActionState } from "@/lib/http/action";

import { createHold, decideExtension, endHold, logActivity, requestExtension } from "./clock";
import { addCollaborator, removeCollaborator } from "./collaborators";
import {
  ZAddCollaborator,
  ZBackdate,
  ZCreateHold,
  ZCreateLead,
  ZExtensionDecision,
  ZExtensionRequest,
  ZLogActivity,
  ZReassign,
} from "./schemas";
import { briefLead } from "./brief";
import {
  backdateRegisteredAt,
  createLead,
  getLeadTimeline,
  getManagerQueue,
  reassignLead,
  type DuplicateCandidate,
  type LeadTimeline,
  type ManagerQueue,
} from "./service";

/**
 * The lead forms' server actions: each parses with the shared zod input (after turning the form's
 * flat strings into its shape), lets orgAction re-check the session, and calls one service.
 */

export type CreateLeadOutcome =
  { kind: "created"; id: string } | { kind: "similar"; candidates: DuplicateCandidate[] };

export async function createLeadAction(
  orgSlug: string,
  _previous: ActionState<CreateLeadOutcome>,
  formData: FormData,
): Promise<ActionState<CreateLeadOutcome>> {
  return orgAction(
    orgSlug,
    fromForm(ZCreateLead, { confirmSimilar: "boolean" }),
    formData,
    async (session, input) => {
      const result = await createLead(session.ctx, input);
      return result.kind === "created"
        ? { kind: "created" as const, id: result.lead.id }
        : { kind: "similar" as const, candidates: result.candidates };
    },
  );
}

export async function logActivityAction(
  orgSlug: string,
  leadId: string,
  _previous: ActionState<{ id: string }>,
  formData: FormData,
): Promise<ActionState<{ id: string }>> {
  return orgAction(orgSlug, fromForm(ZLogActivity), formData, async (session, input) => ({
    id: (await logActivity(session.ctx, idOf(leadId), input)).id,
  }));
}

export async function createHoldAction(
  orgSlug: string,
  leadId: string,
  _previous: ActionState<{ id: string }>,
  formData: FormData,
): Promise<ActionState<{ id: string }>> {
  return orgAction(orgSlug, fromForm(ZCreateHold), formData, async (session, input) => ({
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
  return orgAction(
    orgSlug,
    fromForm(ZExtensionRequest, { days: "number" }),
    formData,
    async (session, input) => ({
      id: (await requestExtension(session.ctx, idOf(leadId), input)).id,
    }),
  );
}

export async function decideExtensionAction(
  orgSlug: string,
  requestId: string,
  _previous: ActionState<{ status: string }>,
  formData: FormData,
): Promise<ActionState<{ status: string }>> {
  return orgAction(
    orgSlug,
    fromForm(ZExtensionDecision, { approve: "boolean" }),
    formData,
    async (session, input) => ({
      status: (await decideExtension(session.ctx, idOf(requestId), input)).status,
    }),
  );
}

export async function addCollaboratorAction(
  orgSlug: string,
  leadId: string,
  _previous: ActionState<null>,
  formData: FormData,
): Promise<ActionState<null>> {
  return orgAction(
    orgSlug,
    fromForm(ZAddCollaborator, { sharePercent: "number" }),
    formData,
    async (session, input) => {
      await addCollaborator(session.ctx, idOf(leadId), input);
      return null;
    },
  );
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

export async function backdateAction(
  orgSlug: string,
  leadId: string,
  _previous: ActionState<null>,
  formData: FormData,
): Promise<ActionState<null>> {
  return orgAction(orgSlug, fromForm(ZBackdate), formData, async (session, input) => {
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
  return orgAction(orgSlug, fromForm(ZReassign), formData, async (session, input) => {
    await reassignLead(session.ctx, idOf(leadId), input);
    return null;
  });
}

/** The lead page's query: activities, assignments, members and permissions for the timeline. */
export async function leadTimelineAction(
  orgSlug: string,
  leadId: string,
): Promise<ActionState<LeadTimeline>> {
  return orgAction(orgSlug, z.null(), null, (session) => getLeadTimeline(session.ctx, idOf(leadId)));
}

/** The manager queue's query. */
export async function managerQueueAction(orgSlug: string): Promise<ActionState<ManagerQueue>> {
  return orgAction(orgSlug, z.null(), null, (session) => getManagerQueue(session.ctx));
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
