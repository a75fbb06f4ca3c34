/** The in-app help: answer a question from the help articles (small-first), draft an article (large). */
import { z } from "zod";

import {
  PROMPT_BASE,
  ZConfidence,
  defineSmallFirstUseCase,
  defineUseCase,
  lines,
  quoted,
  text,
} from "./shared";

// help.answer -------------------------------------------------------------------------------------

/** The label of an answer that cites no article (so no article may have this id). */
export const NO_ARTICLE = "null";

export const ZHelpArticle = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,79}$/, "a lowercase slug such as lead-anlegen")
    .refine((id) => id !== NO_ARTICLE, `"${NO_ARTICLE}" means no article`),
  title: text(200),
  body: text(8000),
});
export type THelpArticle = z.infer<typeof ZHelpArticle>;

export const ZHelpAnswerInput = z.strictObject({
  question: text(2000),
  /** The candidate articles the search found, best first; may be none. */
  articles: z
    .array(ZHelpArticle)
    .max(8)
    .refine(
      (articles) => new Set(articles.map((a) => a.id)).size === articles.length,
      "article ids are unique",
    ),
});
export type THelpAnswerInput = z.infer<typeof ZHelpAnswerInput>;

export const ZHelpAnswerOutput = z.object({
  answer: z.string().describe("Die Antwort, kurz und in Schritten, nur aus dem Artikel."),
  articleId: z
    .string()
    .nullable()
    .describe("Id des Artikels, auf dem die Antwort beruht; null, wenn keiner die Frage beantwortet."),
  confidence: ZConfidence,
});
export type THelpAnswerOutput = z.infer<typeof ZHelpAnswerOutput>;

export const helpAnswer = defineSmallFirstUseCase<THelpAnswerInput, THelpAnswerOutput>({
  id: "help.answer",
  policy: "small-first",
  schemaVersion: 1,
  input: ZHelpAnswerInput,
  output: ZHelpAnswerOutput,
  system: [
    PROMPT_BASE,
    "",
    "Aufgabe: Beantworte die Frage eines Nutzers von FreshPlan Admin (Vertriebspartner, Vertriebsinnendienst)",
    "ausschließlich mit einem der mitgelieferten Hilfeartikel.",
    "Wähle den einen Artikel, der die Frage beantwortet, und gib seine id als articleId an.",
    "Beantwortet keiner die Frage, setze articleId auf null und sage freundlich, dass die Hilfe dazu nichts enthält;",
    "rate nicht und erfinde keine Menüpunkte oder Funktionen.",
    "confidence: wie sicher der gewählte Artikel (oder null) richtig ist.",
  ].join("\n"),
  render: (input) =>
    [
      `Frage:\n${quoted(input.question)}`,
      input.articles.length === 0
        ? "Hilfeartikel: keine gefunden"
        : `Hilfeartikel:\n${input.articles
            .map((a) => `[id: ${a.id}] ${a.title}\n${quoted(a.body)}`)
            .join("\n\n")}`,
    ].join("\n\n"),
  maxOutputTokens: 600,
  label: (output) => output.articleId ?? NO_ARTICLE,
});

// help.draft --------------------------------------------------------------------------------------

export const HELP_AUDIENCES = ["end_users", "sales_ops"] as const;

export const ZHelpDraftInput = z.strictObject({
  topic: text(200),
  audience: z.enum(HELP_AUDIENCES),
  /** Points the article should cover, one per line. */
  outline: text(4000).optional(),
});
export type THelpDraftInput = z.infer<typeof ZHelpDraftInput>;

export const ZHelpDraftOutput = z.object({
  title: z.string(),
  body: z.string().describe("Der Artikel in Markdown: kurze Einleitung, nummerierte Schritte, Hinweise."),
  keywords: z.array(z.string()).max(10).describe("Suchbegriffe, mit denen Nutzer den Artikel finden."),
});
export type THelpDraftOutput = z.infer<typeof ZHelpDraftOutput>;

const AUDIENCE_LABEL: Record<(typeof HELP_AUDIENCES)[number], string> = {
  end_users: "Vertriebspartner im Außendienst (wenig Zeit, unterwegs, oft am Handy)",
  sales_ops: "Vertriebsinnendienst und Administration bei FreshFoodz (Fachbegriffe erlaubt)",
};

export const helpDraft = defineUseCase<THelpDraftInput, THelpDraftOutput>({
  id: "help.draft",
  policy: "large",
  schemaVersion: 1,
  input: ZHelpDraftInput,
  output: ZHelpDraftOutput,
  system: [
    PROMPT_BASE,
    "",
    "Aufgabe: Entwirf einen Hilfeartikel für FreshPlan Admin, den ein Mensch vor der Veröffentlichung prüft.",
    "Schreibe für die genannte Zielgruppe, in kurzen Sätzen, mit nummerierten Schritten in Markdown.",
    "Beschreibe nur, was die Gliederung oder das Thema hergibt; wo Details fehlen, markiere sie mit [TODO: …]",
    "statt sie zu erfinden.",
  ].join("\n"),
  render: (input) =>
    [
      lines([
        ["Thema", input.topic],
        ["Zielgruppe", AUDIENCE_LABEL[input.audience]],
      ]),
      input.outline ? `Gliederung:\n${quoted(input.outline)}` : "Gliederung: keine",
    ].join("\n"),
  maxOutputTokens: 2000,
});
