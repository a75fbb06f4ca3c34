import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import * as askRoute from "@/app/api/v1/help/ask/route";
import { FAKE_API_KEY, startFakeOpenAI, type FakeProvider } from "@/test/fakes/ai-providers";
import { asSuperuser } from "@/test/pg";
import { addTenantMember, createTenant, type TestTenant } from "@/test/tenants";

import type { RouterOptions } from "@/lib/ai/router";
import { CircuitBreaker, createOpenAiClient, withBreaker } from "@/lib/ai/providers";
import { createToken } from "@/lib/auth/tokens";
import { withOrg, type MemberContext } from "@/lib/db";
import type { AppError } from "@/lib/errors";

import { helpAnalytics } from "./analytics";
import { askHelp } from "./ask";
import { DEMO_GUIDES } from "./demo-guides";
import { draftWithAi } from "./draft";
import { listGuides, seedGuides, setGuideStep } from "./guides";
import type { TCreateArticle } from "./schemas";
import { contentGaps, createArticle, listVersions, searchHelp, transitionArticle } from "./service";

// Ask, Draft with AI and the search analytics against the real PostgreSQL and the real router, with
// the fake OpenAI on 127.0.0.1 as the only provider: an answer cites only articles the reader may
// read and was given; uncovered questions are gaps; without AI the search answers; a draft is a
// DRAFT version; the analytics count what happened.

let fake: FakeProvider;
let ai: RouterOptions;
let org: TestTenant;
let manager: MemberContext;
const ids: Record<string, string> = {};

const SECRET = "Provisionsgrenzen";

async function published(input: Partial<TCreateArticle> & Pick<TCreateArticle, "title" | "bodyMd">) {
  const { id } = await createArticle(manager, {
    space: "enduser",
    locale: "de",
    tags: [],
    helpKeys: [],
    ...input,
  });
  await transitionArticle(manager, id, { action: "submit" });
  await transitionArticle(org.admin, id, { action: "publish" });
  return id;
}

/** What the fake model answers to help.answer. */
const answer =
  (articleId: string | null, confidence = 0.95) =>
  () => ({
    output: { answer: "Die Schutzfrist beginnt mit der Registrierung.", articleId, confidence },
  });

async function questions(orgId: string) {
  const { rows } = await asSuperuser((c) =>
    c.query(
      `SELECT user_id, question, answered_by, covered, cited_article_ids FROM help_question
       WHERE org_id = $1 ORDER BY created_at`,
      [orgId],
    ),
  );
  return rows;
}

beforeAll(async () => {
  fake = await startFakeOpenAI();
  const models = { small: "gpt-4o-mini", large: "gpt-4o" };
  ai = {
    clients: {
      openai: withBreaker(
        createOpenAiClient({
          baseURL: fake.url,
          apiKey: FAKE_API_KEY,
          models,
          timeoutMs: 2_000,
          maxRetries: 0,
        }),
        new CircuitBreaker("openai"),
      ),
    },
    order: ["openai"],
  };
  org = await createTenant("assist-a");
  manager = await addTenantMember(org, "assist-a", "manager", "manager");
  ids.clock = await published({
    title: "Wie die Schutzfrist läuft",
    bodyMd: "Die **Schutzfrist** beginnt mit der Registrierung und läuft sechs Monate.",
    tags: ["Schutz"],
  });
  ids.extension = await published({
    title: "Verlängerung beantragen",
    bodyMd:
      "Reicht die Zeit nicht, beantragen Sie eine Verlängerung mit Begründung. " +
      "Verlängerungsanträge genehmigen Manager im Manager-Eingang.",
  });
  ids.playbook = await published({
    space: "salesops",
    title: "Verlängerungsanträge genehmigen",
    bodyMd: `Playbook: Verlängerungsanträge genehmigen im Manager-Eingang. Geheim: ${SECRET}.`,
  });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.requests.length = 0;
});

describe("Ask", () => {
  it("answers from a permitted article and cites it by title and link", async () => {
    fake.respond = answer("a-1");
    const result = await askHelp(org.sales, { question: "Wie läuft die Schutzfrist?" }, ai);
    expect(result).toMatchObject({
      answeredBy: "ai",
      covered: true,
      answer: "Die Schutzfrist beginnt mit der Registrierung.",
      citations: [{ id: ids.clock, title: "Wie die Schutzfrist läuft", locale: "de" }],
      fallbackReason: null,
    });
    // The model saw stand-in ids, never the articles' own.
    expect(fake.requests[0].rawBody).toContain("[id: a-1] Wie die Schutzfrist läuft");
    expect(fake.requests[0].rawBody).not.toContain(ids.clock);
  });

  it("a partner whose best match is a salesops playbook never gets it: not given, not cited, a gap", async () => {
    // A model that cites whatever it likes: an id it was not given.
    fake.respond = answer("a-7");
    const question = "Wie kann ich Verlängerungsanträge im Manager-Eingang genehmigen?";
    const result = await askHelp(org.sales, { question }, ai);
    // The model was asked, with the partner's articles only.
    expect(fake.requests).toHaveLength(1);
    const sent = fake.requests.map((r) => r.rawBody).join("\n");
    expect(sent).not.toContain(SECRET);
    expect(sent).not.toContain("Playbook");
    expect(result).toMatchObject({ answeredBy: "ai", covered: false, answer: null, citations: [] });
    expect(JSON.stringify(result)).not.toContain(ids.playbook);
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(result.hits.map((h) => h.space)).not.toContain("salesops");
    // The manager, asking the same, gets the playbook.
    fake.respond = answer("a-1");
    const theirs = await askHelp(manager, { question }, ai);
    expect(theirs.citations).toEqual([
      { id: ids.playbook, title: "Verlängerungsanträge genehmigen", locale: "de" },
    ]);
    const gaps = await contentGaps(manager, 30);
    expect(gaps.map((g) => g.query)).toContain(question.toLowerCase());
    // The manager's covered question is no gap: only the partner's counts.
    expect(gaps.find((g) => g.query === question.toLowerCase())?.count).toBe(1);
  });

  it("says so and records a gap when the model finds no article covers it", async () => {
    fake.respond = answer(null, 0.9);
    const result = await askHelp(
      org.sales,
      { question: "Beginnt die Schutzfrist vor der Registrierung?" },
      ai,
    );
    expect(result).toMatchObject({ answeredBy: "ai", covered: false, answer: null, citations: [] });
    expect((await contentGaps(manager, 30)).map((g) => g.query)).toContain(
      "beginnt die schutzfrist vor der registrierung?",
    );
  });

  it("asks no model when no article matches, and records the gap", async () => {
    const result = await askHelp(org.sales, { question: "Xylophon Quittung drucken" }, ai);
    expect(result).toMatchObject({ answeredBy: "search", covered: false, hits: [] });
    expect(fake.requests).toHaveLength(0);
  });

  it("without AI configured the search results answer; every question is a help_question row", async () => {
    const result = await askHelp(org.sales, { question: "Schutzfrist" }, { clients: {} });
    expect(result).toMatchObject({
      answeredBy: "search",
      fallbackReason: "notConfigured",
      answer: null,
      covered: true,
    });
    expect(result.hits.map((h) => h.id)).toEqual([ids.clock]);
    const rows = await questions(org.orgId);
    expect(rows.at(-1)).toMatchObject({
      user_id: org.sales.userId,
      question: "Schutzfrist",
      answered_by: "search",
      covered: true,
      cited_article_ids: [],
    });
    expect(rows.filter((r) => r.answered_by === "ai" && r.covered).map((r) => r.cited_article_ids)).toEqual([
      [ids.clock],
      [ids.playbook],
    ]);
  });

  it("through the REST route with a partner's token: the salesops space stays out", async () => {
    const token = (await createToken(org.sales, { name: "t", expiresInDays: 1 })).token;
    const response = await askRoute.POST(
      new Request("http://localhost/api/v1/help/ask", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ question: "Verlängerungsanträge genehmigen" }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).not.toContain(ids.playbook);
    expect(body).not.toContain(SECRET);
    expect(JSON.parse(body)).toMatchObject({ question: "Verlängerungsanträge genehmigen", citations: [] });
  });
});

describe("Draft with AI", () => {
  it("drafts a new article from a gap as a DRAFT version by the editor, audited, never published", async () => {
    await searchHelp(org.sales, { q: "Rechnung  kopie" });
    fake.respond = () => ({
      output: {
        title: "Rechnungskopie anfordern",
        body: "1. Öffnen Sie …\n2. [TODO: Menü]",
        keywords: ["Rechnung"],
      },
    });
    const draft = await draftWithAi(manager, { topic: "Rechnung Kopie", locale: "de", space: "enduser" }, ai);
    expect(draft.article).toMatchObject({
      title: "Rechnungskopie anfordern",
      status: "DRAFT",
      version: 1,
      updatedBy: manager.userId,
      tags: ["Rechnung"],
      publishedAt: null,
    });
    expect(draft.model).toBe("gpt-4o");
    // The large model, given the gap's query as it was typed.
    expect(fake.requests[0].body.model).toBe("gpt-4o");
    expect(fake.requests[0].rawBody).toContain("- Rechnung kopie");
    const { rows } = await asSuperuser((c) =>
      c.query(`SELECT action FROM audit_event WHERE org_id = $1 AND resource_id = $2 ORDER BY id`, [
        org.orgId,
        draft.article.id,
      ]),
    );
    expect(rows.map((r) => r.action)).toEqual(["help.article.created", "help.article.drafted"]);
    // Readers do not see it.
    expect((await searchHelp(org.sales, { q: "Rechnungskopie" })).items).toEqual([]);
  });

  it("revises an article as its next version, back to DRAFT; a partner may not draft", async () => {
    const id = await published({ title: "Pausen", bodyMd: "Eine Pause hält die Uhr an." });
    fake.respond = () => ({ output: { title: "Pausen einlegen", body: "Neu: Pausen …", keywords: [] } });
    const draft = await draftWithAi(
      manager,
      { topic: "Pausen", locale: "de", space: "enduser", articleId: id },
      ai,
    );
    expect(draft.article).toMatchObject({ id, status: "DRAFT", version: 2, title: "Pausen einlegen" });
    expect(fake.requests[0].rawBody).toContain("Eine Pause hält die Uhr an.");
    expect((await listVersions(manager, id)).map((v) => v.number)).toEqual([2, 1]);
    await expect(
      draftWithAi(org.sales, { topic: "Pausen", locale: "de", space: "enduser" }, ai),
    ).rejects.toMatchObject({ kind: "forbidden" } satisfies Partial<AppError>);
  });
});

describe("search analytics", () => {
  it("counts searches, zero results, top queries and questions per period", async () => {
    const stats = await createTenant("assist-stats");
    const editor = await addTenantMember(stats, "assist-stats", "manager", "manager");
    await searchHelp(stats.sales, { q: "Schutzfrist" });
    await searchHelp(stats.sales, { q: " schutzfrist " });
    await searchHelp(stats.sales, { q: "Kantine" });
    await askHelp(stats.sales, { question: "Wo finde ich die Schutzfrist?" }, { clients: {} });
    // A search 40 days ago: in the 90-day figures, not the 30-day ones.
    await asSuperuser((c) =>
      c.query(
        `INSERT INTO help_search_log (org_id, query, normalized, locale, result_count, user_id, created_at)
         VALUES ($1, 'alt', 'alt', 'de', 0, $2, now() - interval '40 days')`,
        [stats.orgId, stats.sales.userId],
      ),
    );
    expect(await helpAnalytics(editor, 30)).toEqual({
      days: 30,
      searches: 3,
      zeroResults: 3,
      zeroResultRate: 1,
      questions: 1,
      questionsUncovered: 1,
      questionsByAi: 0,
      topQueries: [
        { query: "schutzfrist", count: 2, zeroResults: 2 },
        { query: "kantine", count: 1, zeroResults: 1 },
      ],
    });
    const ninety = await helpAnalytics(editor, 90);
    expect(ninety).toMatchObject({ searches: 4, zeroResults: 4, questions: 1 });
    expect(ninety.topQueries.map((q) => q.query)).toEqual(["schutzfrist", "alt", "kantine"]);
    await expect(helpAnalytics(stats.sales, 30)).rejects.toMatchObject({ kind: "forbidden" });
  });
});

describe("workflow guides", () => {
  it("reach managers in their language with their own ticks, never a partner (service and RLS)", async () => {
    expect(await seedGuides(manager, DEMO_GUIDES)).toBe(6);
    expect(await seedGuides(manager, DEMO_GUIDES)).toBe(0);
    const de = await listGuides(manager, "de");
    expect(de.map((g) => g.title)).toEqual([
      "Einen Verlängerungsantrag entscheiden",
      "Einen abgelaufenen Lead neu zuweisen",
      "Die KI-Kosten lesen",
    ]);
    expect(de[0].steps[0]).toMatchObject({ position: 1, href: "leads/queue", done: false });
    expect((await listGuides(manager, "en")).map((g) => g.title)).toContain("Read the AI spend");

    const step = de[0].steps[0].id;
    await setGuideStep(manager, step, true);
    await setGuideStep(manager, step, true);
    expect((await listGuides(manager, "de"))[0].steps.map((s) => s.done)).toEqual([
      true,
      false,
      false,
      false,
    ]);
    // Progress is per user: the admin's checklist is untouched.
    expect((await listGuides(org.admin, "de"))[0].steps[0].done).toBe(false);
    await setGuideStep(manager, step, false);
    expect((await listGuides(manager, "de"))[0].steps[0].done).toBe(false);
    // Every tick and untick is in the audit trail, as the manager's.
    const audited = await asSuperuser(async (client) => {
      const { rows } = await client.query<{ action: string; actor_id: string }>(
        `SELECT action, actor_id FROM audit_event WHERE resource_type = 'help_guide_step' AND resource_id = $1
         ORDER BY id`,
        [step],
      );
      return rows;
    });
    expect(audited.map((r) => r.action)).toEqual([
      "help.guide.step_done",
      "help.guide.step_done",
      "help.guide.step_reopened",
    ]);
    expect(new Set(audited.map((r) => r.actor_id))).toEqual(new Set([manager.userId]));

    // A partner: no salesops guide, by list, by step, or by the table itself.
    expect(await listGuides(org.sales, "de")).toEqual([]);
    await expect(setGuideStep(org.sales, step, true)).rejects.toMatchObject({ kind: "not_found" });
    expect(
      await withOrg(org.sales, async (tx) => [await tx.helpGuide.count(), await tx.helpGuideStep.count()]),
    ).toEqual([0, 0]);
  });
});
