"use server";

import { getTranslations } from "next-intl/server";
import { z } from "zod";

import { idOf, orgAction, type ActionState } from "@/lib/http/action";

import { createFeedbackLink, resendFeedbackLink, revokeFeedbackLink, type CreatedLink } from "./links";
import { suggestSamples, type SampleSuggestions } from "./match";
import { qrSvg } from "./qr";
import { ZBoxStatusChange, ZCreateBox, sampleForms, ZRecordResults } from "./schemas";
import { changeBoxStatus, createBox, createPhase, createProduct, recordResults } from "./service";

/**
 * The Samples forms' server actions, mutations only: each parses with the API's own zod input,
 * lets orgAction re-check the session and membership, and calls one service, which decides who may
 * (sample.configure, product.manage) and answers in words the form shows. Reads go through the
 * pages (server components) and the lead page's GET route.
 */

type Done = ActionState<{ id: string }>;

/** A feedback link as its dialog shows it, once: the URL with its token, and its QR code. */
export interface ShownLink {
  id: string;
  url: string;
  expiresAt: string;
  qrSvg: string;
}

async function shown(link: CreatedLink): Promise<ShownLink> {
  const t = await getTranslations("samples.admin");
  return {
    id: link.id,
    url: link.url,
    expiresAt: link.expiresAt,
    qrSvg: await qrSvg(link.url, { label: t("link.qrLabel"), size: 200 }),
  };
}

export async function createProductAction(
  orgSlug: string,
  _previous: Done,
  formData: FormData,
): Promise<Done> {
  return orgAction(orgSlug, sampleForms.createProduct, formData, async (session, input) => ({
    id: (await createProduct(session.ctx, input)).id,
  }));
}

/** The box configurator sends its picked products as a list, so it posts an object, not a form. */
export async function createBoxAction(orgSlug: string, input: unknown): Promise<Done> {
  return orgAction(orgSlug, ZCreateBox, input, async (session, data) => ({
    id: (await createBox(session.ctx, data)).id,
  }));
}

export async function changeBoxStatusAction(orgSlug: string, boxId: string, input: unknown): Promise<Done> {
  return orgAction(orgSlug, ZBoxStatusChange, input, async (session, data) => ({
    id: (await changeBoxStatus(session.ctx, idOf(boxId), data)).id,
  }));
}

export async function createPhaseAction(
  orgSlug: string,
  boxId: string,
  _previous: Done,
  formData: FormData,
): Promise<Done> {
  return orgAction(orgSlug, sampleForms.createPhase, formData, async (session, input) => ({
    id: (await createPhase(session.ctx, idOf(boxId), input)).id,
  }));
}

export async function recordResultsAction(orgSlug: string, phaseId: string, input: unknown): Promise<Done> {
  return orgAction(orgSlug, ZRecordResults, input, async (session, data) => {
    await recordResults(session.ctx, idOf(phaseId), data);
    return { id: phaseId };
  });
}

export async function createFeedbackLinkAction(
  orgSlug: string,
  phaseId: string,
  _previous: ActionState<ShownLink>,
  formData: FormData,
): Promise<ActionState<ShownLink>> {
  return orgAction(orgSlug, sampleForms.createFeedbackLink, formData, async (session, input) =>
    shown(await createFeedbackLink(session.ctx, idOf(phaseId), input)),
  );
}

export async function resendFeedbackLinkAction(
  orgSlug: string,
  linkId: string,
): Promise<ActionState<ShownLink>> {
  return orgAction(orgSlug, z.uuid(), linkId, async (session, id) =>
    shown(await resendFeedbackLink(session.ctx, id)),
  );
}

export async function revokeFeedbackLinkAction(orgSlug: string, linkId: string): Promise<Done> {
  return orgAction(orgSlug, z.uuid(), linkId, async (session, id) => {
    await revokeFeedbackLink(session.ctx, id);
    return { id };
  });
}

/** The configurator's AI suggestions (sample.match through the AI router); a refusal in words. */
export async function suggestSamplesAction(
  orgSlug: string,
  leadId: string,
): Promise<ActionState<SampleSuggestions>> {
  return orgAction(orgSlug, z.null(), null, (session) => suggestSamples(session.ctx, idOf(leadId)));
}
