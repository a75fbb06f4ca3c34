import { z } from "zod";

import { formInput } from "@/lib/forms";

/**
 * A/B tests of help articles (issue 14): inputs and answers, shared by routes, actions, OpenAPI and
 * the UI. Arm 0 is control (the article's published text); arms 1… are variants with their own
 * title and body.
 */

export const EXPERIMENT_STATUSES = ["DRAFT", "RUNNING", "STOPPED"] as const;
export const EXPERIMENT_STOP_REASONS = ["winner", "max_duration", "manual"] as const;
export type TExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

const at = z.iso.datetime();

/** Variants beside control, at most. */
export const MAX_VARIANTS = 4;

const ZVariantInput = z.strictObject({
  label: z.string().trim().min(1).max(100),
  title: z.string().trim().min(1).max(200),
  bodyMd: z.string().min(1).max(100_000),
  weight: z.coerce.number().int().min(1).max(100).default(1),
});

/** A new experiment (a DRAFT): one article, control plus one to four variants, and its stop rule. */
export const ZCreateExperiment = z.strictObject({
  articleId: z.uuid(),
  name: z.string().trim().min(1).max(200),
  /** How long it runs once started, at most: the stop rule's maximum duration. */
  days: z.coerce.number().int().min(1).max(365).default(14),
  minExposuresPerArm: z.coerce.number().int().min(10).max(1_000_000).default(200),
  winProbability: z.coerce.number().min(0.5).max(0.999).default(0.95),
  controlWeight: z.coerce.number().int().min(1).max(100).default(1),
  variants: z.array(ZVariantInput).min(1).max(MAX_VARIANTS),
});
export type TCreateExperiment = z.infer<typeof ZCreateExperiment>;

/** start (DRAFT → RUNNING) or stop (RUNNING → STOPPED; `winnerArm` records the editor's pick). */
export const ZExperimentTransition = z.strictObject({
  action: z.enum(["start", "stop"]),
  winnerArm: z.coerce.number().int().min(0).max(9).optional(),
});
export type TExperimentTransition = z.infer<typeof ZExperimentTransition>;

export const ZExperimentArm = z.object({
  position: z.number().int(),
  label: z.string(),
  /** null for control: it shows the article's published text. */
  title: z.string().nullable(),
  bodyMd: z.string().nullable(),
  weight: z.number().int(),
});

export const ZExperiment = z.object({
  id: z.uuid(),
  articleId: z.uuid(),
  articleTitle: z.string(),
  name: z.string(),
  status: z.enum(EXPERIMENT_STATUSES),
  startsAt: at.nullable(),
  endsAt: at,
  minExposuresPerArm: z.number().int(),
  winProbability: z.number(),
  winnerArm: z.number().int().nullable(),
  stoppedReason: z.enum(EXPERIMENT_STOP_REASONS).nullable(),
  stoppedAt: at.nullable(),
  createdAt: at,
  arms: z.array(ZExperimentArm),
});
export type TExperiment = z.infer<typeof ZExperiment>;
export const ZExperimentList = z.object({ items: z.array(ZExperiment) });

/** One arm's counts for one outcome, and (variants) how it compares with control. */
export const ZArmOutcome = z.object({
  position: z.number().int(),
  label: z.string(),
  exposures: z.number().int(),
  conversions: z.number().int(),
  rate: z.number().nullable(),
  /** P(this variant's rate > control's); null for control. */
  probabilityToBeat: z.number().nullable(),
  /** Expected loss of choosing it, in rate points (0.01 = one percentage point); null for control. */
  expectedLoss: z.number().nullable(),
});
export type TArmOutcome = z.infer<typeof ZArmOutcome>;

export const ZExperimentResults = z.object({
  experiment: ZExperiment,
  /** Readers who voted "helpful" after their first exposure, of all exposed readers. */
  helpful: z.array(ZArmOutcome),
  /** Readers who asked the help nothing within 24 h of their first exposure, of those whose 24 h are over. */
  deflection: z.array(ZArmOutcome),
  /** Sample-ratio mismatch: the exposures against the planned split (weights). */
  srm: z.object({ chiSquare: z.number(), pValue: z.number(), mismatch: z.boolean() }),
  /** The stop rule (on "helpful") as it stands now. */
  stopRule: z.object({
    stop: z.boolean(),
    reason: z.enum(["collecting", "undecided", "winner", "max_duration"]),
    winner: z.number().int().nullable(),
  }),
});
export type TExperimentResults = z.infer<typeof ZExperimentResults>;

/**
 * The Help area's form: the variants are fields `variants.<n>.label|title|bodyMd` (formInput nests
 * them into an object keyed by position, made a list here in that order), so a field error's path
 * (`variants.1.title`) names the field beside which it shows. Each variant's label is a hidden
 * field (B, C, …), so a variant left empty is still there to be refused, not dropped.
 */
export const ZCreateExperimentForm = z.strictObject({
  articleId: z.uuid(),
  name: z.string().trim().min(1).max(200),
  days: z.coerce.number().int().min(1).max(365).default(14),
  minExposuresPerArm: z.coerce.number().int().min(10).max(1_000_000).default(200),
  variants: z.preprocess(
    (raw) =>
      raw && typeof raw === "object" && !Array.isArray(raw)
        ? Object.entries(raw)
            .filter(([position]) => /^\d+$/.test(position))
            .sort(([a], [b]) => Number(a) - Number(b))
            .map(([, variant]) => variant)
        : raw,
    z
      .array(ZVariantInput.omit({ weight: true }))
      .min(1)
      .max(MAX_VARIANTS),
  ),
});

export const experimentForms = {
  create: formInput(ZCreateExperimentForm),
  transition: formInput(ZExperimentTransition.extend({ id: z.uuid() })),
};
