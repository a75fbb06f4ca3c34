"use server";

import { orgAction, type ActionState } from "@/lib/http/action";

import { experimentForms } from "./experiment-schemas";
import { createExperiment, transitionExperiment } from "./experiments";
import { askHelp } from "./ask";
import { draftWithAi } from "./draft";
import { setGuideStep } from "./guides";
import { helpAssistForms, helpForms, helpGuideForms, type TAskResult, type THelpStatus } from "./schemas";
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
        variants: input.variants.map((variant) => ({ ...variant, weight: 1 })),
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

/** Ask: the answer (or the search results without AI), the question recorded. */
export async function askHelpAction(
  orgSlug: string,
  _previous: ActionState<TAskResult>,
  formData: FormData,
): Promise<ActionState<TAskResult>> {
  return orgAction(orgSlug, helpAssistForms.ask, formData, (session, input) => askHelp(session.ctx, input));
}

/** Draft with AI: the saved draft's id (a DRAFT version, never published by itself). */
export async function draftHelpArticleAction(
  orgSlug: string,
  _previous: ActionState<{ id: string }>,
  formData: FormData,
): Promise<ActionState<{ id: string }>> {
  return orgAction(orgSlug, helpAssistForms.draft, formData, async (session, input) => ({
    id: (await draftWithAi(session.ctx, input)).article.id,
  }));
}

/** A workflow guide's step ticked or unticked: the caller's own progress. */
export async function setGuideStepAction(
  orgSlug: string,
  _previous: ActionState<{ done: boolean }>,
  formData: FormData,
): Promise<ActionState<{ done: boolean }>> {
  return orgAction(orgSlug, helpGuideForms.progress, formData, (session, { stepId, done }) =>
    setGuideStep(session.ctx, stepId, done),
  );
}
