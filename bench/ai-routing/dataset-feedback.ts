/**
 * feedback.sentiment items. The ground truth follows the use case's prompt: the comment decides
 * (irony by its meaning); only when praise and criticism balance do the stars decide (4–5 positive,
 * 3 neutral, 1–2 negative; no stars: neutral).
 */
import type { TFeedbackSentimentInput } from "@/lib/ai/use-cases";

import { type Rng, chance, int, pick, sample } from "./random";
import type { Draft, TDifficulty } from "./types";
import { COMPLAINTS, DELIVERY_PROBLEMS, DISHES, MONTHS, PRAISE, PRODUCTS } from "./vocabulary";

type TSentiment = "positive" | "neutral" | "negative";

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const POSITIVE_ENDINGS = [
  "Vielen Dank!",
  "Weiter so!",
  "Gerne wieder.",
  "Unsere Gäste haben es gemerkt.",
  "Danke an das ganze Team.",
  "",
];
const NEGATIVE_ENDINGS = [
  "So können wir nicht planen.",
  "Das passiert jetzt schon zum dritten Mal.",
  "Bitte um Rückruf.",
  "Wir überlegen, den Lieferanten zu wechseln.",
  "Das ist ärgerlich, gerade am Wochenende.",
  "",
];
const NEUTRAL_COMMENTS = [
  (rng: Rng) =>
    `Bitte ab nächster Woche ${pick(rng, ["dienstags", "mittwochs", "freitags"])} statt montags liefern.`,
  (rng: Rng) =>
    `Lieferung erhalten. Die Rechnung bitte künftig an ${pick(rng, ["die Buchhaltung", "unsere Zentrale", "die Adresse auf dem Lieferschein"])}.`,
  (rng: Rng) =>
    `Wir brauchen für ${pick(rng, ["Ostern", "das Sommerfest", "Weihnachten"])} etwa die doppelte Menge ${pick(rng, ["Spargel", "Erdbeeren", "Sahne", "Kartoffeln"])}.`,
  () => "Keine besonderen Vorkommnisse.",
  (rng: Rng) => `Können Sie uns die Allergenliste für ${pick(rng, PRODUCTS)} schicken?`,
  (rng: Rng) =>
    `Ab ${pick(rng, MONTHS)} bestellt bei uns ${pick(rng, ["die neue Küchenleitung", "Frau Wagner", "Herr Demir"])}.`,
  (rng: Rng) =>
    `Lieferung am ${pick(rng, ["Dienstag", "Donnerstag", "Samstag"])} erhalten, Lieferschein liegt bei.`,
  (rng: Rng) => `Ist ${pick(rng, PRODUCTS)} auch in Bio-Qualität lieferbar?`,
  (rng: Rng) => `Unsere Küche ist vom ${int(rng, 1, 20)}. bis ${int(rng, 21, 28)}. August geschlossen.`,
];

const starsFor: Record<TSentiment, [number, number]> = {
  positive: [4, 5],
  neutral: [3, 3],
  negative: [1, 2],
};

export function feedbackItem(rng: Rng, difficulty: TDifficulty): Draft<TFeedbackSentimentInput> {
  return difficulty === "easy" ? easy(rng) : pick(rng, HARD)(rng);
}

function easy(rng: Rng): Draft<TFeedbackSentimentInput> {
  const sentiment = pick<TSentiment>(rng, ["positive", "neutral", "negative"]);
  const rating = chance(rng, 0.6) ? int(rng, ...starsFor[sentiment]) : undefined;
  let comment: string;
  if (sentiment === "positive") {
    const [first, second] = sample(rng, PRAISE, 2);
    comment = `${capitalise(first)}, und ${second}. ${pick(rng, POSITIVE_ENDINGS)}`;
  } else if (sentiment === "negative") {
    comment = `Die Lieferung ${pick(rng, DELIVERY_PROBLEMS)}. ${pick(rng, ["Und", "Außerdem gilt:", "Dazu kommt:"])} ${pick(rng, COMPLAINTS)}. ${pick(rng, NEGATIVE_ENDINGS)}`;
  } else {
    comment = pick(rng, NEUTRAL_COMMENTS)(rng);
  }
  return { input: withRating(comment.trim(), rating), expected: sentiment };
}

const withRating = (comment: string, rating: number | undefined): TFeedbackSentimentInput =>
  rating === undefined ? { comment } : { comment, rating };

/** Ambiguous on purpose: mixed comments, irony, stars that contradict the words. */
const HARD: ((rng: Rng) => Draft<TFeedbackSentimentInput>)[] = [
  // Praise and criticism balance: the stars decide, no stars means neutral.
  (rng) => {
    const rating = chance(rng, 0.8) ? int(rng, 1, 5) : undefined;
    const expected: TSentiment =
      rating === undefined || rating === 3 ? "neutral" : rating >= 4 ? "positive" : "negative";
    const comment = chance(rng, 0.5)
      ? `${capitalise(pick(rng, PRAISE))}, aber ${pick(rng, COMPLAINTS)}.`
      : `Einerseits ${pick(rng, COMPLAINTS)}, andererseits ${pick(rng, PRAISE)}.`;
    return { input: withRating(comment, rating), expected };
  },
  // Irony: sounds positive, means negative.
  (rng) => {
    const comment = pick(rng, [
      `Super, die Lieferung ${pick(rng, DELIVERY_PROBLEMS)}. Genau so stellt man sich Service vor.`,
      `Toll, schon wieder: die Lieferung ${pick(rng, DELIVERY_PROBLEMS)}. Weiter so!`,
      `Na prima. ${capitalise(pick(rng, COMPLAINTS))}. Danke für nichts.`,
    ]);
    return {
      input: withRating(comment, chance(rng, 0.5) ? int(rng, 1, 3) : undefined),
      expected: "negative",
    };
  },
  // Stars that contradict a clear comment: the comment decides.
  (rng) => {
    const positive = chance(rng, 0.5);
    const comment = positive
      ? `${capitalise(pick(rng, PRAISE))}. ${pick(rng, ["Alles bestens.", "Nichts zu meckern.", "Gerne wieder."])}`
      : `Die Lieferung ${pick(rng, DELIVERY_PROBLEMS)}. ${pick(rng, NEGATIVE_ENDINGS)}`.trim();
    return {
      input: { comment, rating: positive ? int(rng, 1, 2) : int(rng, 4, 5) },
      expected: positive ? "positive" : "negative",
    };
  },
  // Understatement and hedged wording.
  (rng) => {
    const [comment, expected] = pick<[string, TSentiment]>(rng, [
      [`Kann man nicht meckern, ${pick(rng, DISHES)} kam bei den Gästen gut an.`, "positive"],
      ["Nicht schlecht, aber auch nicht das, was uns versprochen wurde.", "neutral"],
      [
        `War okay. ${capitalise(pick(rng, PRODUCTS))} ist halt ${pick(rng, ["Geschmackssache", "wie überall"])}.`,
        "neutral",
      ],
      [
        `Hätte schlimmer sein können, aber ${pick(rng, COMPLAINTS)}, und das ärgert uns wirklich.`,
        "negative",
      ],
      [`Anfangs skeptisch, inzwischen überzeugt: ${pick(rng, PRAISE)}.`, "positive"],
    ]);
    return { input: withRating(comment, undefined), expected };
  },
];
