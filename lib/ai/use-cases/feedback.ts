/** Customer feedback (the public /feedback/[token] page): sentiment and topics, small-first. */
import { z } from "zod";

import { PROMPT_BASE, ZConfidence, defineSmallFirstUseCase, lines, quoted, text } from "./shared";

export const ZFeedbackSentimentInput = z.strictObject({
  comment: text(4000),
  /** Stars the customer gave, 1..5, when the form asked for them. */
  rating: z.int().min(1).max(5).optional(),
});
export type TFeedbackSentimentInput = z.infer<typeof ZFeedbackSentimentInput>;

export const SENTIMENTS = ["positive", "neutral", "negative"] as const;

export const ZFeedbackSentimentOutput = z.object({
  sentiment: z.enum(SENTIMENTS),
  topics: z
    .array(z.string())
    .max(5)
    .describe("Kurze Themen in der Sprache des Kommentars, z. B. Lieferzeit, Qualität, Preis, Beratung."),
  confidence: ZConfidence,
});
export type TFeedbackSentimentOutput = z.infer<typeof ZFeedbackSentimentOutput>;

export const feedbackSentiment = defineSmallFirstUseCase<TFeedbackSentimentInput, TFeedbackSentimentOutput>({
  id: "feedback.sentiment",
  policy: "small-first",
  schemaVersion: 1,
  input: ZFeedbackSentimentInput,
  output: ZFeedbackSentimentOutput,
  system: [
    PROMPT_BASE,
    "",
    "Aufgabe: Bestimme die Stimmung eines Kundenkommentars zu Lieferung, Ware oder Betreuung.",
    "- positive: überwiegend zufrieden.",
    '- negative: überwiegend unzufrieden; Ironie zählt nach ihrer Bedeutung ("Toll, schon wieder zu spät" ist negativ).',
    "- neutral: sachlich, ohne Wertung, oder Lob und Kritik halten sich die Waage.",
    "Der Kommentar entscheidet. Die Sternebewertung entscheidet nur, wenn Lob und Kritik sich die Waage halten:",
    "4–5 Sterne positive, 3 Sterne neutral, 1–2 Sterne negative.",
    "topics: höchstens fünf kurze Themen, die der Kommentar anspricht.",
    "confidence: wie sicher die Stimmung stimmt; niedrig bei gemischten oder unklaren Kommentaren.",
  ].join("\n"),
  render: (input) =>
    [lines([["Sterne", input.rating && `${input.rating} von 5`]]), `Kommentar:\n${quoted(input.comment)}`]
      .filter(Boolean)
      .join("\n"),
  maxOutputTokens: 200,
  label: (output) => output.sentiment,
});
