import { describe, expect, it } from "vitest";

import { helpAnswer, helpDraft, type THelpAnswerInput, type THelpDraftInput } from "@/lib/ai/use-cases/help";

import type { FakeRequest } from "./ai-providers";
import { helpModel } from "./help-model";

/** A request as the app's OpenAI client sends it: the use case's own prompt and schema name. */
function request(schemaName: string, user: string): FakeRequest {
  const body = {
    model: "gpt-4o-mini",
    messages: [
      { role: "system", content: "…" },
      { role: "user", content: user },
    ],
    response_format: { type: "json_schema", json_schema: { name: schemaName, schema: {}, strict: true } },
  };
  return { method: "POST", path: "/v1/chat/completions", headers: {}, rawBody: JSON.stringify(body), body };
}

const ask = (input: THelpAnswerInput) => helpModel(request("help_answer", helpAnswer.render(input)));
const draft = (input: THelpDraftInput) => helpModel(request("help_draft", helpDraft.render(input)));

describe("the fake help model", () => {
  it("answers from the article sharing the most words with the question, citing it", () => {
    const reply = ask({
      question: "Wie führe ich das Kühlkettenprotokoll täglich?",
      articles: [
        { id: "a-1", title: "Temperatur messen", body: "Messen Sie vor dem Kühlkettenprotokoll." },
        {
          id: "a-2",
          title: "Kühlkettenprotokoll",
          body: "Das Protokoll führen Sie täglich. Dann speichern.",
        },
      ],
    });
    expect(reply).toEqual({
      output: {
        answer: "Das Protokoll führen Sie täglich. Dann speichern.",
        articleId: "a-2",
        confidence: 0.9,
      },
    });
  });

  it("says the help does not cover a question no article shares a word with", () => {
    const reply = ask({
      question: "Wo finde ich die Zollpapiere?",
      articles: [{ id: "a-1", title: "Tourenplan", body: "Der Tourenplan zeigt die Besuche der Woche." }],
    });
    expect(reply).toMatchObject({ output: { articleId: null } });
  });

  it("drafts a title from the topic and a body from the readers' open questions", () => {
    const reply = draft({
      topic: "wo finde ich die zollpapiere?",
      audience: "end_users",
      outline: [
        "Sprache des Artikels: Deutsch",
        "Fragen von Nutzern, die die Hilfe bisher nicht beantwortet:\n- wo finde ich die zollpapiere?\n- zollpapiere drucken",
        "Verwandte Artikel (nicht wiederholen, darauf verweisen):\n- Lieferschein",
      ].join("\n\n"),
    });
    expect(reply).toEqual({
      output: {
        title: "Wo finde ich die zollpapiere",
        body: [
          "Dieser Artikel beantwortet: „wo finde ich die zollpapiere“.",
          "## Schritte\n\n1. [TODO: Wo fängt man in der App an?]\n2. [TODO: Die weiteren Schritte]",
          "## Gefragt wurde\n\n- wo finde ich die zollpapiere?\n- zollpapiere drucken",
          "## Siehe auch\n\n- Lieferschein",
        ].join("\n\n"),
        keywords: ["finde", "zollpapiere"],
      },
    });
  });

  it("refuses any other use case with a 400 in OpenAI's error shape", () => {
    expect(helpModel(request("lead_classification", "Firma: Kantine"))).toEqual({
      status: 400,
      body: {
        error: {
          message: expect.stringContaining('not "lead_classification"'),
          type: "invalid_request_error",
          param: null,
          code: null,
        },
      },
    });
  });
});
