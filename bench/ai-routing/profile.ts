/**
 * The scripted behaviour of the simulated models in the AI-routing benchmark.
 *
 * This simulates the *mechanics* of routing, not the quality of any real model: whether an answer is
 * right is a dice roll with the probabilities in `PROFILE`, and so are the confidence the model
 * writes and the probability it gives its label's tokens. What the benchmark measures with it is
 * what the router does with such answers (escalations, calibration, cost), never how good a
 * provider's model is at German food-service texts.
 *
 * The script: the large model is right on `PROFILE.large.accuracy` of all items; the small one on
 * `PROFILE.small.accuracy.easy` of easy and `.hard` of hard items. When the small model is right,
 * its confidence and label-token probability are high. When it is wrong, most of the time both are
 * low ("unsure"), sometimes it *claims* to be sure while its tokens show the doubt
 * ("overconfident": calibration catches these), and sometimes both say sure ("confidently wrong":
 * nothing catches these). Answers are valid per the use case's output schema; their JSON is cut into
 * plausible tokens, so `calibratedConfidence` finds the label's tokens as it would in a real answer.
 */
import type { TAiTier, TokenLogprob } from "@/lib/ai/types";
import {
  LABEL_PART_SEPARATOR,
  NO_ARTICLE,
  type TEmailTriageOutput,
  type TFeedbackSentimentOutput,
  type THelpAnswerOutput,
  type TLeadClassifyOutput,
  type TSmallFirstUseCase,
  type TUseCaseOutput,
  USE_CASES,
} from "@/lib/ai/use-cases";

import { type Rng, chance, pick, uniform } from "./random";
import type { BenchItem, TDifficulty } from "./types";

type Range = readonly [min: number, max: number];

interface Signals {
  /** The `confidence` the model writes into its answer. */
  selfReported: Range;
  /** The probability the model gives the tokens of its label (all parts together). */
  labelProbability: Range;
}

export const PROFILE = {
  large: {
    accuracy: 0.97,
    right: { selfReported: [0.85, 0.99], labelProbability: [0.9, 0.999] },
    wrong: { selfReported: [0.55, 0.9], labelProbability: [0.3, 0.85] },
    latencyMs: [1200, 3200],
  },
  small: {
    accuracy: { easy: 0.97, hard: 0.6 },
    right: {
      easy: { selfReported: [0.8, 0.98], labelProbability: [0.85, 0.995] },
      hard: { selfReported: [0.65, 0.92], labelProbability: [0.6, 0.95] },
    },
    /** How a wrong answer looks; the shares add up to 1. */
    wrong: {
      unsure: { share: 0.6, selfReported: [0.3, 0.7], labelProbability: [0.15, 0.6] },
      overconfident: { share: 0.3, selfReported: [0.8, 0.95], labelProbability: [0.1, 0.5] },
      confidentlyWrong: { share: 0.1, selfReported: [0.8, 0.95], labelProbability: [0.8, 0.97] },
    },
    latencyMs: [300, 900],
  },
} as const satisfies {
  large: { accuracy: number; right: Signals; wrong: Signals; latencyMs: Range };
  small: {
    accuracy: Record<TDifficulty, number>;
    right: Record<TDifficulty, Signals>;
    wrong: Record<"unsure" | "overconfident" | "confidentlyWrong", Signals & { share: number }>;
    latencyMs: Range;
  };
};

/** The probability each token outside the label gets: structure is near-certain, prose less so. */
const STRUCTURE_PROBABILITY = 0.9999;
const PROSE_PROBABILITY: Range = [0.35, 0.99];

export type TSmallFirstOutput = TUseCaseOutput<TSmallFirstUseCase>;

export interface SimulatedAnswer {
  /** Valid per the use case's output schema. */
  output: TSmallFirstOutput;
  /** The answer as the provider would send it. */
  json: string;
  logprobs: TokenLogprob[];
  /** Token counts from the same tokenizer: the rendered prompt in, the JSON out. */
  usage: { inputTokens: number; outputTokens: number };
  latencyMs: number;
}

export function simulateAnswer({
  item,
  tier,
  rng,
}: {
  item: BenchItem;
  tier: TAiTier;
  rng: Rng;
}): SimulatedAnswer {
  const signals = script(item.difficulty, tier, rng);
  const label = signals.right ? item.expected : wrongLabel(item, rng);
  const selfReported = round2(uniform(rng, ...signals.selfReported));
  const output = answerWithLabel(item, label, selfReported, rng);
  const json = JSON.stringify(output);
  const logprobs = tokenLogprobs(json, label, uniform(rng, ...signals.labelProbability), rng);

  const definition = USE_CASES[item.useCase];
  const prompt = `${definition.system}\n${definition.render(item.input)}`;
  const latency: Range = tier === "large" ? PROFILE.large.latencyMs : PROFILE.small.latencyMs;
  return {
    output,
    json,
    logprobs,
    usage: { inputTokens: tokenize(prompt).length, outputTokens: logprobs.length },
    latencyMs: Math.round(uniform(rng, ...latency)),
  };
}

/** Whether this answer is right, and the ranges its signals are drawn from. */
function script(difficulty: TDifficulty, tier: TAiTier, rng: Rng): Signals & { right: boolean } {
  if (tier === "large") {
    const right = chance(rng, PROFILE.large.accuracy);
    return { right, ...(right ? PROFILE.large.right : PROFILE.large.wrong) };
  }
  if (chance(rng, PROFILE.small.accuracy[difficulty]))
    return { right: true, ...PROFILE.small.right[difficulty] };
  const { unsure, overconfident, confidentlyWrong } = PROFILE.small.wrong;
  const roll = rng();
  const kind =
    roll < unsure.share
      ? unsure
      : roll < unsure.share + overconfident.share
        ? overconfident
        : confidentlyWrong;
  return { right: false, ...kind };
}

// Wrong answers: the mistakes a model plausibly makes -------------------------------------------

const ADJACENT_CATEGORY: Record<string, string[]> = { A: ["B"], B: ["A", "C"], C: ["B"] };
const ADJACENT_PRIORITY: Record<string, string[]> = {
  high: ["medium"],
  medium: ["high", "low"],
  low: ["medium"],
};

const EMAIL_CONFUSIONS: Record<string, string[]> = {
  new_lead: ["activity+NOTE", "ignore", "activity+CUSTOMER_REACTION"],
  ignore: ["new_lead", "activity+NOTE"],
  "activity+SAMPLE_FEEDBACK": ["activity+SCHEDULED_FOLLOWUP", "activity+CUSTOMER_REACTION"],
  "activity+ROI_PRESENTATION": ["activity+CUSTOMER_REACTION", "activity+NOTE"],
  "activity+CUSTOMER_REACTION": ["activity+SCHEDULED_FOLLOWUP", "activity+NOTE", "new_lead"],
  "activity+SCHEDULED_FOLLOWUP": ["activity+CUSTOMER_REACTION", "activity+EMAIL_SENT"],
  "activity+QUALIFIED_CALL": ["activity+NOTE", "activity+EMAIL_SENT"],
  "activity+EMAIL_SENT": ["activity+SCHEDULED_FOLLOWUP", "activity+NOTE", "ignore"],
  "activity+NOTE": ["activity+CUSTOMER_REACTION", "ignore", "new_lead"],
};

/** A label other than the expected one, the kind of mistake a model makes on this item. */
export function wrongLabel(item: BenchItem, rng: Rng): string {
  switch (item.useCase) {
    case "lead.classify": {
      const [category, priority] = item.expected.split(LABEL_PART_SEPARATOR);
      const roll = rng();
      const newCategory = roll < 0.45 || roll >= 0.9 ? pick(rng, ADJACENT_CATEGORY[category]) : category;
      const newPriority = roll >= 0.45 ? pick(rng, ADJACENT_PRIORITY[priority]) : priority;
      return `${newCategory}${LABEL_PART_SEPARATOR}${newPriority}`;
    }
    case "feedback.sentiment":
      if (item.expected === "neutral") return pick(rng, ["positive", "negative"]);
      return chance(rng, 0.7) ? "neutral" : item.expected === "positive" ? "negative" : "positive";
    case "email.triage":
      return pick(rng, EMAIL_CONFUSIONS[item.expected]);
    case "help.answer": {
      const others = item.input.articles.map((a) => a.id).filter((id) => id !== item.expected);
      if (item.expected === NO_ARTICLE) return others.length > 0 ? pick(rng, others) : "nicht-vorhanden";
      return others.length > 0 && chance(rng, 0.5) ? pick(rng, others) : NO_ARTICLE;
    }
  }
}

// The answer itself ------------------------------------------------------------------------------

const CATEGORY_REASON: Record<string, string> = {
  A: "großer Bedarf mit vielen Essen pro Tag",
  B: "mittlerer Bedarf",
  C: "kleiner oder kaum passender Bedarf",
};
const PRIORITY_REASON: Record<string, string> = {
  high: "der Bedarf ist akut",
  medium: "Interesse ohne festen Termin",
  low: "derzeit kein Bedarf",
};
const EMAIL_SUMMARY: Record<string, string> = {
  new_lead: "Ein neuer Betrieb fragt nach Belieferung und Angebot.",
  ignore: "Newsletter, Werbung oder automatische Nachricht ohne Bezug zu einem Lead.",
  QUALIFIED_CALL: "Gesprächsnotiz zu einem Telefonat mit Bedarf und Entscheider.",
  CUSTOMER_REACTION: "Der Kunde reagiert auf das Angebot.",
  SCHEDULED_FOLLOWUP: "Ein Folgetermin wird vereinbart.",
  SAMPLE_FEEDBACK: "Rückmeldung des Kunden zur Musterbox.",
  ROI_PRESENTATION: "Fragen zur ROI-Präsentation.",
  NOTE: "Neue Information zum Lead, etwa ein anderer Ansprechpartner.",
  EMAIL_SENT: "Kopie einer Mail des Partners an den Kunden.",
};
const TOPIC_WORDS: [RegExp, string][] = [
  [/Liefer|Fahrer|Kühlung|zu spät/i, "Lieferung"],
  [/Preis|Nachlass|teuer/i, "Preis"],
  [/frisch|Qualität|welk|angetaut|Geschmack/i, "Qualität"],
  [/Hotline|Außendienst|Beratung|Rückruf/i, "Betreuung"],
  [/Rechnung|Lieferschein/i, "Rechnung"],
  [/Musterbox|Bio|Allergen/i, "Sortiment"],
];

/** An answer to `item` whose label is `label`, with prose in keeping with it. */
export function answerWithLabel(
  item: BenchItem,
  label: string,
  confidence: number,
  rng: Rng,
): TSmallFirstOutput {
  switch (item.useCase) {
    case "lead.classify": {
      const [category, priority] = label.split(LABEL_PART_SEPARATOR) as [
        TLeadClassifyOutput["category"],
        TLeadClassifyOutput["priority"],
      ];
      const reason = `${item.input.companyName}: ${CATEGORY_REASON[category]}, ${PRIORITY_REASON[priority]}.`;
      return { category, priority, reason, confidence } satisfies TLeadClassifyOutput;
    }
    case "feedback.sentiment": {
      const topics = TOPIC_WORDS.filter(([pattern]) => pattern.test(item.input.comment)).map(
        ([, topic]) => topic,
      );
      const sentiment = label as TFeedbackSentimentOutput["sentiment"];
      return { sentiment, topics: topics.slice(0, 5), confidence } satisfies TFeedbackSentimentOutput;
    }
    case "email.triage": {
      const [action, kind] = label.split(LABEL_PART_SEPARATOR) as [
        TEmailTriageOutput["action"],
        NonNullable<TEmailTriageOutput["activityKind"]> | undefined,
      ];
      const summary = EMAIL_SUMMARY[kind ?? action];
      return { action, activityKind: kind ?? null, summary, confidence } satisfies TEmailTriageOutput;
    }
    case "help.answer": {
      const article = item.input.articles.find((a) => a.id === label);
      const answer = article
        ? `Laut „${article.title}“: ${article.body
            .split(". ")
            .slice(0, pick(rng, [1, 2]))
            .join(". ")}.`
        : "Dazu enthält die Hilfe leider nichts. Bitte wenden Sie sich an die Vertriebsleitung.";
      return {
        answer: answer.replace(/\.\.$/, "."),
        articleId: label === NO_ARTICLE ? null : label,
        confidence,
      } satisfies THelpAnswerOutput;
    }
  }
}

// Tokens -----------------------------------------------------------------------------------------

/**
 * Cuts text into tokens the way BPE tokenizers roughly do: words of up to six letters with their
 * leading space, up to three digits, runs of up to three punctuation marks (`{"`, `":"`, `","`).
 * The tokens always join back to the text.
 */
export function tokenize(text: string): string[] {
  return text.match(/ ?[\p{L}]{1,6}|\d{1,3}|[^\s\p{L}\d]{1,3}|\s+/gu) ?? [];
}

/**
 * Log-probabilities for the tokens of an answer: the first token of each label part gets its share
 * of `labelProbability` (so the parts multiply to about it), the label's other tokens are
 * near-certain continuations, structure is near-certain, prose is drawn from `PROSE_PROBABILITY`.
 */
function tokenLogprobs(json: string, label: string, labelProbability: number, rng: Rng): TokenLogprob[] {
  const tokens = tokenize(json);
  const parts = label.split(LABEL_PART_SEPARATOR);
  const perPart = labelProbability ** (1 / parts.length);

  // Where each label part's value sits in the JSON: "part" as a string value, or a bare null.
  const spans = parts.flatMap((part) => {
    const written = part === NO_ARTICLE ? ":null" : `:${JSON.stringify(part)}`;
    const at = json.indexOf(written);
    if (at < 0) return [];
    const start = at + written.indexOf(part);
    return [{ start, end: start + part.length, seen: false }];
  });

  // Keys and punctuation are fixed by the schema: constrained decoding makes them near-certain.
  const keys = [...json.matchAll(/"[^"\\]*":/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));

  let offset = 0;
  return tokens.map((token) => {
    const start = offset;
    offset += token.length;
    const span = spans.find((s) => start < s.end && offset > s.start);
    let probability: number;
    if (span) {
      probability = span.seen ? 0.999 : perPart;
      span.seen = true;
    } else {
      const structure = !/\p{L}/u.test(token) || keys.some((k) => start < k.end && offset > k.start);
      probability = structure ? STRUCTURE_PROBABILITY : uniform(rng, ...PROSE_PROBABILITY);
    }
    return { token, logprob: Math.log(probability) };
  });
}

const round2 = (value: number) => Math.round(value * 100) / 100;
