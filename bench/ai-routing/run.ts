// AI-routing benchmark: the labelled German B2B set (dataset.ts, 240 items per small-first use
// case) through the real router — real SDKs, budget, cache and call log in PostgreSQL — against the
// fake providers, whose models answer by a scripted accuracy/confidence profile (profile.ts). It
// simulates the routing mechanics, not model quality. Prints cost and quality against always-large,
// the share answered small, the budget overshoot under 200 concurrent calls, and cached latency.
//
//   npm run bench:ai-routing                   (fresh freshplan_bench_ai on TEST_DATABASE_URL's server)
//   npm run bench:ai-routing -- --replay       (calibration: the same set against the providers the env
//                                              configures — OPENAI_* / ANTHROPIC_*; costs real money —
//                                              both tiers per input, the threshold sweep from real answers)
//   npm run bench:ai-routing -- --replay --file=calls.jsonl   (your own traffic: lines of
//                                              {useCase, input, expected?}; see replay.ts)
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";

import pg from "pg";

import {
  FAKE_API_KEY,
  startFakeAnthropic,
  startFakeOpenAI,
  type FakeRequest,
} from "@/test/fakes/ai-providers";

import { calibratedConfidence } from "@/lib/ai/confidence";
import { scrubPii } from "@/lib/ai/pii";
import { getUseCase, SMALL_FIRST_USE_CASES, type TSmallFirstUseCase } from "@/lib/ai/use-cases";
import type { TAiTier } from "@/lib/ai/types";

import { DATASET, ITEMS_PER_USE_CASE, type BenchItem } from "./dataset";
import { PROFILE, simulateAnswer } from "./profile";
import { createRng, seedOf } from "./random";
import { formatSweep, observe, parseReplayFile, sweep, type Observation, type TReplayItem } from "./replay";

const root = path.resolve(import.meta.dirname, "../..");
const server = new URL(
  process.env.TEST_DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:5432/postgres",
);
const benchUrl = new URL(server);
benchUrl.pathname = "/freshplan_bench_ai";
const replay = process.argv.includes("--replay");
const file = process.argv.find((a) => a.startsWith("--file="))?.split("=")[1];
const THRESHOLDS = [0.5, 0.6, 0.7, 0.8, 0.9];
/** ai.routing.confidence.threshold's default (lib/settings/registry.ts); the bench sets no other. */
const DEFAULT_THRESHOLD = 0.7;

const MODELS = {
  openai: { small: "gpt-4o-mini", large: "gpt-4o" },
  anthropic: { small: "claude-haiku-4-5", large: "claude-sonnet-4-5" },
};
/** EUR per million tokens of the seeded price table (sql/migrations/20261129170000_ai_router.sql). */
const PRICE = { small: { in: 0.14, out: 0.55 }, large: { in: 2.3, out: 9.2 } };
const priced = (tier: TAiTier, usage: { inputTokens: number; outputTokens: number }) =>
  (usage.inputTokens * PRICE[tier].in + usage.outputTokens * PRICE[tier].out) / 1e6;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function freshDatabase() {
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query("DROP DATABASE IF EXISTS freshplan_bench_ai WITH (FORCE)");
  await admin.query("CREATE DATABASE freshplan_bench_ai");
  await admin.end();
  execFileSync("node", [path.join(root, "scripts/migrate.mjs"), "up", "--url", benchUrl.toString()], {
    stdio: "ignore",
  });
}

async function setOrgCap(orgId: string, eur: number) {
  const client = new pg.Client({ connectionString: benchUrl.toString() });
  await client.connect();
  await client.query(
    `INSERT INTO setting_value (scope, org_id, key, value) VALUES ('org', $1, 'ai.budget.monthly.cap', $2::jsonb)
     ON CONFLICT ON CONSTRAINT setting_value_unique DO UPDATE SET value = EXCLUDED.value`,
    [orgId, JSON.stringify(eur)],
  );
  const spent = await client.query<{ spent: number }>(
    `SELECT coalesce(sum(spent_eur), 0)::float8 AS spent FROM ai_budget_org_month WHERE org_id = $1`,
    [orgId],
  );
  await client.end();
  return spent.rows[0].spent;
}

/** The user message a request carries, whichever provider's wire format. */
function userText(request: FakeRequest): string {
  const messages = (request.body.messages ?? []) as { role: string; content: unknown }[];
  const user = messages.filter((m) => m.role === "user").at(-1)?.content;
  if (typeof user === "string") return user;
  return Array.isArray(user) ? user.map((b: { text?: string }) => b.text ?? "").join("") : "";
}

function tierOf(model: unknown): TAiTier {
  return model === MODELS.openai.small || model === MODELS.anthropic.small ? "small" : "large";
}

async function main() {
  await freshDatabase();
  process.env.DATABASE_URL = benchUrl.toString();
  process.env.DATABASE_POOL_MAX = "20";
  process.env.AUTH_SECRET ??= "bench-only-secret-0123456789abcdefghij";
  process.env.AUDIT_CHAIN_KEY ??= "bench-only-audit-chain-key-0123456789abcdef";

  if (file && !replay) {
    console.error("--file gives inputs to replay against real providers: use it with --replay.");
    process.exit(2);
  }
  if (replay && !process.env.OPENAI_API_KEY && !process.env.ANTHROPIC_API_KEY) {
    console.error("--replay asks real providers: set OPENAI_API_KEY and/or ANTHROPIC_API_KEY.");
    process.exit(2);
  }
  const items: BenchItem[] = [...DATASET];
  // The fakes recognise an item by the prompt the router sends: its rendered, scrubbed input.
  const byPrompt = new Map<string, BenchItem>();
  for (const item of items) {
    const text = getUseCase(item.useCase).render(item.input as never);
    byPrompt.set(scrubPii(text).text, item);
  }
  const simulate = (request: FakeRequest) => {
    const item = byPrompt.get(userText(request));
    if (!item) return { status: 400, body: { error: { message: "unknown prompt" } } };
    const tier = tierOf(request.body.model);
    const answer = simulateAnswer({ item, tier, rng: createRng(seedOf(`${item.id}:${tier}`)) });
    return { output: answer.output as object, logprobs: answer.logprobs, usage: answer.usage };
  };
  const fakes = replay ? null : { openai: await startFakeOpenAI(), anthropic: await startFakeAnthropic() };
  if (fakes) {
    fakes.openai.respond = simulate;
    fakes.anthropic.respond = simulate;
    Object.assign(process.env, {
      OPENAI_API_KEY: FAKE_API_KEY,
      OPENAI_BASE_URL: fakes.openai.url,
      ANTHROPIC_API_KEY: FAKE_API_KEY,
      ANTHROPIC_BASE_URL: fakes.anthropic.url,
    });
  }

  const { addMember, createOrganization } = await import("@/lib/auth/service");
  const { routeAi } = await import("@/lib/ai/router");
  const { disconnect } = await import("@/lib/db");
  const org = await createOrganization({ name: "AI Bench", slug: "ai-bench" });
  const member = await addMember({
    email: "partner@ai-bench.example",
    name: "Partner",
    orgSlug: "ai-bench",
    role: "sales",
    locale: "de",
  });
  const ctx = { orgId: org.id, userId: member.userId, roles: ["sales"] };
  await setOrgCap(ctx.orgId, 1_000_000);

  if (replay) {
    const inputs: TReplayItem[] = file ? parseReplayFile(readFileSync(file, "utf8")) : items;
    await runReplay(ctx, inputs);
    await disconnect();
    return;
  }

  console.log(
    `simulated models (profile.ts): small right on ${PROFILE.small.accuracy.easy * 100}% of easy and ` +
      `${PROFILE.small.accuracy.hard * 100}% of hard items, large on ${PROFILE.large.accuracy * 100}%; ` +
      `${ITEMS_PER_USE_CASE} items per use case, threshold ${DEFAULT_THRESHOLD.toFixed(2)} (default)`,
  );

  // 1. Routing: every item once through the router, against always-large.
  const rows: {
    useCase: TSmallFirstUseCase;
    n: number;
    small: number;
    right: number;
    largeRight: number;
    cost: number;
    largeCost: number;
  }[] = [];
  const started = performance.now();
  for (const useCase of SMALL_FIRST_USE_CASES) {
    const row = { useCase, n: 0, small: 0, right: 0, largeRight: 0, cost: 0, largeCost: 0 };
    const definition = getUseCase(useCase);
    for (const item of items.filter((i) => i.useCase === useCase)) {
      const answer = await routeAi(ctx, { useCase, input: item.input, noCache: true });
      row.n += 1;
      row.cost += answer.costEur;
      if (answer.tier === "small") row.small += 1;
      if ((definition.label as (o: unknown) => string)(answer.output) === item.expected) row.right += 1;
      // Always-large: what the large model alone answers and costs for the same item.
      const large = simulateAnswer({ item, tier: "large", rng: createRng(seedOf(`${item.id}:large`)) });
      row.largeCost += priced("large", large.usage);
      if ((definition.label as (o: unknown) => string)(large.output) === item.expected) row.largeRight += 1;
    }
    rows.push(row);
  }
  const seconds = (performance.now() - started) / 1000;
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  console.log(
    "\nuse case              items  small   quality  always-large  cost (EUR)   always-large  saved",
  );
  const total = { n: 0, small: 0, right: 0, largeRight: 0, cost: 0, largeCost: 0 };
  for (const r of rows) {
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += r[k];
    console.log(
      `${r.useCase.padEnd(20)} ${String(r.n).padStart(6)} ${pct(r.small / r.n).padStart(6)} ${pct(r.right / r.n).padStart(9)} ` +
        `${pct(r.largeRight / r.n).padStart(13)} ${r.cost.toFixed(4).padStart(11)} ${r.largeCost.toFixed(4).padStart(14)} ${pct(1 - r.cost / r.largeCost).padStart(6)}`,
    );
  }
  const quality = total.right / total.largeRight;
  console.log(
    `${"all".padEnd(20)} ${String(total.n).padStart(6)} ${pct(total.small / total.n).padStart(6)} ${pct(total.right / total.n).padStart(9)} ` +
      `${pct(total.largeRight / total.n).padStart(13)} ${total.cost.toFixed(4).padStart(11)} ${total.largeCost.toFixed(4).padStart(14)} ${pct(1 - total.cost / total.largeCost).padStart(6)}`,
  );
  console.log(
    `cost reduction vs always-large ${pct(1 - total.cost / total.largeCost)}, quality ${pct(quality)} of always-large, ` +
      `answered small ${pct(total.small / total.n)}  (${total.n} routed calls in ${seconds.toFixed(1)} s)`,
  );

  // The same decisions at other thresholds, offline from the same simulated answers.
  const simulated: Observation[] = items.map((item) => {
    const label = getUseCase(item.useCase).label as (o: unknown) => string;
    const answer = (tier: TAiTier) => {
      const a = simulateAnswer({ item, tier, rng: createRng(seedOf(`${item.id}:${tier}`)) });
      return { a, label: label(a.output), model: MODELS.openai[tier], costEur: priced(tier, a.usage) };
    };
    const small = answer("small");
    const large = answer("large");
    const confidence = calibratedConfidence({
      selfReported: (small.a.output as { confidence: number }).confidence,
      logprobs: small.a.logprobs,
      label: small.label,
    });
    return { item, small: { ...small, confidence }, large };
  });
  console.log("\noffline, from the same simulated answers:");
  for (const line of formatSweep(sweep(simulated, THRESHOLDS), DEFAULT_THRESHOLD)) console.log(line);

  // 2. Budget under load: 200 concurrent calls against a cap with room for a few.
  const one = items.find((i) => i.useCase === "lead.classify")!;
  const spentBefore = await setOrgCap(ctx.orgId, 0);
  const cap = +(spentBefore + 0.05).toFixed(6);
  await setOrgCap(ctx.orgId, cap);
  const burstStart = new Date();
  const outcomes = await Promise.allSettled(
    Array.from({ length: 200 }, () =>
      routeAi(ctx, { useCase: "lead.classify", input: one.input, noCache: true }),
    ),
  );
  const spentAfter = await setOrgCap(ctx.orgId, cap);
  const ok = outcomes.filter((o) => o.status === "fulfilled").length;
  const { rows: reservation } = await (async () => {
    const client = new pg.Client({ connectionString: benchUrl.toString() });
    await client.connect();
    const result = await client.query<{ max: number }>(
      `SELECT max(amount_eur)::float8 AS max FROM ai_budget_reservation WHERE org_id = $1 AND created_at >= $2`,
      [ctx.orgId, burstStart],
    );
    await client.end();
    return result;
  })();
  const overshoot = spentAfter - cap;
  console.log(
    `\n200 concurrent calls against a cap with ${(cap - spentBefore).toFixed(4)} EUR left: ${ok} answered, ${200 - ok} refused (402); ` +
      `spent ${spentAfter.toFixed(6)} of cap ${cap.toFixed(6)} EUR → overshoot ${Math.max(0, overshoot).toFixed(6)} EUR ` +
      `(one reservation is at most ${reservation[0].max.toFixed(6)} EUR)`,
  );

  // 3. Cached answers: the same request 200 times.
  await setOrgCap(ctx.orgId, 1_000_000);
  await routeAi(ctx, {
    useCase: "feedback.sentiment",
    input: items.find((i) => i.useCase === "feedback.sentiment")!.input,
  });
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    const hit = await routeAi(ctx, {
      useCase: "feedback.sentiment",
      input: items.find((x) => x.useCase === "feedback.sentiment")!.input,
    });
    times.push(performance.now() - t0);
    if (!hit.cached) throw new Error("expected a cache hit");
  }
  times.sort((a, b) => a - b);
  console.log(
    `cached answer: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms (200 calls)`,
  );

  await disconnect();
  if (fakes) await Promise.all([fakes.openai.close(), fakes.anthropic.close()]);
}

/** --replay: both tiers for every input against the configured providers, then the sweep. */
async function runReplay(ctx: { orgId: string; userId: string; roles: string[] }, inputs: TReplayItem[]) {
  const labelled = inputs.filter((i) => i.expected !== undefined).length;
  console.log(
    `replay against the configured providers: ${inputs.length} inputs, ${labelled} with an expected label ` +
      `(the others are measured against the large model's answer); both tiers per input`,
  );
  const started = performance.now();
  const observations = await observe(ctx, inputs, {}, (done) => {
    if (done % 20 === 0 || done === inputs.length) process.stderr.write(`\r${done}/${inputs.length} inputs`);
  });
  process.stderr.write("\n");
  const failed = observations.filter((o) => "failed" in o);
  for (const f of failed.slice(0, 5)) console.log(`not answered: ${f.item.useCase}: ${f.failed}`);
  console.log(
    `${observations.length - failed.length} answered by both tiers, ${failed.length} not, in ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  if (failed.length === observations.length) {
    console.error("No input was answered by both tiers: nothing to calibrate.");
    process.exitCode = 1;
    return;
  }
  for (const useCase of SMALL_FIRST_USE_CASES) {
    const of = observations.filter((o) => o.item.useCase === useCase);
    if (of.length === 0) continue;
    console.log(`\n${useCase} (${of.length} inputs)`);
    for (const line of formatSweep(sweep(of, THRESHOLDS), DEFAULT_THRESHOLD)) console.log(line);
  }
  console.log(`\nall (${observations.length} inputs)`);
  for (const line of formatSweep(sweep(observations, THRESHOLDS), DEFAULT_THRESHOLD)) console.log(line);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
