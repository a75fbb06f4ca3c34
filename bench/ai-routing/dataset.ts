/**
 * The AI-routing benchmark's labelled inputs: German B2B food-service texts for the four small-first
 * use cases, generated from templates and vocabularies with a seeded PRNG, so every build is the same.
 * Per use case: `ITEMS_PER_USE_CASE` items, `HARD_SHARE` of them genuinely ambiguous ("hard"), each
 * with the label a correct answer's `label(output)` gives.
 */
import { scrubPii } from "@/lib/ai/pii";
import {
  getUseCase,
  SMALL_FIRST_USE_CASES,
  type TSmallFirstUseCase,
  type TUseCaseInput,
} from "@/lib/ai/use-cases";

import { emailItem } from "./dataset-email";
import { feedbackItem } from "./dataset-feedback";
import { helpItem } from "./dataset-help";
import { leadItem } from "./dataset-lead";
import { type Rng, createRng, seedOf, shuffle } from "./random";
import type { BenchItem, Draft, TDifficulty } from "./types";

export { HELP_ARTICLES } from "./help-articles";
export type { BenchItem, TDifficulty } from "./types";

export const DATASET_SEED = 20261129;
export const ITEMS_PER_USE_CASE = 240;
export const HARD_SHARE = 0.25;

const GENERATORS: {
  [K in TSmallFirstUseCase]: (rng: Rng, difficulty: TDifficulty) => Draft<TUseCaseInput<K>>;
} = {
  "lead.classify": leadItem,
  "feedback.sentiment": feedbackItem,
  "email.triage": emailItem,
  "help.answer": helpItem,
};

/** Builds a use case's items from the seed; the same seed gives the same items. */
export function buildDataset<K extends TSmallFirstUseCase>(useCase: K, seed = DATASET_SEED): BenchItem<K>[] {
  const rng = createRng(seedOf(useCase, seed));
  const hard = Math.round(ITEMS_PER_USE_CASE * HARD_SHARE);
  const difficulties = shuffle(
    rng,
    Array.from({ length: ITEMS_PER_USE_CASE }, (_, i): TDifficulty => (i < hard ? "hard" : "easy")),
  );
  const generate = GENERATORS[useCase] as (rng: Rng, difficulty: TDifficulty) => Draft<TUseCaseInput<K>>;
  const render = getUseCase(useCase).render as (input: TUseCaseInput<K>) => string;
  // Every item is a different prompt: the fakes recognise an item by the prompt the router sends
  // (rendered and scrubbed), and a repeat would only count the same question twice.
  const prompts = new Set<string>();
  return difficulties.map((difficulty, i) => {
    for (let attempt = 1; ; attempt++) {
      const { input, expected } = generate(rng, difficulty);
      const prompt = scrubPii(render(input)).text;
      if (!prompts.has(prompt)) {
        prompts.add(prompt);
        const id = `${useCase}#${String(i + 1).padStart(3, "0")}`;
        return { id, useCase, input, expected, difficulty } as BenchItem<K>;
      }
      if (attempt === 100) throw new Error(`${useCase}: no new ${difficulty} input in 100 draws`);
    }
  });
}

const BUILT: { [K in TSmallFirstUseCase]: readonly BenchItem<K>[] } = {
  "lead.classify": buildDataset("lead.classify"),
  "feedback.sentiment": buildDataset("feedback.sentiment"),
  "email.triage": buildDataset("email.triage"),
  "help.answer": buildDataset("help.answer"),
};

/** A use case's items. */
export function datasetFor<K extends TSmallFirstUseCase>(useCase: K): readonly BenchItem<K>[] {
  return BUILT[useCase];
}

/** All items, use case by use case. */
export const DATASET: readonly BenchItem[] = SMALL_FIRST_USE_CASES.flatMap((useCase): readonly BenchItem[] =>
  datasetFor(useCase),
);
