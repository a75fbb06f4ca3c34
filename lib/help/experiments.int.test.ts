import { beforeAll, describe, expect, it } from "vitest";

import * as resultsRoute from "@/app/api/v1/help/experiments/[id]/results/route";
import * as transitionsRoute from "@/app/api/v1/help/experiments/[id]/transitions/route";
import * as experimentsRoute from "@/app/api/v1/help/experiments/route";
import { asSuperuser } from "@/test/pg";
import { addTenantMember, createTenant, type TestTenant } from "@/test/tenants";

import { createToken } from "@/lib/auth/tokens";
import { systemContext, withOrg, type MemberContext } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { assignArm } from "./ab-stats";
import { seedHelpExperiments } from "./experiment-demo";
import {
  applyStopRules,
  createExperiment,
  experimentResults,
  showArticle,
  transitionExperiment,
} from "./experiments";
import { contextHelp, createArticle, listArticles, searchHelp, transitionArticle } from "./service";

// Help A/B tests against the real PostgreSQL: a reader's version is sticky and their exposure is
// logged once, only when the article is shown; a partner reads no results and no one else's
// exposure; the outcomes are counted from seeded rows (helpful after the exposure, no question
// within 24 h); the stop job stops a decided experiment; a skewed split is flagged.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies under test

let org: TestTenant;
let manager: MemberContext;
const tokens: Record<string, string> = {};

/** A published enduser article (written by the manager, published by the admin). */
async function published(title: string, helpKeys: string[] = []): Promise<string> {
  const { id } = await createArticle(manager, {
    space: "enduser",
    locale: "de",
    title,
    bodyMd: `Text: ${title}`,
    tags: [],
    helpKeys,
  });
  await transitionArticle(manager, id, { action: "submit" });
  await transitionArticle(org.admin, id, { action: "publish" });
  return id;
}

/** A running experiment: control against one variant, 1:1 unless told. */
async function running(articleId: string, over: { minExposuresPerArm?: number; days?: number } = {}) {
  const experiment = await createExperiment(manager, {
    articleId,
    name: "Kürzer erklärt",
    days: over.days ?? 14,
    minExposuresPerArm: over.minExposuresPerArm ?? 200,
    winProbability: 0.95,
    controlWeight: 1,
    variants: [{ label: "Kurz", title: "Kurz erklärt", bodyMd: "Die kurze Fassung.", weight: 1 }],
  });
  await transitionExperiment(manager, experiment.id, { action: "start" });
  return experiment.id;
}

/** `n` sales partners of the organisation, made directly (the counts need more readers than a test makes by hand). */
async function readers(n: number, prefix: string): Promise<string[]> {
  return asSuperuser(async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO app_user (email, name)
       SELECT $1 || i || '@help-ab.example', 'Leser ' || i FROM generate_series(1, $2::int) i RETURNING id`,
      [prefix, n],
    );
    await client.query(
      `INSERT INTO membership (org_id, user_id, role) SELECT $1, unnest($2::uuid[]), 'sales'`,
      [org.orgId, rows.map((r) => r.id)],
    );
    return rows.map((r) => r.id);
  });
}

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);

async function seed(sql: string, params: unknown[]) {
  await asSuperuser((client) => client.query(sql, params));
}
const expose = (experimentId: string, arm: number, users: string[], at: Date) =>
  seed(
    `INSERT INTO help_exposure (org_id, experiment_id, arm, user_id, first_shown_at)
     SELECT $1, $2, $3, unnest($4::uuid[]), $5`,
    [org.orgId, experimentId, arm, users, at],
  );
const vote = (articleId: string, users: string[], helpful: boolean, at: Date) =>
  seed(
    `INSERT INTO help_feedback (org_id, article_id, user_id, helpful, created_at)
     SELECT $1, $2, unnest($3::uuid[]), $4, $5`,
    [org.orgId, articleId, users, helpful, at],
  );
const ask = (users: string[], at: Date) =>
  seed(
    `INSERT INTO help_question (org_id, user_id, question, locale, answered_by, covered, created_at)
     SELECT $1, unnest($2::uuid[]), 'Wie?', 'de', 'search', false, $3`,
    [org.orgId, users, at],
  );

const errorOf = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error.kind;
    throw error;
  }
  return null;
};

async function get(handler: typeof resultsRoute.GET, token: string, url: string, params: object) {
  const response = await handler(
    new Request(`http://localhost/api/v1${url}`, { headers: { authorization: `Bearer ${token}` } }),
    { params: Promise.resolve(params) },
  );
  return { status: response.status, body: (await response.json()) as Json };
}

beforeAll(async () => {
  org = await createTenant("help-ab");
  manager = await addTenantMember(org, "help-ab", "manager", "manager");
  for (const [name, ctx] of Object.entries({ sales: org.sales, manager }))
    tokens[name] = (await createToken(ctx, { name: "t", expiresInDays: 1 })).token;
});

describe("serving an article under test", () => {
  it("shows each reader their sticky arm and logs the exposure once, only when the article is shown", async () => {
    const articleId = await published("Wie die Schutzfrist läuft", ["leads.protection.timeline"]);
    const experimentId = await running(articleId);
    const partner2 = await addTenantMember(org, "help-ab", "partner2", "sales");
    const exposures = () =>
      withOrg(manager, (tx) =>
        tx.helpExposure.findMany({ where: { experimentId }, select: { userId: true, arm: true } }),
      );

    // The list and the search return it without showing it: no exposure.
    await listArticles(org.sales, {});
    await searchHelp(org.sales, { q: "Schutzfrist" });
    expect(await exposures()).toEqual([]);

    for (const reader of [org.sales, partner2]) {
      const arm = assignArm(experimentId, reader.userId, [1, 1]);
      const first = await contextHelp(reader, "leads.protection.timeline", "de");
      const again = await contextHelp(reader, "leads.protection.timeline", "de");
      const page = await showArticle(reader, articleId);
      const title = arm === 1 ? "Kurz erklärt" : "Wie die Schutzfrist läuft";
      expect([first.article?.title, again.article?.title, page.title]).toEqual([title, title, title]);
      expect(first.article?.id).toBe(articleId);
    }
    const logged = await exposures();
    expect(logged).toHaveLength(2);
    expect(logged.map((e) => [e.userId, e.arm]).sort()).toEqual(
      [org.sales, partner2].map((r) => [r.userId, assignArm(experimentId, r.userId, [1, 1])]).sort(),
    );
  });
});

describe("a partner", () => {
  it("reads no results and no one else's exposure, and logs no exposure but their own", async () => {
    const articleId = await published("Pausen anhalten");
    const experimentId = await running(articleId);
    const [stranger] = await readers(1, "stranger");
    await expose(experimentId, 0, [stranger], hoursAgo(1));
    await showArticle(org.sales, articleId);

    expect(await errorOf(experimentResults(org.sales, experimentId))).toBe("forbidden");
    const viaRest = await get(resultsRoute.GET, tokens.sales, `/help/experiments/${experimentId}/results`, {
      id: experimentId,
    });
    expect(viaRest.status).toBe(403);
    expect((await get(experimentsRoute.GET, tokens.sales, "/help/experiments", {})).status).toBe(403);

    const seen = await withOrg(
      org.sales,
      (tx) =>
        tx.$queryRaw<{ user_id: string }[]>`
        SELECT user_id::text FROM help_exposure WHERE experiment_id = ${experimentId}::uuid`,
    );
    expect(seen.map((r) => r.user_id)).toEqual([org.sales.userId]);
    const forged = await withOrg(org.sales, (tx) =>
      tx.$executeRaw`INSERT INTO help_exposure (org_id, experiment_id, arm, user_id)
                     VALUES (${org.orgId}::uuid, ${experimentId}::uuid, 1, ${stranger}::uuid)`.then(
        () => "accepted",
        () => "refused",
      ),
    );
    expect(forged).toBe("refused");
    // A draft experiment is invisible to them, arms and all.
    const draft = await createExperiment(manager, {
      articleId,
      name: "Entwurf",
      days: 7,
      minExposuresPerArm: 100,
      winProbability: 0.95,
      controlWeight: 1,
      variants: [{ label: "B", title: "B", bodyMd: "B", weight: 1 }],
    });
    const visible = await withOrg(org.sales, async (tx) => [
      await tx.helpExperiment.count({ where: { id: draft.id } }),
      await tx.helpExperimentArm.count({ where: { experimentId: draft.id } }),
    ]);
    expect(visible).toEqual([0, 0]);

    const managerView = await get(
      resultsRoute.GET,
      tokens.manager,
      `/help/experiments/${experimentId}/results`,
      {
        id: experimentId,
      },
    );
    expect(managerView.status).toBe(200);
    // The stranger's exposure (control) and the partner's own, in the arm their hash gives.
    const own = assignArm(experimentId, org.sales.userId, [1, 1]);
    expect(managerView.body.helpful.map((a: Json) => a.exposures)).toEqual(own === 0 ? [2, 0] : [1, 1]);
  });
});

describe("the results", () => {
  it("count helpful votes after the first exposure and deflection within 24 h of it", async () => {
    const articleId = await published("Verlängerung beantragen");
    const experimentId = await running(articleId);
    const a = await readers(6, "out-a"); // control
    const b = await readers(4, "out-b"); // variant
    await expose(experimentId, 0, a, hoursAgo(48));
    await expose(experimentId, 1, b.slice(0, 3), hoursAgo(30));
    await expose(experimentId, 1, b.slice(3), hoursAgo(2)); // its 24 h are not over: not in the deflection
    await vote(articleId, a.slice(0, 2), true, hoursAgo(47)); // helpful after the exposure
    await vote(articleId, a.slice(2, 3), false, hoursAgo(47)); // not helpful
    await vote(articleId, b.slice(0, 2), true, hoursAgo(29));
    await vote(articleId, b.slice(2, 3), true, hoursAgo(40)); // before the exposure: not counted
    await ask(a.slice(0, 1), hoursAgo(40)); // within 24 h: not deflected
    await ask(a.slice(1, 2), hoursAgo(10)); // after 24 h: still deflected
    await ask(b.slice(0, 1), hoursAgo(31)); // before the exposure: still deflected
    await ask(b.slice(1, 2), hoursAgo(20)); // within 24 h (at 10 h): not deflected

    const results = await experimentResults(manager, experimentId);
    expect(results.helpful.map((r) => [r.position, r.exposures, r.conversions])).toEqual([
      [0, 6, 2],
      [1, 4, 2],
    ]);
    expect(results.deflection.map((r) => [r.position, r.exposures, r.conversions])).toEqual([
      [0, 6, 5],
      [1, 3, 2],
    ]);
    expect(results.helpful[0].probabilityToBeat).toBeNull();
    expect(results.helpful[1].probabilityToBeat).toBeGreaterThan(0.5);
    expect(results.stopRule).toEqual({ stop: false, reason: "collecting", winner: null });
  });

  it("flag a skewed split as a sample-ratio mismatch", async () => {
    const articleId = await published("Mitarbeitende hinzufügen");
    const experimentId = await running(articleId);
    const users = await readers(240, "srm");
    await expose(experimentId, 0, users.slice(0, 150), hoursAgo(30));
    await expose(experimentId, 1, users.slice(150), hoursAgo(30));
    const { srm } = await experimentResults(manager, experimentId);
    expect(srm.mismatch).toBe(true);
    expect(srm.pValue).toBeLessThan(0.001);
  });
});

describe("the stop job", () => {
  it("stops an experiment its rule has decided, with the winner, audited; an undecided one runs on", async () => {
    const decidedArticle = await published("Der KI-Steckbrief");
    const decided = await running(decidedArticle, { minExposuresPerArm: 50 });
    const openArticle = await published("Zugriffstoken anlegen");
    const open = await running(openArticle, { minExposuresPerArm: 50 });
    const users = await readers(120, "stop");
    await expose(decided, 0, users.slice(0, 60), hoursAgo(30));
    await expose(decided, 1, users.slice(60), hoursAgo(30));
    await vote(decidedArticle, users.slice(0, 12), true, hoursAgo(29)); // control 12/60
    await vote(decidedArticle, users.slice(60, 96), true, hoursAgo(29)); // variant 36/60
    await expose(open, 0, users.slice(0, 10), hoursAgo(30));
    await expose(open, 1, users.slice(10, 20), hoursAgo(30));

    const system = { ...systemContext("help-experiments-stop"), orgId: org.orgId };
    const stopped = await withOrg(system, (tx) => applyStopRules(tx, system));
    expect(stopped).toBe(1);
    const rows = await withOrg(manager, (tx) =>
      tx.helpExperiment.findMany({
        where: { id: { in: [decided, open] } },
        select: { id: true, status: true, stoppedReason: true, winnerArm: true },
      }),
    );
    expect(rows.find((r) => r.id === decided)).toMatchObject({
      status: "STOPPED",
      stoppedReason: "winner",
      winnerArm: 1,
    });
    expect(rows.find((r) => r.id === open)?.status).toBe("RUNNING");
    const audited = await withOrg(org.admin, (tx) =>
      tx.auditEvent.count({ where: { action: "help.experiment.stopped", resourceId: decided } }),
    );
    expect(audited).toBe(1);
    // Stopped: readers see the article's own text again, and no exposure is logged.
    const page = await showArticle({ ...org.sales, userId: users[100] }, decidedArticle);
    expect(page.title).toBe("Der KI-Steckbrief");
  });
});

describe("an editor", () => {
  it("creates (Idempotency-Key), starts and stops a test by REST; the wrong step is a 409, another organisation's a 404", async () => {
    const articleId = await published("Kollegen einbinden");
    const post = async (url: string, body: unknown, key?: string) => {
      const handler = url.endsWith("/transitions") ? transitionsRoute.POST : experimentsRoute.POST;
      const id = url.split("/")[3];
      const response = await handler(
        new Request(`http://localhost/api/v1${url}`, {
          method: "POST",
          headers: {
            authorization: `Bearer ${tokens.manager}`,
            "content-type": "application/json",
            ...(key ? { "idempotency-key": key } : {}),
          },
          body: JSON.stringify(body),
        }),
        { params: Promise.resolve({ id }) },
      );
      return { status: response.status, body: (await response.json()) as Json };
    };
    const input = {
      articleId,
      name: "Mit Bild",
      variants: [{ label: "Bild", title: "Kollegen einbinden – so geht's", bodyMd: "Schritt für Schritt." }],
    };
    const created = await post("/help/experiments", input, "ab-create-1");
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: "DRAFT", minExposuresPerArm: 200, winProbability: 0.95 });
    expect(created.body.arms.map((a: Json) => [a.position, a.title])).toEqual([
      [0, null],
      [1, "Kollegen einbinden – so geht's"],
    ]);
    const replayed = await post("/help/experiments", input, "ab-create-1");
    expect(replayed.body.id).toBe(created.body.id);
    const id = created.body.id as string;
    expect((await post(`/help/experiments/${id}/transitions`, { action: "stop" })).status).toBe(409);
    expect((await post(`/help/experiments/${id}/transitions`, { action: "start" })).body.status).toBe(
      "RUNNING",
    );
    expect((await post(`/help/experiments/${id}/transitions`, { action: "start" })).status).toBe(409);

    const stranger = await createTenant("help-ab-other");
    expect(await errorOf(experimentResults(stranger.admin, id))).toBe("not_found");

    const stopped = await post(`/help/experiments/${id}/transitions`, { action: "stop", winnerArm: 1 });
    expect(stopped.body).toMatchObject({ status: "STOPPED", stoppedReason: "manual", winnerArm: 1 });
    // Recorded, not published: the article still says what it said.
    expect((await showArticle(org.sales, articleId)).title).toBe("Kollegen einbinden");
  });
});

describe("the demo", () => {
  it("has a finished test with a winner and a running one with a sample-ratio mismatch", async () => {
    const demo = await createTenant("help-ab-demo");
    const demoManager = await addTenantMember(demo, "help-ab-demo", "manager", "manager");
    for (const slug of ["schutzfrist", "unterbrechungen"]) {
      const { id } = await createArticle(demoManager, {
        space: "enduser",
        locale: "de",
        slug,
        title: slug,
        bodyMd: slug,
        tags: [],
        helpKeys: [],
      });
      await transitionArticle(demoManager, id, { action: "submit" });
      await transitionArticle(demo.admin, id, { action: "publish" });
    }
    expect(await seedHelpExperiments(demo.admin, demoManager)).toEqual({ experiments: 2, readers: 240 });
    const byName = Object.fromEntries(
      await Promise.all(
        (
          await withOrg(demoManager, (tx) => tx.helpExperiment.findMany({ select: { id: true, name: true } }))
        ).map(async (e) => [e.name, await experimentResults(demoManager, e.id)] as const),
      ),
    );
    const finished = byName["Kürzere Schutzfrist-Erklärung"];
    expect(finished.experiment).toMatchObject({ status: "STOPPED", stoppedReason: "winner", winnerArm: 1 });
    expect(finished.srm.mismatch).toBe(false);
    expect(finished.deflection.map((a) => [a.exposures, a.conversions])).toEqual([
      [120, 80],
      [120, 100],
    ]);
    const skewed = byName["Unterbrechungen mit Beispiel"];
    expect(skewed.experiment.status).toBe("RUNNING");
    expect(skewed.srm.mismatch).toBe(true);
    // Run twice, it adds nothing.
    expect(await seedHelpExperiments(demo.admin, demoManager)).toEqual({ experiments: 0, readers: 0 });
  });
});
