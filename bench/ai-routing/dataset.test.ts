import { describe, expect, it } from "vitest";

import { scrubPii } from "@/lib/ai/pii";
import { ACTIVITY_KINDS } from "@/lib/leads/schemas";
import { NO_ARTICLE, SMALL_FIRST_USE_CASES, type TSmallFirstUseCase, getUseCase } from "@/lib/ai/use-cases";

import { DATASET, HELP_ARTICLES, buildDataset, datasetFor } from "./dataset";

/** An answer (valid or not) whose label would be `label`: the inverse of each use case's label(). */
function answerWithLabel(useCase: TSmallFirstUseCase, label: string): unknown {
  switch (useCase) {
    case "lead.classify": {
      const [category, priority] = label.split("+");
      return { category, priority, reason: "Begründung.", confidence: 0.9 };
    }
    case "feedback.sentiment":
      return { sentiment: label, topics: ["Lieferung"], confidence: 0.9 };
    case "email.triage": {
      const [action, activityKind = null] = label.split("+");
      return { action, activityKind, summary: "Zusammenfassung.", confidence: 0.9 };
    }
    case "help.answer":
      return { answer: "Antwort.", articleId: label === NO_ARTICLE ? null : label, confidence: 0.9 };
  }
}

/** Every label a valid answer can have (help.answer: for the articles in the dataset). */
const LABEL_SPACE: Record<TSmallFirstUseCase, string[]> = {
  "lead.classify": ["A", "B", "C"].flatMap((c) => ["high", "medium", "low"].map((p) => `${c}+${p}`)),
  "feedback.sentiment": ["positive", "neutral", "negative"],
  "email.triage": ["new_lead", "ignore", ...ACTIVITY_KINDS.map((kind) => `activity+${kind}`)],
  "help.answer": [...HELP_ARTICLES.map((a) => a.id), NO_ARTICLE],
};

describe.each(SMALL_FIRST_USE_CASES)("%s items", (useCase) => {
  const items = datasetFor(useCase);
  const definition = getUseCase(useCase);

  it("are at least 200, about a quarter of them hard", () => {
    expect(items.length).toBeGreaterThanOrEqual(200);
    const hard = items.filter((item) => item.difficulty === "hard").length / items.length;
    expect(hard).toBeGreaterThanOrEqual(0.2);
    expect(hard).toBeLessThanOrEqual(0.3);
  });

  it("have inputs the use case accepts unchanged", () => {
    for (const item of items) {
      expect(item.useCase).toBe(useCase);
      const parsed = definition.input.safeParse(item.input);
      expect(parsed.error, item.id).toBeUndefined();
      expect(parsed.data, item.id).toEqual(item.input);
    }
  });

  it("expect labels that a valid answer produces", () => {
    for (const item of items) {
      const answer = definition.output.safeParse(answerWithLabel(useCase, item.expected));
      expect(answer.error, `${item.id}: ${item.expected}`).toBeUndefined();
      expect(definition.label(answer.data as never), item.id).toBe(item.expected);
    }
  });

  it("cover every label, each item a different prompt once scrubbed", () => {
    expect(new Set(items.map((item) => item.expected))).toEqual(new Set(LABEL_SPACE[useCase]));
    const render = getUseCase(useCase).render as (input: unknown) => string;
    const prompts = new Set(items.map((item) => scrubPii(render(item.input)).text));
    expect(prompts.size).toBe(items.length);
  });

  it("are the same on every build, and differ with another seed", () => {
    expect(buildDataset(useCase)).toEqual(items);
    expect(buildDataset(useCase, 7)).not.toEqual(items);
  });
});

describe("DATASET", () => {
  it("holds every use case's items under unique ids", () => {
    expect(DATASET.length).toBe(
      SMALL_FIRST_USE_CASES.reduce((n, useCase) => n + datasetFor(useCase).length, 0),
    );
    expect(new Set(DATASET.map((item) => item.id)).size).toBe(DATASET.length);
  });

  it("asks help.answer for an article only when it is among the candidates", () => {
    for (const item of datasetFor("help.answer")) {
      if (item.expected !== NO_ARTICLE) expect(item.input.articles.map((a) => a.id)).toContain(item.expected);
    }
  });

  it("uses help articles the help.answer input accepts", () => {
    const { input } = getUseCase("help.answer");
    for (const article of HELP_ARTICLES) {
      expect(input.safeParse({ question: "?", articles: [article] }).error, article.id).toBeUndefined();
    }
  });
});
