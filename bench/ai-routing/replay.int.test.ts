import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { FakeRequest } from "@/test/fakes/ai-providers";
import { startFakeProvidersAsEnv } from "@/test/fakes/ai-env";
import { asSuperuser } from "@/test/pg";
import { createTenant, type TestTenant } from "@/test/tenants";

import {
  formatSweep,
  isAnswered,
  observe,
  parseReplayFile,
  sweep,
  type Observation,
  type TReplayItem,
} from "./replay";

// The calibration replay (`npm run bench:ai-routing -- --replay`) against the fake providers set up
// as the environment sets up real ones: the same router path, both tiers per input, then the
// threshold sweep computed from the answers.

let providers: Awaited<ReturnType<typeof startFakeProvidersAsEnv>>;
let tenant: TestTenant;

beforeAll(async () => {
  providers = await startFakeProvidersAsEnv();
  tenant = await createTenant("replay");
});
afterAll(() => providers.close());

const feedback = (marker: string, expected?: string): TReplayItem => ({
  useCase: "feedback.sentiment",
  input: { comment: `Kommentar ${marker}: die Lieferung war so, wie sie war.` },
  ...(expected && { expected }),
});

// Per input: the small model's sentiment and self-reported confidence, the large model's sentiment.
// The fakes' log-probabilities are confident (≈1), so calibrated ≈ √(self-reported).
const SCRIPT: Record<string, { small: [string, number]; large: string }> = {
  ALPHA: { small: ["positive", 0.95], large: "positive" }, // ≈ 0.97, right
  BRAVO: { small: ["negative", 0.64], large: "positive" }, // ≈ 0.80, wrong
  CHARLIE: { small: ["neutral", 0.36], large: "neutral" }, // ≈ 0.60, right
  DELTA: { small: ["positive", 0.16], large: "negative" }, // ≈ 0.40, wrong
  ECHO: { small: ["negative", 0.81], large: "negative" }, // ≈ 0.90, no expected label
};
const USAGE = { inputTokens: 1000, outputTokens: 100 };
// gpt-4o-mini and gpt-4o in the seeded price table (EUR per million tokens).
const SMALL_EUR = (1000 * 0.14 + 100 * 0.55) / 1e6;
const LARGE_EUR = (1000 * 2.3 + 100 * 9.2) / 1e6;

function respond(request: FakeRequest) {
  const marker = Object.keys(SCRIPT).find((m) => request.rawBody.includes(`Kommentar ${m}`));
  const small = request.body.model === "gpt-4o-mini";
  if (!marker) return { text: "Das kann ich nicht beantworten.", usage: USAGE }; // prose: not the schema
  const script = SCRIPT[marker];
  const [sentiment, confidence] = small ? script.small : [script.large, 0.9];
  return { output: { sentiment, topics: [], confidence }, usage: USAGE };
}

describe("the calibration replay", () => {
  let observations: Observation[];
  const items = [
    feedback("ALPHA", "positive"),
    feedback("BRAVO", "positive"),
    feedback("CHARLIE", "neutral"),
    feedback("DELTA", "negative"),
    feedback("ECHO"),
    feedback("FOXTROT", "neutral"), // answered in prose: not answered
  ];

  beforeAll(async () => {
    providers.openai.respond = respond;
    providers.anthropic.respond = respond;
    observations = await observe(tenant.sales, items);
  });

  it("asks both tiers for every input, through the router, and never escalates on its own", async () => {
    const answered = observations.filter(isAnswered);
    expect(answered.map((o) => [o.small.label, o.large.label])).toEqual([
      ["positive", "positive"],
      ["negative", "positive"],
      ["neutral", "neutral"],
      ["positive", "negative"],
      ["negative", "negative"],
    ]);
    expect(answered.map((o) => Math.round(o.small.confidence * 100) / 100)).toEqual([
      0.97, 0.8, 0.6, 0.4, 0.9,
    ]);
    for (const o of answered) {
      expect(o.small).toMatchObject({ model: "gpt-4o-mini" });
      expect(o.small.costEur).toBeCloseTo(SMALL_EUR, 10);
      expect(o.large).toMatchObject({ model: "gpt-4o" });
      expect(o.large.costEur).toBeCloseTo(LARGE_EUR, 10);
    }
    // The unanswerable input: the small model's prose did not fit the schema; no large model was asked.
    expect(observations[5]).toEqual({
      item: items[5],
      failed: expect.stringMatching(/could not be used: .*gpt-4o-mini.* not valid JSON/),
    });
    const foxtrot = [...providers.openai.requests, ...providers.anthropic.requests].filter((r) =>
      r.rawBody.includes("Kommentar FOXTROT"),
    );
    expect(foxtrot.map((r) => r.body.model)).toEqual(["gpt-4o-mini"]);

    // Logged as every router call is: five small and five large answers, none escalated.
    const { rows } = await asSuperuser((c) =>
      c.query<{ tier: string; escalated: boolean; outcome: string; calls: number }>(
        `SELECT tier, escalated, outcome, count(*)::int AS calls FROM ai_call WHERE org_id = $1
         GROUP BY 1, 2, 3 ORDER BY 1, 3`,
        [tenant.orgId],
      ),
    );
    expect(rows).toEqual([
      { tier: "large", escalated: false, outcome: "ok", calls: 5 },
      { tier: "small", escalated: false, outcome: "invalid_output", calls: 1 },
      { tier: "small", escalated: false, outcome: "ok", calls: 5 },
    ]);
  });

  it("replays the routing decision at each threshold: share small, quality and cost against always-large", () => {
    const rows = sweep(observations, [0.5, 0.7, 0.95]);
    // Right: the expected label, or for ECHO the large model's. Always-large is right on all five.
    // 0.50 keeps ALPHA, BRAVO (wrong), CHARLIE, ECHO; 0.70 keeps ALPHA, BRAVO, ECHO; 0.95 ALPHA only.
    expect(
      rows.map((r) => ({ t: r.threshold, n: r.answered, small: r.smallShare, quality: r.quality })),
    ).toEqual([
      { t: 0.5, n: 5, small: 4 / 5, quality: 4 / 5 },
      { t: 0.7, n: 5, small: 3 / 5, quality: 4 / 5 },
      { t: 0.95, n: 5, small: 1 / 5, quality: 5 / 5 },
    ]);
    const cost = (kept: number) => 5 * SMALL_EUR + (5 - kept) * LARGE_EUR;
    expect(rows.map((r) => r.costEur)).toEqual([
      expect.closeTo(cost(4), 10),
      expect.closeTo(cost(3), 10),
      expect.closeTo(cost(1), 10),
    ]);
    expect(rows[0].alwaysLargeCostEur).toBeCloseTo(5 * LARGE_EUR, 10);
    expect(rows[0].saved).toBeCloseTo(1 - cost(4) / (5 * LARGE_EUR), 10);

    const printed = formatSweep(rows, 0.7);
    expect(printed[0]).toMatch(/^threshold\s+answered small\s+quality vs always-large/);
    expect(printed[2]).toMatch(/^\s+0\.70\s+60\.0%\s+80\.0%\s+.*← effective threshold$/);
    expect(printed.filter((l) => l.includes("←"))).toHaveLength(1);
  });
});

describe("replay files", () => {
  it("reads JSON Lines of {useCase, input, expected?}, skipping blank lines", () => {
    const text = [
      JSON.stringify({ useCase: "lead.classify", input: { companyName: "Mensa Nord" }, expected: "A|high" }),
      "",
      JSON.stringify({ useCase: "feedback.sentiment", input: { comment: "Gut." } }),
    ].join("\n");
    expect(parseReplayFile(text)).toEqual([
      { useCase: "lead.classify", input: { companyName: "Mensa Nord" }, expected: "A|high" },
      { useCase: "feedback.sentiment", input: { comment: "Gut." } },
    ]);
  });

  it("names the line of a bad entry: not JSON, a large use case, an unknown field", () => {
    expect(() => parseReplayFile('{"useCase": "lead.classify", "input": {}}\n{oops')).toThrow(
      /^line 2: not JSON$/,
    );
    expect(() => parseReplayFile('{"useCase": "lead.brief", "input": {}}')).toThrow(/^line 1: useCase: /);
    expect(() => parseReplayFile('{"useCase": "help.answer", "input": {}, "label": "x"}')).toThrow(
      /^line 1: item: /,
    );
  });
});
