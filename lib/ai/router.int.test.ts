import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import {
  FAKE_API_KEY,
  startFakeAnthropic,
  startFakeOpenAI,
  type FakeProvider,
} from "@/test/fakes/ai-providers";
import { setTestEnv } from "@/test/env";
import { rejectionOf } from "@/test/errors";
import { asSuperuser } from "@/test/pg";
import { createTenant, type TestTenant } from "@/test/tenants";

import { withOrg } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { routeAi, type RouterOptions } from "./router";
import { askAi } from "./service";
import { CircuitBreaker, createAnthropicClient, createOpenAiClient, withBreaker } from "./providers";
import type { TAiProvider } from "./types";

// The router end to end: the real SDKs against the fake providers on 127.0.0.1, the real budget,
// cache and call log in PostgreSQL. What a caller gets, what left the building, what was charged.

// The 200 concurrent calls below each open a few short transactions: enough connections that they
// queue for the budget's row lock, not for the pool.
setTestEnv({ DATABASE_POOL_MAX: "20" });

let fakes: Record<TAiProvider, FakeProvider>;
let tenant: TestTenant;
let options: RouterOptions;

const MODELS = {
  openai: { small: "gpt-4o-mini", large: "gpt-4o" },
  anthropic: { small: "claude-haiku-4-5", large: "claude-sonnet-4-5" },
};

/** Clients against the fakes with fresh breakers: the production clients, only the base URL differs. */
function clients(): RouterOptions {
  const common = { apiKey: FAKE_API_KEY, timeoutMs: 2_000, maxRetries: 0 };
  return {
    clients: {
      openai: withBreaker(
        createOpenAiClient({ baseURL: fakes.openai.url, models: MODELS.openai, ...common }),
        new CircuitBreaker("openai"),
      ),
      anthropic: withBreaker(
        createAnthropicClient({ baseURL: fakes.anthropic.url, models: MODELS.anthropic, ...common }),
        new CircuitBreaker("anthropic"),
      ),
    },
    order: ["openai", "anthropic"],
  };
}

const BRIEF = { companyName: "Kantine Süd", city: "München", activities: [] };
const FEEDBACK = { comment: "Die Lieferung kam pünktlich, das Gemüse war frisch. Danke!", rating: 5 };
const positive = (confidence: number) => ({ sentiment: "positive", topics: ["Lieferzeit"], confidence });
const modelOf = (fake: FakeProvider, i: number) => fake.requests[i].body.model;

async function calls(orgId: string) {
  const { rows } = await asSuperuser((c) =>
    c.query(
      `SELECT use_case, provider, model, tier, escalated, cache_hit, outcome, tokens_in, tokens_out,
              cost_eur::float8 AS cost_eur
       FROM ai_call WHERE org_id = $1 ORDER BY created_at`,
      [orgId],
    ),
  );
  return rows;
}

async function setOrgSetting(orgId: string, key: string, value: unknown) {
  await asSuperuser((c) =>
    c.query(
      `INSERT INTO setting_value (scope, org_id, key, value) VALUES ('org', $1, $2, $3::jsonb)
       ON CONFLICT ON CONSTRAINT setting_value_unique DO UPDATE SET value = EXCLUDED.value`,
      [orgId, key, JSON.stringify(value)],
    ),
  );
}

/** What the organisation has spent this month, as the budget keeps it. */
async function orgSpent(orgId: string): Promise<number> {
  const { rows } = await asSuperuser((c) =>
    c.query<{ spent: number }>(
      `SELECT spent_eur::float8 AS spent FROM ai_budget_org_month WHERE org_id = $1`,
      [orgId],
    ),
  );
  return rows[0]?.spent ?? 0;
}

beforeAll(async () => {
  fakes = { openai: await startFakeOpenAI(), anthropic: await startFakeAnthropic() };
});
afterAll(async () => {
  await Promise.all(Object.values(fakes).map((f) => f.close()));
});

let n = 0;
beforeEach(async () => {
  tenant = await createTenant(`router-${++n}`);
  options = clients();
  for (const fake of Object.values(fakes)) {
    fake.requests.length = 0;
    fake.respond = () => ({ output: positive(0.95), usage: { inputTokens: 1000, outputTokens: 100 } });
  }
});

describe("small first", () => {
  it("takes the small model's confident answer, charges its usage and logs the call", async () => {
    const answer = await routeAi(tenant.sales, { useCase: "feedback.sentiment", input: FEEDBACK }, options);
    expect(answer).toMatchObject({
      output: positive(0.95),
      provider: "openai",
      model: "gpt-4o-mini",
      tier: "small",
      escalated: false,
      cached: false,
    });
    expect(answer.confidence).toBeGreaterThan(0.9);
    // gpt-4o-mini at 0.14 / 0.55 EUR per million tokens: 1000 in, 100 out.
    expect(answer.costEur).toBeCloseTo((1000 * 0.14 + 100 * 0.55) / 1e6, 10);
    expect(fakes.openai.requests.map((_, i) => modelOf(fakes.openai, i))).toEqual(["gpt-4o-mini"]);
    expect(fakes.openai.requests[0].body.logprobs).toBe(true);
    expect(await calls(tenant.orgId)).toEqual([
      expect.objectContaining({
        use_case: "feedback.sentiment",
        provider: "openai",
        tier: "small",
        escalated: false,
        outcome: "ok",
        tokens_in: 1000,
        tokens_out: 100,
      }),
    ]);
  });

  it("escalates to the large model below the threshold, says why, and charges both", async () => {
    fakes.openai.respond = (req) =>
      req.body.model === "gpt-4o-mini"
        ? { output: positive(0.4), usage: { inputTokens: 1000, outputTokens: 100 } }
        : { output: positive(0.9), usage: { inputTokens: 1000, outputTokens: 100 } };
    const answer = await routeAi(tenant.sales, { useCase: "feedback.sentiment", input: FEEDBACK }, options);
    expect(answer).toMatchObject({ tier: "large", model: "gpt-4o", escalated: true });
    // 0.40 as reported, calibrated with the fake's (confident) log-probabilities: √(0.40 × ~1).
    expect(answer.escalationReason).toMatch(/^confidence 0\.6\d < threshold 0\.70$/);
    expect(fakes.openai.requests.map((_, i) => modelOf(fakes.openai, i))).toEqual(["gpt-4o-mini", "gpt-4o"]);
    const small = (1000 * 0.14 + 100 * 0.55) / 1e6;
    const large = (1000 * 2.3 + 100 * 9.2) / 1e6;
    expect(answer.costEur).toBeCloseTo(small + large, 10);
    expect(await calls(tenant.orgId)).toEqual([
      expect.objectContaining({ tier: "large", escalated: true, tokens_in: 2000, tokens_out: 200 }),
    ]);
  });

  it("follows the effective threshold: an org that trusts the small model more keeps its answer", async () => {
    fakes.openai.respond = () => ({ output: positive(0.6) });
    await setOrgSetting(tenant.orgId, "ai.routing.confidence.threshold", 0.5);
    const answer = await routeAi(tenant.sales, { useCase: "feedback.sentiment", input: FEEDBACK }, options);
    expect(answer).toMatchObject({ tier: "small", escalated: false });
  });

  it("calibrates with log-probabilities: a confident number on an unlikely label still escalates", async () => {
    const json = JSON.stringify(positive(0.95));
    fakes.openai.respond = (req) =>
      req.body.model === "gpt-4o-mini"
        ? {
            output: positive(0.95),
            // The label "positive" had probability 0.05; every other token is certain.
            logprobs: json.split(/(positive)/).map((token) => ({
              token,
              logprob: token === "positive" ? Math.log(0.05) : 0,
            })),
          }
        : { output: positive(0.9) };
    const answer = await routeAi(tenant.sales, { useCase: "feedback.sentiment", input: FEEDBACK }, options);
    expect(answer.escalated).toBe(true);
    expect(answer.escalationReason).toMatch(/^confidence 0\.22 < threshold 0\.70$/);
  });

  it("escalates when the small model's answer does not fit the schema", async () => {
    fakes.openai.respond = (req) =>
      req.body.model === "gpt-4o-mini" ? { output: { sentiment: "ecstatic" } } : { output: positive(0.9) };
    const answer = await routeAi(tenant.sales, { useCase: "feedback.sentiment", input: FEEDBACK }, options);
    expect(answer).toMatchObject({ tier: "large", escalated: true });
    expect(answer.escalationReason).toMatch(/small model failed: .*does not match/);
  });

  it("escalates when the small model answers prose instead of JSON, and charges the prose's tokens", async () => {
    fakes.openai.respond = (req) =>
      req.body.model === "gpt-4o-mini"
        ? { text: "Klingt zufrieden.", usage: { inputTokens: 1000, outputTokens: 100 } }
        : { output: positive(0.9), usage: { inputTokens: 1000, outputTokens: 100 } };
    const answer = await routeAi(tenant.sales, { useCase: "feedback.sentiment", input: FEEDBACK }, options);
    expect(answer).toMatchObject({ tier: "large", model: "gpt-4o", escalated: true });
    expect(answer.escalationReason).toMatch(/small model failed: .*gpt-4o-mini.* not valid JSON/);
    // The unusable answer used tokens all the same: both calls are charged, and no other provider asked.
    expect(answer.costEur).toBeCloseTo((1000 * 0.14 + 100 * 0.55 + 1000 * 2.3 + 100 * 9.2) / 1e6, 10);
    expect(answer.attempts).toEqual([
      { provider: "openai", model: "gpt-4o-mini", failure: "invalid_output" },
      { provider: "openai", model: "gpt-4o", failure: null },
    ]);
    expect(fakes.anthropic.requests).toHaveLength(0);
  });
});

describe("large use cases", () => {
  it("go to the large model at once, without log-probabilities", async () => {
    fakes.openai.respond = () => ({
      output: { summary: "Kantine", opportunities: ["Frischgemüse"], risks: [], nextSteps: ["Muster"] },
    });
    const answer = await routeAi(
      tenant.sales,
      { useCase: "lead.brief", input: { companyName: "Kantine Nord", city: "Hamburg", activities: [] } },
      options,
    );
    expect(answer).toMatchObject({ tier: "large", model: "gpt-4o", escalated: false, confidence: null });
    expect(fakes.openai.requests[0].body.logprobs).toBeUndefined();
  });
});

describe("failover", () => {
  it("answers from the other provider's same tier when the first fails, and shows who answered", async () => {
    fakes.openai.respond = () => ({ status: 503 });
    const answer = await routeAi(tenant.sales, { useCase: "feedback.sentiment", input: FEEDBACK }, options);
    expect(answer).toMatchObject({ provider: "anthropic", model: "claude-haiku-4-5", tier: "small" });
    expect(answer.attempts).toEqual([
      { provider: "openai", model: "gpt-4o-mini", failure: "server" },
      { provider: "anthropic", model: "claude-haiku-4-5", failure: null },
    ]);
  });

  it("is a 503 problem when no provider answers, logged as an error, with nothing charged", async () => {
    for (const fake of Object.values(fakes)) fake.respond = () => ({ status: 500 });
    const failure = await routeAi(tenant.sales, { useCase: "lead.brief", input: BRIEF }, options).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).status).toBe(503);
    expect(await calls(tenant.orgId)).toEqual([expect.objectContaining({ outcome: "error", cost_eur: 0 })]);
    const { rows } = await asSuperuser((c) =>
      c.query(
        `SELECT spent_eur::float8 AS spent, reserved_eur::float8 AS reserved FROM ai_budget_org_month WHERE org_id = $1`,
        [tenant.orgId],
      ),
    );
    expect(rows).toEqual([{ spent: 0, reserved: 0 }]);
  });

  it("says plainly when no provider is configured", async () => {
    const failure = await routeAi(
      tenant.sales,
      { useCase: "feedback.sentiment", input: FEEDBACK },
      { clients: {} },
    ).catch((e: unknown) => e);
    expect((failure as AppError).status).toBe(503);
    expect((failure as AppError).message).toMatch(/not configured.*OPENAI_API_KEY or ANTHROPIC_API_KEY/);
    expect(await calls(tenant.orgId)).toEqual([expect.objectContaining({ outcome: "not_configured" })]);
  });
});

describe("cache", () => {
  it("answers a repeated request from the cache for nothing, unless the caller opts out", async () => {
    const first = await routeAi(tenant.sales, { useCase: "feedback.sentiment", input: FEEDBACK }, options);
    // Same input, other spacing: the same question.
    const again = await routeAi(
      tenant.sales,
      { useCase: "feedback.sentiment", input: { ...FEEDBACK, comment: `  ${FEEDBACK.comment}  ` } },
      options,
    );
    expect(again).toMatchObject({ cached: true, costEur: 0, output: first.output, model: first.model });
    expect(fakes.openai.requests).toHaveLength(1);
    const fresh = await routeAi(
      tenant.sales,
      { useCase: "feedback.sentiment", input: FEEDBACK, noCache: true },
      options,
    );
    expect(fresh.cached).toBe(false);
    expect(fakes.openai.requests).toHaveLength(2);
    expect((await calls(tenant.orgId)).map((c) => c.cache_hit)).toEqual([false, true, false]);

    // Another organisation asking the same gets its own answer.
    const other = await createTenant(`router-other-${n}`);
    expect(
      (await routeAi(other.sales, { useCase: "feedback.sentiment", input: FEEDBACK }, options)).cached,
    ).toBe(false);
  });
});

describe("budget", () => {
  it("refuses a call that could exceed the cap with 402 before any provider is asked", async () => {
    await setOrgSetting(tenant.orgId, "ai.budget.monthly.cap", 0.0001);
    const failure = await routeAi(tenant.sales, { useCase: "lead.brief", input: BRIEF }, options).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).kind).toBe("ai_budget_exceeded");
    expect((failure as AppError).status).toBe(402);
    expect(fakes.openai.requests).toHaveLength(0);
    expect(fakes.anthropic.requests).toHaveLength(0);
    expect(await calls(tenant.orgId)).toEqual([expect.objectContaining({ outcome: "refused_budget" })]);
  });

  it(
    "holds the cap with 200 concurrent calls of dense text: overshoot at most one call's cost",
    { timeout: 180_000 },
    async () => {
      // Emoji, Chinese and numbers: a tokenizer makes several tokens of what is one or two characters,
      // and the fakes report usage the way it counts (test/fakes/ai-providers.ts). (Chinese in short
      // words: a long run of letters makes the PII scrubber's e-mail pattern quadratic.)
      const dense = {
        comment: `${"🍅🥦".repeat(600)} ${"新鲜蔬菜 送货上门 ".repeat(80)} ${"4711 0815 ".repeat(40)}`,
        rating: 3,
      };
      // One provider, so the reservation is priced at the model that answers (no cheaper model's
      // answer hides how far the estimate is off).
      const oneProvider: RouterOptions = { ...options, order: ["openai"] };
      for (const fake of Object.values(fakes)) fake.respond = () => ({ output: positive(0.95) });

      const first = await routeAi(
        tenant.sales,
        { useCase: "feedback.sentiment", input: dense, noCache: true },
        oneProvider,
      );
      const spentBefore = await orgSpent(tenant.orgId);
      const cap = spentBefore + 5 * first.costEur;
      await setOrgSetting(tenant.orgId, "ai.budget.monthly.cap", cap);

      fakes.openai.requests.length = 0;
      const outcomes = await Promise.allSettled(
        Array.from({ length: 200 }, () =>
          routeAi(tenant.sales, { useCase: "feedback.sentiment", input: dense, noCache: true }, oneProvider),
        ),
      );
      // What the organisation owes is what the provider answered (each answer costs the same as the
      // first), settled or not: on a busy machine a call may wait longer for a connection than
      // withOrg allows, after its answer arrived.
      const asked = fakes.openai.requests.length;
      const owed = spentBefore + asked * first.costEur;
      expect(owed - cap).toBeLessThanOrEqual(first.costEur);
      expect(asked).toBeGreaterThan(0);
      const refused = outcomes.filter(
        (o) =>
          o.status === "rejected" && o.reason instanceof AppError && o.reason.kind === "ai_budget_exceeded",
      );
      expect(refused.length).toBeGreaterThan(0);
      for (const outcome of outcomes) {
        if (outcome.status === "rejected" && !refused.includes(outcome)) {
          expect(String(outcome.reason)).toMatch(/Unable to start a transaction in the given time/);
        }
      }
    },
  );

  it("settles the actual cost and keeps nothing reserved", async () => {
    await routeAi(tenant.sales, { useCase: "feedback.sentiment", input: FEEDBACK }, options);
    const { rows } = await asSuperuser((c) =>
      c.query(
        `SELECT spent_eur::float8 AS spent, reserved_eur::float8 AS reserved FROM ai_budget_org_month WHERE org_id = $1`,
        [tenant.orgId],
      ),
    );
    expect(rows).toEqual([{ spent: expect.closeTo((1000 * 0.14 + 100 * 0.55) / 1e6, 10), reserved: 0 }]);
  });
});

describe("privacy", () => {
  it("sends no personal data out, and puts it back into the answer", async () => {
    await withOrg(tenant.admin, (tx) =>
      tx.lead.create({
        data: {
          orgId: tenant.orgId,
          companyName: "Hotel Ankerplatz",
          city: "Kiel",
          stage: 1,
          contactFirstName: "Jutta",
          contactLastName: "Brandhorst",
        },
      }),
    );
    const comment =
      "Frau Jutta Brandhorst (jutta.brandhorst@ankerplatz.example, 0431 5558123) lobt die Ware. IBAN DE89 3704 0044 0532 0130 00.";
    fakes.openai.respond = (req) => {
      const user = JSON.stringify(req.body.messages);
      const placeholder = /\[NAME_\d+\]/.exec(user)?.[0] ?? "?";
      return { output: { sentiment: "positive", topics: [`Lob von ${placeholder}`], confidence: 0.95 } };
    };
    const answer = await routeAi(
      tenant.admin,
      { useCase: "feedback.sentiment", input: { comment } },
      options,
    );
    const sent = fakes.openai.requests[0].rawBody;
    for (const secret of [
      "Jutta",
      "Brandhorst",
      "jutta.brandhorst@ankerplatz.example",
      "0431 5558123",
      "DE89 3704",
    ]) {
      expect(sent).not.toContain(secret);
    }
    expect((answer.output as { topics: string[] }).topics).toEqual(["Lob von Jutta Brandhorst"]);
  });
});

describe("askAi, the service's way in", () => {
  it("refuses a member who may not use AI before any model is asked or any call is logged", async () => {
    const auditor = { ...tenant.admin, roles: ["auditor"] };
    const refused = await rejectionOf(
      askAi(auditor, { useCase: "feedback.sentiment", input: FEEDBACK }, options),
    );
    expect((refused as AppError).kind).toBe("forbidden");
    expect(fakes.openai.requests).toHaveLength(0);
    expect(await calls(tenant.orgId)).toEqual([]);
  });

  it("routes a member's request like the router does", async () => {
    const answer = await askAi(tenant.sales, { useCase: "feedback.sentiment", input: FEEDBACK }, options);
    expect(answer).toMatchObject({ tier: "small", cached: false, escalated: false });
  });
});
