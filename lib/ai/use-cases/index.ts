/**
 * The AI use cases: what each one takes, answers and asks the model. The router looks a definition
 * up with `useCase(id)`; providers get its output schema as JSON Schema from `outputJsonSchema`.
 */
import { z } from "zod";

import type { TAiUseCase, UseCaseDefinition } from "../types";
import { roiRecommend, sampleMatch } from "./account";
import { emailTriage } from "./email";
import { feedbackSentiment } from "./feedback";
import { helpAnswer, helpDraft } from "./help";
import { leadBrief, leadClassify } from "./lead";

const definitions = {
  "lead.classify": leadClassify,
  "feedback.sentiment": feedbackSentiment,
  "email.triage": emailTriage,
  "help.answer": helpAnswer,
  "roi.recommend": roiRecommend,
  "sample.match": sampleMatch,
  "help.draft": helpDraft,
  "lead.brief": leadBrief,
} satisfies Record<TAiUseCase, UseCaseDefinition>;

type Definitions = typeof definitions;
export type TUseCaseInput<K extends TAiUseCase> =
  Definitions[K] extends UseCaseDefinition<infer I> ? I : never;
export type TUseCaseOutput<K extends TAiUseCase> =
  Definitions[K] extends UseCaseDefinition<unknown, infer O> ? O : never;

export const USE_CASES: Record<TAiUseCase, UseCaseDefinition> = definitions;

/** The use cases the small model answers first (they have a label and a confidence). */
export const SMALL_FIRST_USE_CASES = [
  "lead.classify",
  "feedback.sentiment",
  "email.triage",
  "help.answer",
] as const;
export type TSmallFirstUseCase = (typeof SMALL_FIRST_USE_CASES)[number];

/** A use case's definition, with its input and output types. */
export function getUseCase<K extends TAiUseCase>(id: K): Definitions[K] {
  return definitions[id];
}

/**
 * The same as `getUseCase`. ESLint's react-hooks/rules-of-hooks takes any `use…(` call for a React
 * hook and rejects it in loops and in plain functions, so code outside components calls `getUseCase`.
 */
export const useCase = getUseCase;

const jsonSchemas = new Map<TAiUseCase, Record<string, unknown>>();

/**
 * The answer's JSON Schema (draft 2020-12, from z.toJSONSchema) in the form OpenAI's strict
 * structured outputs require: every object closed (`additionalProperties: false`) with all its
 * properties required, nullable fields instead of optional ones. The root `$schema` keyword is left
 * out; providers take the schema as a plain object. Refinements (such as email.triage's "a kind
 * exactly when the action is activity") are not expressible and are checked when the answer is parsed.
 */
export function outputJsonSchema(id: TAiUseCase): Record<string, unknown> {
  let schema = jsonSchemas.get(id);
  if (!schema) {
    const { $schema: _draft, ...rest } = z.toJSONSchema(USE_CASES[id].output, { io: "output" });
    schema = rest;
    jsonSchemas.set(id, schema);
  }
  return schema;
}

/** A name for the schema that providers accept (`[a-zA-Z0-9_-]{1,64}`): `lead_classify`. */
export function outputSchemaName(id: TAiUseCase): string {
  return id.replaceAll(".", "_");
}

export { LABEL_PART_SEPARATOR } from "../confidence";
export { NO_ARTICLE } from "./help";
export * from "./account";
export * from "./email";
export * from "./feedback";
export * from "./help";
export * from "./lead";
