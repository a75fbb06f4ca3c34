"use server";

import { z } from "zod";

import type { AiAnswer } from "@/lib/ai/router";
import { orgAction, type ActionState } from "@/lib/http/action";
import { AppError } from "@/lib/errors";

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
import { backdateRegisteredAt, createLead, reassignLead, type DuplicateCandidate } from "./service";

/**
 * The lead forms' server actions: each parses with the shared zod input (after turning the form's
 * flat strings into its shape), lets orgAction re-check the session, and calls one service.
 */

/** Form fields are strings named by their path (`contact.email`): empty ones are left out, numbers and
 *  booleans converted, dotted names nested — then the API's own schema decides. The fields come from
 *  orgAction's formFields (no name reaches a prototype), and every level is a null-prototype object,
 *  so even a name that slipped through could only make an own key. */
function fromForm<S extends z.ZodType>(schema: S, kinds: Record<string, "number" | "boolean"> = {}) {
  return z.preprocess((raw) => {
    const out: Record<string, unknown> = Object.create(null);
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
      if (key.startsWith("$ACTION") || value === "") continue;
      let parsed = value;
      if (
        kinds[key] === "number" &&
        typeof value === "string" &&
        value.trim() !== "" &&
        !Number.isNaN(Number(value))
      )
        parsed = Number(value);
      if (kinds[key] === "boolean") parsed = value === "true" ? true : value === "false" ? false : value;
      const path = key.split(".");
      let node = out;
      for (const part of path.slice(0, -1))
        node = (node[part] ??= Object.create(null)) as Record<string, unknown>;
      node[path[path.length - 1]] = parsed;
    }
    return out;
  }, schema);
}

/** An id the browser sent: one that is not even a uuid names nothing, exactly like an unknown one. */
function idOf(id: string): string {
  if (!z.uuid().safeParse(id).success) throw new AppError("not_found", "Not found.");
  return id;
}

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
