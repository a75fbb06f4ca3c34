/**
 * A deterministic "model" for the help's two AI use cases, for the fake OpenAI server the browser
 * tests run (e2e/fake-ai-server.ts). It reads what the app really sends — the structured-output
 * schema's name (`help_answer`, `help_draft`: lib/ai/use-cases outputSchemaName) and the user
 * message the use case rendered (lib/ai/use-cases/help.ts) — and answers as a careful model would:
 *
 * - `help_answer`: from the given article that shares the most meaningful words with the question,
 *   citing its id; when none shares one, `articleId: null` ("the help does not cover this") — sure
 *   of that, so the router takes it without asking the large model.
 * - `help_draft`: a title from the topic and a Markdown body with [TODO: …] steps (it knows nothing
 *   about the screens, as the prompt demands), the readers' unanswered questions and the related
 *   articles from the outline.
 *
 * Anything else is refused with a 400 in OpenAI's error shape, so a new use case shows up as an
 * error instead of a made-up answer.
 */
import type { FakeReply, FakeRequest } from "./ai-providers";

/** Words that carry no topic (German and English); with words under four letters never counted. */
const STOP_WORDS = new Set(
  (
    "aber alle auch dann dass denn dies diese dieser eine einem einen einer eines etwas habe haben " +
    "hier kann kein keine mich mein meine muss nach nicht noch oder sein sich sind soll über unter " +
    "wann warum welche welcher wenn werde werden wird wieso woher wohin about does from have into " +
    "that their there this what when where which will with your"
  ).split(" "),
);

/** The meaningful words of a text: lower case, four letters or more, no stop words. */
export function meaningfulWords(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length >= 4 && !STOP_WORDS.has(w)),
  );
}

/** The fake OpenAI's responder for the help use cases. */
export function helpModel(request: FakeRequest): FakeReply {
  const format = request.body.response_format as { json_schema?: { name?: unknown } } | undefined;
  const schema = format?.json_schema?.name;
  const messages = Array.isArray(request.body.messages) ? (request.body.messages as unknown[]) : [];
  const user = messages
    .map((m) => m as { role?: unknown; content?: unknown })
    .find((m) => m.role === "user")?.content;
  if (typeof user !== "string") return refuse("The request has no user message.");
  if (schema === "help_answer") return { output: answer(user) };
  if (schema === "help_draft") return { output: draft(user) };
  return refuse(
    `This fake model answers the help's use cases only (help_answer, help_draft), not ${JSON.stringify(schema ?? null)}.`,
  );
}

function refuse(message: string): FakeReply {
  return {
    status: 400,
    body: { error: { message, type: "invalid_request_error", param: null, code: null } },
  };
}

/** The text between `<<<` and `>>>` right after `label` (lib/ai/use-cases/shared.ts `quoted`). */
function quotedAfter(text: string, label: string): string | null {
  const start = text.indexOf(`${label}\n<<<\n`);
  if (start < 0) return null;
  const from = start + label.length + 5;
  const end = text.indexOf("\n>>>", from);
  return end < 0 ? null : text.slice(from, end);
}

// help.answer ------------------------------------------------------------------------------------

interface GivenArticle {
  id: string;
  title: string;
  body: string;
}

function answer(user: string) {
  const question = quotedAfter(user, "Frage:") ?? "";
  const articles: GivenArticle[] = [
    ...user.matchAll(/^\[id: ([a-z0-9-]+)\] (.*)\n<<<\n([\s\S]*?)\n>>>/gm),
  ].map(([, id, title, body]) => ({ id, title, body }));
  const asked = meaningfulWords(question);
  let best: { article: GivenArticle; shared: number } | null = null;
  for (const article of articles) {
    const words = meaningfulWords(`${article.title} ${article.body}`);
    const shared = [...asked].filter((w) => words.has(w)).length;
    // Ties go to the earlier article: the search ranked it higher.
    if (shared > 0 && (!best || shared > best.shared)) best = { article, shared };
  }
  if (!best) {
    return {
      answer: "Dazu enthält die Hilfe nichts.",
      articleId: null,
      confidence: 0.9,
    };
  }
  return { answer: summary(best.article.body), articleId: best.article.id, confidence: 0.9 };
}

/** The article's first sentences as plain text, up to about 300 characters. */
function summary(markdown: string): string {
  const text = markdown
    .replace(/[#*_`>]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  const sentences = text.match(/[^.!?]+[.!?]*/g) ?? [text];
  let out = "";
  for (const sentence of sentences) {
    if (out && out.length + sentence.length > 300) break;
    out += sentence;
  }
  return out.trim();
}

// help.draft -------------------------------------------------------------------------------------

/** The `- ` lines of the outline's section whose heading starts with `heading`. */
function listUnder(outline: string, heading: string): string[] {
  const section = outline.split("\n\n").find((part) => part.startsWith(heading));
  return (section?.split("\n").slice(1) ?? [])
    .filter((line) => line.startsWith("- "))
    .map((line) => line.slice(2).trim());
}

function draft(user: string) {
  const topic = /^Thema: (.*)$/m.exec(user)?.[1]?.trim() ?? "";
  const outline = quotedAfter(user, "Gliederung:") ?? "";
  const english = /^Sprache des Artikels: English$/m.test(outline);
  const questions = listUnder(outline, "Fragen von Nutzern");
  const related = listUnder(outline, "Verwandte Artikel");
  const plain = topic.replace(/[\s?!.:]+$/u, "");
  const title = plain.charAt(0).toUpperCase() + plain.slice(1);
  const text = english
    ? {
        intro: `This article answers: “${plain}”.`,
        steps: "Steps",
        todo: ["[TODO: where to start, in the app]", "[TODO: the steps that follow]"],
        asked: "Readers asked",
        seeAlso: "See also",
      }
    : {
        intro: `Dieser Artikel beantwortet: „${plain}“.`,
        steps: "Schritte",
        todo: ["[TODO: Wo fängt man in der App an?]", "[TODO: Die weiteren Schritte]"],
        asked: "Gefragt wurde",
        seeAlso: "Siehe auch",
      };
  const body = [
    text.intro,
    `## ${text.steps}\n\n${text.todo.map((step, i) => `${i + 1}. ${step}`).join("\n")}`,
    questions.length > 0 ? `## ${text.asked}\n\n${questions.map((q) => `- ${q}`).join("\n")}` : "",
    related.length > 0 ? `## ${text.seeAlso}\n\n${related.map((r) => `- ${r}`).join("\n")}` : "",
  ]
    .filter(Boolean)
    .join("\n\n");
  return { title, body, keywords: [...meaningfulWords(topic)].slice(0, 10) };
}
