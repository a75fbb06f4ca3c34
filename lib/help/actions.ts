"use server";

import { orgAction, type ActionState } from "@/lib/http/action";

import { experimentForms } from "./experiment-schemas";
import { createExperiment, transitionExperiment } from "./experiments";
import { helpForms, type THelpStatus } from "./schemas";
import {
  addSynonym,
  createArticle,
  recordFeedback,
  removeSynonym,
  transitionArticle,
  updateArticle,
} from "./service";

/**
 * The Help area's server actions, mutations only: parse with the API's own input, let orgAction
 * re-check the session and membership, call the service (which decides who may). Reads go through
 * the pages and the GET routes.
 */

export async function createHelpArticleAction(
  orgSlug: string,
  _previous: ActionState<{ id: string }>,
  formData: FormData,
): Promise<ActionState<{ id: string }>> {
  return orgAction(orgSlug, helpForms.create, formData, async (session, input) => ({
    id: (await createArticle(session.ctx, input)).id,
  }));
}

export async function updateHelpArticleAction(
  orgSlug: string,
  _previous: ActionState<{ version: number }>,
  formData: FormData,
): Promise<ActionState<{ version: number }>> {
  return orgAction(orgSlug, helpForms.update, formData, async (session, { id, ...input }) => ({
    version: (await updateArticle(session.ctx, id, input)).version,
  }));
}

export async function transitionHelpArticleAction(
  orgSlug: string,
  _previous: ActionState<{ status: THelpStatus }>,
  formData: FormData,
): Promise<ActionState<{ status: THelpStatus }>> {
  return orgAction(orgSlug, helpForms.transition, formData, async (session, { id, action }) => ({
    status: (await transitionArticle(session.ctx, id, { action })).status,
  }));
}

export async function helpFeedbackAction(
  orgSlug: string,
  _previous: ActionState<{ helpful: boolean }>,
  formData: FormData,
): Promise<ActionState<{ helpful: boolean }>> {
  return orgAction(orgSlug, helpForms.feedback, formData, async (session, { articleId, ...input }) => ({
    helpful: (await recordFeedback(session.ctx, articleId, input)).helpful,
  }));
}

export async function addHelpSynonymAction(
  orgSlug: string,
  _previous: ActionState<{ id: string }>,
  formData: FormData,
): Promise<ActionState<{ id: string }>> {
  return orgAction(orgSlug, helpForms.synonym, formData, async (session, input) => ({
    id: (await addSynonym(session.ctx, input)).id,
  }));
}

export async function removeHelpSynonymAction(
  orgSlug: string,
  _previous: ActionState<{ id: string }>,
  formData: FormData,
): Promise<ActionState<{ id: string }>> {
  return orgAction(orgSlug, helpForms.removeSynonym, formData, async (session, { id }) => {
    await removeSynonym(session.ctx, id);
    return { id };
  });
}

// A/B tests (experiments.ts): the Help area's form makes control plus one variant.

export async function createHelpExperimentAction(
  orgSlug: string,
  _previous: ActionState<{ id: string }>,
  formData: FormData,
): Promise<ActionState<{ id: string }>> {
  return orgAction(orgSlug, experimentForms.create, formData, async (session, input) => ({
    id: (
      await createExperiment(session.ctx, {
        articleId: input.articleId,
        name: input.name,
        days: input.days,
        minExposuresPerArm: input.minExposuresPerArm,
        winProbability: 0.95,
        controlWeight: 1,
        variants: [{ label: "B", title: input.variantTitle, bodyMd: input.variantBodyMd, weight: 1 }],
      })
    ).id,
  }));
}

export async function transitionHelpExperimentAction(
  orgSlug: string,
  _previous: ActionState<{ status: string }>,
  formData: FormData,
): Promise<ActionState<{ status: string }>> {
  return orgAction(orgSlug, experimentForms.transition, formData, async (session, { id, ...input }) => ({
    status: (await transitionExperiment(session.ctx, id, input)).status,
  }));
}
