import { beforeAll, describe, expect, it } from "vitest";

import * as articleRoute from "@/app/api/v1/help/articles/[id]/route";
import * as feedbackRoute from "@/app/api/v1/help/articles/[id]/feedback/route";
import * as articlesRoute from "@/app/api/v1/help/articles/route";
import * as contextRoute from "@/app/api/v1/help/context/[key]/route";
import * as searchRoute from "@/app/api/v1/help/search/route";
import { addTenantMember, createTenant, type TestTenant } from "@/test/tenants";

import { createToken } from "@/lib/auth/tokens";
import { withOrg, type MemberContext } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { seedHelp } from "./demo";
import { correctWords } from "./queries";
import { DEMO_ARTICLES } from "./demo-articles";
import { ZContextHelp, ZHelpArticleList, ZSearchResult, type TCreateArticle } from "./schemas";
import {
  addSynonym,
  contentGaps,
  contextHelp,
  createArticle,
  getArticle,
  listArticles,
  listVersions,
  recordFeedback,
  removeSynonym,
  searchHelp,
  transitionArticle,
  updateArticle,
} from "./service";

// The help system against the real PostgreSQL: the salesops space never reaches a sales partner, by
// any door (id, list, search, help key, the REST routes, RLS itself); every save is a version;
// publishing needs four eyes; search finds typos and synonyms; votes count.

type Handler = (request: Request, route: { params: Promise<unknown> }) => Promise<Response>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies under test

let org: TestTenant;
let other: TestTenant;
let manager: MemberContext;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};

/** Written by the manager, reviewed and published by the admin. */
async function published(input: TCreateArticle): Promise<string> {
  const { id } = await createArticle(manager, input);
  await transitionArticle(manager, id, { action: "submit" });
  await transitionArticle(org.admin, id, { action: "publish" });
  return id;
}

const article = (
  over: Partial<TCreateArticle> & Pick<TCreateArticle, "title" | "bodyMd">,
): TCreateArticle => ({
  space: "enduser",
  locale: "de",
  tags: [],
  helpKeys: [],
  ...over,
});

async function call(handler: Handler, token: string, url: string, params: object, body?: unknown) {
  const response = await handler(
    new Request(`http://localhost/api/v1${url}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    { params: Promise.resolve(params) },
  );
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    body: (await response.json()) as Json,
  };
}

const errorOf = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return { kind: error.kind, code: error.text?.code };
    throw error;
  }
  return null;
};

beforeAll(async () => {
  org = await createTenant("help-a");
  other = await createTenant("help-b");
  manager = await addTenantMember(org, "help-a", "manager", "manager");
  ids.clock = await published(
    article({
      title: "Wie die Schutzfrist läuft",
      bodyMd: "Die **Schutzfrist** beginnt mit der Registrierung und läuft sechs Monate.",
      tags: ["Schutz"],
      helpKeys: ["leads.protection.timeline"],
    }),
  );
  ids.holds = await published(
    article({
      title: "Pausen anhalten",
      bodyMd: "Eine Pause hält die Uhr an, etwa während Betriebsferien.",
      helpKeys: ["leads.holds"],
    }),
  );
  ids.extension = await published(
    article({
      title: "Verlängerung beantragen",
      bodyMd: "Reicht die Zeit nicht, beantragen Sie eine Verlängerung mit Begründung.",
      helpKeys: ["leads.extensions"],
    }),
  );
  ids.collabEn = await published(
    article({
      locale: "en",
      title: "Working with collaborators",
      bodyMd: "Collaborators help on a lead with a role.",
      helpKeys: ["leads.collaborators"],
    }),
  );
  ids.playbook = await published(
    article({
      space: "salesops",
      title: "Verlängerungsanträge genehmigen",
      bodyMd: "Playbook: Verlängerungsanträge prüfen und genehmigen. Geheim: Provisionsgrenzen.",
      helpKeys: ["leads.extensions", "manager.queue"],
    }),
  );
  ids.draft = (
    await createArticle(manager, article({ title: "Entwurf zur Schutzfrist", bodyMd: "Noch nicht fertig." }))
  ).id;
  ids.otherOrg = (
    await createArticle(other.admin, article({ title: "Schutzfrist anderswo", bodyMd: "Fremd." }))
  ).id;
  for (const [name, ctx] of Object.entries({ sales: org.sales, manager, otherAdmin: other.admin }))
    tokens[name] = (await createToken(ctx, { name: "t", expiresInDays: 1 })).token;
});

describe("the salesops space and unpublished articles never reach a sales partner", () => {
  it("by id, list, search, help key and feedback — in the service", async () => {
    expect(await errorOf(getArticle(org.sales, ids.playbook))).toEqual({
      kind: "not_found",
      code: "help.errors.notFound",
    });
    expect(await errorOf(getArticle(org.sales, ids.draft))).toMatchObject({ kind: "not_found" });
    const listed = (await listArticles(org.sales, {})).map((a) => a.id);
    expect(listed.sort()).toEqual([ids.clock, ids.holds, ids.extension, ids.collabEn].sort());
    const found = await searchHelp(org.sales, { q: "Verlängerungsanträge genehmigen" });
    expect(found.items.map((i) => i.id)).not.toContain(ids.playbook);
    const context = await contextHelp(org.sales, "leads.extensions", "de");
    expect(context.article?.id).toBe(ids.extension);
    expect((await contextHelp(org.sales, "manager.queue", "de")).article).toBeNull();
    expect(await errorOf(recordFeedback(org.sales, ids.playbook, { helpful: true }))).toMatchObject({
      kind: "not_found",
    });
    // A manager reads both spaces.
    expect((await getArticle(manager, ids.playbook)).space).toBe("salesops");
    expect((await searchHelp(manager, { q: "Verlängerungsanträge" })).items[0].id).toBe(ids.playbook);
  });

  it("by row-level security itself, whatever the service would ask", async () => {
    const seen = await withOrg(
      org.sales,
      (tx) => tx.$queryRaw<{ space: string; status: string }[]>`SELECT space, status FROM help_article`,
    );
    expect(seen.length).toBe(4);
    expect(seen.every((a) => a.space === "enduser" && a.status === "PUBLISHED")).toBe(true);
    const versions = await withOrg(org.sales, (tx) => tx.helpArticleVersion.count());
    expect(versions).toBe(0);
    // Partners write no article either.
    const refused = await withOrg(org.sales, (tx) =>
      tx.$executeRaw`INSERT INTO help_article (org_id, space, locale, slug, title, body_md, created_by, updated_by)
                     VALUES (${org.orgId}::uuid, 'enduser', 'de', 'x', 'x', 'x', ${org.sales.userId}::uuid,
                             ${org.sales.userId}::uuid)`.then(
        () => "accepted",
        () => "refused",
      ),
    );
    expect(refused).toBe("refused");
  });

  it("through the REST routes with a partner's token: 404 problem+json, lists and search without salesops", async () => {
    const byId = await call(articleRoute.GET, tokens.sales, `/help/articles/${ids.playbook}`, {
      id: ids.playbook,
    });
    expect(byId.status).toBe(404);
    expect(byId.type).toContain("application/problem+json");
    const list = await call(articlesRoute.GET, tokens.sales, "/help/articles", {});
    expect(ZHelpArticleList.parse(list.body).items.map((a) => a.space)).not.toContain("salesops");
    const search = await call(searchRoute.GET, tokens.sales, "/help/search?q=genehmigen", {});
    expect(ZSearchResult.parse(search.body).items.map((i) => i.id)).not.toContain(ids.playbook);
    const context = await call(contextRoute.GET, tokens.sales, "/help/context/manager.queue", {
      key: "manager.queue",
    });
    expect(ZContextHelp.parse(context.body).article).toBeNull();
    const vote = await call(
      feedbackRoute.POST,
      tokens.sales,
      `/help/articles/${ids.playbook}/feedback`,
      {
        id: ids.playbook,
      },
      { helpful: true },
    );
    expect(vote.status).toBe(404);
    const create = await call(
      articlesRoute.POST,
      tokens.sales,
      "/help/articles",
      {},
      article({ title: "x", bodyMd: "y" }),
    );
    expect(create.status).toBe(403);
    // Another organisation's article is not found, for its admin too.
    const foreign = await call(articleRoute.GET, tokens.otherAdmin, `/help/articles/${ids.clock}`, {
      id: ids.clock,
    });
    expect(foreign.status).toBe(404);
    expect(await errorOf(getArticle(org.admin, ids.otherOrg))).toMatchObject({ kind: "not_found" });
  });
});

describe("editing and publishing", () => {
  it("keeps every save as a version, and a save of a published article needs a new review", async () => {
    const { id } = await createArticle(manager, article({ title: "Token anlegen", bodyMd: "Eins." }));
    await updateArticle(manager, id, {
      title: "Token anlegen",
      bodyMd: "Eins.\nZwei.",
      tags: [],
      helpKeys: [],
    });
    await transitionArticle(manager, id, { action: "submit" });
    await transitionArticle(org.admin, id, { action: "publish" });
    const saved = await updateArticle(org.admin, id, {
      title: "Zugriffstoken anlegen",
      bodyMd: "Eins.\nZwei.\nDrei.",
      tags: ["API"],
      helpKeys: ["settings.tokens"],
    });
    expect(saved).toMatchObject({ status: "DRAFT", version: 3, reviewedBy: null, publishedAt: null });
    const versions = await listVersions(manager, id);
    expect(versions.map((v) => [v.number, v.title, v.authorId])).toEqual([
      [3, "Zugriffstoken anlegen", org.admin.userId],
      [2, "Token anlegen", manager.userId],
      [1, "Token anlegen", manager.userId],
    ]);
    expect(await errorOf(listVersions(org.sales, ids.clock))).toMatchObject({ kind: "forbidden" });
  });

  it("publishes only with four eyes, in the service and in the database, and audits every transition", async () => {
    const { id } = await createArticle(manager, article({ title: "Vier Augen", bodyMd: "Text." }));
    expect(await errorOf(transitionArticle(manager, id, { action: "publish" }))).toMatchObject({
      kind: "conflict",
      code: "help.errors.wrongStatus",
    });
    await transitionArticle(manager, id, { action: "submit" });
    expect(await errorOf(transitionArticle(manager, id, { action: "publish" }))).toEqual({
      kind: "unprocessable",
      code: "help.errors.fourEyes",
    });
    // The database refuses the author's own publication too.
    const direct = await withOrg(manager, (tx) =>
      tx.$executeRaw`UPDATE help_article SET status = 'PUBLISHED', reviewed_by = ${manager.userId}::uuid,
                     published_at = now() WHERE id = ${id}::uuid`.then(
        () => "accepted",
        () => "refused",
      ),
    );
    expect(direct).toBe("refused");
    expect(await errorOf(transitionArticle(org.sales, id, { action: "publish" }))).toMatchObject({
      kind: "not_found",
    });
    const done = await transitionArticle(org.admin, id, { action: "publish" });
    expect(done).toMatchObject({ status: "PUBLISHED", reviewedBy: org.admin.userId });
    await transitionArticle(org.admin, id, { action: "archive" });
    const actions = await withOrg(org.admin, (tx) =>
      tx.auditEvent.findMany({ where: { resourceId: id }, select: { action: true }, orderBy: { id: "asc" } }),
    );
    expect(actions.map((a) => a.action)).toEqual([
      "help.article.created",
      "help.article.submitted",
      "help.article.published",
      "help.article.archived",
    ]);
  });
});

describe("search", () => {
  it("finds the right article first for a typo, logs searches without a result as content gaps", async () => {
    const typo = await searchHelp(org.sales, { q: "Schutzfirst", locale: "de" });
    expect(typo.items[0].id).toBe(ids.clock);
    const exact = await searchHelp(org.sales, { q: "Schutzfrist", locale: "de" });
    expect(exact.items[0].id).toBe(ids.clock);
    expect(exact.items[0].snippet.some((p) => p.hit && /schutzfrist/i.test(p.text))).toBe(true);
    await searchHelp(org.sales, { q: "  kulanz " });
    await searchHelp(org.sales, { q: "kulanz auf leads" });
    expect((await searchHelp(org.sales, { q: "Kulanz  auf   Leads" })).items).toEqual([]);
    expect((await searchHelp(org.sales, { q: "Kulanz" })).items).toEqual([]);
    await searchHelp(manager, { q: "Rechnungskopie" });
    const gaps = await contentGaps(manager);
    // Counted by the normalised query; each shows its latest wording, as typed (single spaces).
    expect(gaps.slice(0, 3).map((g) => [g.query, g.wording, g.count])).toEqual([
      ["kulanz", "Kulanz", 2],
      ["kulanz auf leads", "Kulanz auf Leads", 2],
      ["rechnungskopie", "Rechnungskopie", 1],
    ]);
    expect(await errorOf(contentGaps(org.sales))).toMatchObject({ kind: "forbidden" });
  });

  it("reads a typo as the word of the reader's articles it is one edit or two from, in the body too", async () => {
    // "Betriebsferien" stands only in the holds article's body; the old typo match knew titles alone.
    const body = await searchHelp(org.sales, { q: "Betriebsferein" });
    expect(body.items.map((i) => i.id)).toEqual([ids.holds]);
    expect(body.items[0].snippet.some((p) => p.hit && p.text === "Betriebsferien")).toBe(true);
    // A word no article holds is not bent into one that is too far from it.
    expect((await searchHelp(org.sales, { q: "Provision auszahlen" })).items).toEqual([]);
    // The playbook's words are not the partner's: no correction towards them, no hit.
    expect((await searchHelp(org.sales, { q: "Provisionsgrenzn" })).items).toEqual([]);
    expect((await searchHelp(manager, { q: "Provisionsgrenzn" })).items.map((i) => i.id)).toEqual([
      ids.playbook,
    ]);
    // Drafts and other organisations teach the vocabulary nothing; a published article does.
    const otherEditor = await addTenantMember(other, "help-b", "editor", "manager");
    const { id } = await createArticle(otherEditor, article({ title: "Tourenplanung", bodyMd: "Woanders." }));
    await transitionArticle(otherEditor, id, { action: "submit" });
    await transitionArticle(other.admin, id, { action: "publish" });
    expect([...(await withOrg(manager, (tx) => correctWords(tx, "fertik tourenplannung")))]).toEqual([]);
    expect([...(await withOrg(other.sales, (tx) => correctWords(tx, "tourenplannung")))]).toEqual([
      ["tourenplannung", "tourenplanung"],
    ]);
  });

  it("expands synonyms before the query", async () => {
    expect(await errorOf(addSynonym(org.sales, { term: "Kulanz", expansion: "Verlängerung" }))).toMatchObject(
      {
        kind: "forbidden",
      },
    );
    const synonym = await addSynonym(manager, { term: "Kulanz", expansion: "Verlängerung" });
    const found = await searchHelp(org.sales, { q: "Kulanz" });
    expect(found.expandedWith).toEqual(["Verlängerung"]);
    expect(found.items[0].id).toBe(ids.extension);
    await removeSynonym(manager, synonym.id);
    expect((await searchHelp(org.sales, { q: "Kulanz" })).items).toEqual([]);
  });

  it("snippets are plain text parts, whatever the article's Markdown holds", async () => {
    const id = await published(
      article({
        title: "Markup im Text",
        bodyMd: "Ein <script>alert(1)</script> Skript im Markup-Beispiel.",
      }),
    );
    const found = await searchHelp(manager, { q: "Markup" });
    const hit = found.items.find((i) => i.id === id)!;
    // ts_headline drops the tags; the rest is plain text, without the marks that delimit hits.
    const text = hit.snippet.map((p) => p.text).join("");
    expect(text).not.toMatch(/<script|[\u0002\u0003]/);
    expect(hit.snippet.filter((p) => p.hit).map((p) => p.text)).toContain("Markup");
  });
});

describe("contextual help and feedback", () => {
  it("falls back to the other language, marked, and records one vote per reader", async () => {
    const en = await contextHelp(org.sales, "leads.collaborators", "de");
    expect(en).toMatchObject({ fallback: true, article: { id: ids.collabEn, locale: "en" }, myVote: null });
    expect((await contextHelp(org.sales, "leads.holds", "de")).fallback).toBe(false);

    await recordFeedback(org.sales, ids.holds, { helpful: false, comment: "Beispiel fehlt" });
    await recordFeedback(org.sales, ids.holds, { helpful: true });
    await recordFeedback(manager, ids.holds, { helpful: false });
    expect((await contextHelp(org.sales, "leads.holds", "de")).myVote).toEqual({
      helpful: true,
      comment: null,
    });
    const holds = (await listArticles(manager, {})).find((a) => a.id === ids.holds)!;
    expect([holds.helpful, holds.votes]).toEqual([1, 2]);
    expect(await errorOf(recordFeedback(org.sales, ids.draft, { helpful: true }))).toMatchObject({
      kind: "not_found",
    });
  });
});

describe("the demo's help content", () => {
  // The help keys the pages carry (HelpButton): each has a published article in both languages.
  const PAGE_KEYS = [
    "leads.list",
    "leads.protection.timeline",
    "leads.holds",
    "leads.extensions",
    "leads.collaborators",
    "ai.dashboard",
    "settings",
    "settings.tokens",
  ];

  it("publishes every article once, explains every key the pages carry in German and English, finds by synonym", async () => {
    const demo = await createTenant("help-demo");
    const demoManager = await addTenantMember(demo, "help-demo", "manager", "manager");
    expect(await seedHelp(demo.admin, demoManager, demo.sales)).toEqual({ articles: DEMO_ARTICLES.length });
    expect(await seedHelp(demo.admin, demoManager, demo.sales)).toEqual({ articles: 0 });
    for (const key of PAGE_KEYS) {
      for (const locale of ["de", "en"] as const) {
        const help = await contextHelp(demo.sales, key, locale);
        expect([key, locale, help.article?.locale, help.article?.space]).toEqual([
          key,
          locale,
          locale,
          "enduser",
        ]);
      }
    }
    const found = await searchHelp(demo.sales, { q: "Schutzfirst", locale: "de" });
    expect(found.items[0].title).toBe("So läuft die Schutzfrist");
    expect((await contentGaps(demoManager))[0]).toMatchObject({ query: "provision auszahlen", count: 3 });
  });
});
