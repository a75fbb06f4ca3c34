// Credit-check benchmark (issue 13): N concurrent credit checks (getLeadCredit, as GET
// /api/v1/leads/{id}/credit runs it: session context, the credit permission, the lead under RLS,
// the per-company cache) over M companies, against the fake Allianz Trade
// (test/fakes/allianz-trade.ts) on 127.0.0.1 answering after LATENCY ms and allowing RATE
// requests/s. Scenarios: a cold cache (every company read through single-flight and
// micro-batching), a warm cache, a stale cache (answered at once, refreshed in the background), one
// check at a time (cached, and read from the provider), and the provider failing (breaker open: the
// cached answer, or a refusal, at once). Prints p50/p95/p99 per scenario and the provider calls
// made. Runs on a fresh database fp_cr_bench_<random> on TEST_DATABASE_URL's server, dropped
// afterwards.
//
//   npm run bench:credit [-- --checks=500 --companies=200 --latency=200 --rate=10]
//   npm run bench:credit -- --quick          (100 checks over 50 companies)
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { performance } from "node:perf_hooks";

import pg from "pg";

import { startFakeAllianz } from "@/test/fakes/allianz-trade";

import { admin, numberOption, percentile, scratchDatabase } from "../scratch";

const root = path.resolve(import.meta.dirname, "../..");
const quick = process.argv.includes("--quick");
const arg = numberOption;
const CHECKS = arg("checks", quick ? 100 : 500);
const COMPANIES = arg("companies", quick ? 50 : 200);
const LATENCY = arg("latency", 200);
const RATE = arg("rate", 10);

const { name: dbName, url: dbUrl } = scratchDatabase("fp_cr_bench");

async function main() {
  const fake = await startFakeAllianz({ latencyMs: LATENCY, ratePerSecond: RATE });
  for (let i = 0; i < COMPANIES; i += 1) {
    fake.addCompany({
      companyId: `DE-${1000 + i}`,
      companyName: `Kantine ${i} GmbH`,
      grade: 1 + (i % 10),
      cover:
        i % 3 === 0
          ? null
          : {
              coverStatus: "GRANTED",
              amount: { value: 10_000 + i * 100, currency: "EUR" },
              decisionDate: "2026-11-01T08:00:00Z",
            },
    });
  }
  await admin((c) => c.query(`CREATE DATABASE ${dbName}`));
  try {
    execFileSync(
      process.execPath,
      [path.join(root, "scripts/migrate.mjs"), "up", "--url", dbUrl.toString()],
      {
        stdio: "ignore",
      },
    );
    const key = randomBytes(32).toString("base64");
    Object.assign(process.env, {
      DATABASE_URL: dbUrl.toString(),
      AUTH_SECRET: "bench-auth-secret-0123456789abcdef0123",
      AUDIT_CHAIN_KEY: "bench-audit-chain-key-0123456789abcdef",
      INTEGRATIONS_KEY: key,
      LOG_LEVEL: "error",
    });
    // The framework's warn line per refused call would drown the figures.
    console.warn = () => undefined;
    // Imported only now: lib/env.ts reads the variables on first use.
    const { getLeadCredit } = await import("@/lib/credit/service");
    const { sealSecrets, keyringOf } = await import("@/lib/integrations/crypto");
    const { flushCallRecords, policyFor } = await import("@/lib/integrations/resilience");
    const { disconnect } = await import("@/lib/db");

    const client = new pg.Client({ connectionString: dbUrl.toString() });
    await client.connect();
    const one = async (sql: string, params: unknown[] = []) =>
      (await client.query<{ id: string }>(sql, params)).rows[0].id;
    const orgId = await one(`INSERT INTO organization (slug, name) VALUES ('bench', 'Bench') RETURNING id`);
    const userId = await one(
      `INSERT INTO app_user (email, name) VALUES ('m@bench.example', 'Manager') RETURNING id`,
    );
    await client.query(`INSERT INTO membership (org_id, user_id, role) VALUES ($1, $2, 'manager')`, [
      orgId,
      userId,
    ]);
    const id = await one(`SELECT gen_random_uuid()::text AS id`);
    const sealed = sealSecrets(id, { apiKey: fake.apiKey }, keyringOf(key));
    await client.query(
      `INSERT INTO integration_connection (id, org_id, provider, name, settings, secrets, key_id)
       VALUES ($1, $2, 'ALLIANZ_TRADE', 'Allianz Trade', $3, $4, $5)`,
      [id, orgId, JSON.stringify({ baseUrl: fake.url }), Buffer.from(sealed.secrets), sealed.keyId],
    );
    const leads = (
      await client.query<{ id: string }>(
        `WITH l AS (
           INSERT INTO lead (org_id, company_name, city)
           SELECT $1, 'Kantine ' || i, 'Berlin' FROM generate_series(0, $2 - 1) AS i RETURNING id, company_name),
         c AS (
           INSERT INTO credit_company (org_id, company_id, name)
           SELECT $1, 'DE-' || (1000 + i), 'Kantine ' || i || ' GmbH' FROM generate_series(0, $2 - 1) AS i
           RETURNING id, name)
         INSERT INTO lead_credit (lead_id, org_id, company_ref, linked_by)
         SELECT l.id, $1, c.id, $3 FROM l JOIN c ON c.name = l.company_name || ' GmbH'
         RETURNING lead_id AS id`,
        [orgId, COMPANIES, userId],
      )
    ).rows.map((r) => r.id);
    const ctx = { orgId, userId, roles: ["manager"] };

    /** `count` checks (all at once by default; `oneAtATime`: each after the previous answered). */
    const run = async (label: string, { count = CHECKS, oneAtATime = false } = {}) => {
      const before = fake.dataCalls();
      const times: number[] = [];
      const sources: Record<string, number> = {};
      let refused = 0;
      const started = performance.now();
      const check = async (i: number) => {
        const t0 = performance.now();
        try {
          const answer = await getLeadCredit(ctx, leads[i % leads.length]);
          sources[answer.source ?? "none"] = (sources[answer.source ?? "none"] ?? 0) + 1;
        } catch {
          refused += 1;
        }
        times.push(performance.now() - t0);
      };
      if (oneAtATime) for (let i = 0; i < count; i += 1) await check(i);
      else await Promise.all(Array.from({ length: count }, (_, i) => check(i)));
      const wall = performance.now() - started;
      times.sort((a, b) => a - b);
      const f = (ms: number) => `${ms.toFixed(1)} ms`;
      console.log(
        `${label.padEnd(34)} p50 ${f(percentile(times, 50))}, p95 ${f(percentile(times, 95))}, p99 ${f(percentile(times, 99))}, ` +
          `all in ${f(wall)}; provider calls ${fake.dataCalls() - before}; answers ${JSON.stringify(sources)}${refused ? `, refused ${refused}` : ""}`,
      );
    };

    console.log(
      `${CHECKS} concurrent credit checks over ${COMPANIES} companies; fake Allianz Trade at ${LATENCY} ms, ${RATE} requests/s`,
    );
    await run("cold cache (single-flight, batched)");
    await run("warm cache");
    await client.query(`UPDATE credit_company SET fetched_at = now() - interval '9 hours'`);
    await run("stale cache (served, refreshed)");
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // the background refreshes end
    await run("refreshed cache");
    // One manager at a time: the latency of a single check, from the cache and from the provider.
    await run("one at a time, cached", { count: 100, oneAtATime: true });
    await client.query(`UPDATE credit_company SET fetched_at = NULL, grade = NULL`);
    await run("one at a time, never read before", { count: 20, oneAtATime: true });

    // The provider fails: the first failures open the breaker; then nothing waits on it.
    fake.options.failureRate = 1;
    await client.query(`UPDATE credit_company SET fetched_at = now() - interval '9 hours'`);
    const policy = policyFor("ALLIANZ_TRADE", id);
    await run("provider failing, breaker closing");
    for (let i = 0; i < 10 && policy.state !== "open"; i += 1) {
      await getLeadCredit(ctx, leads[0]).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    console.log(`breaker: ${policy.state}`);
    await run("provider failing, breaker open");
    await client.query(`UPDATE credit_company SET fetched_at = NULL, grade = NULL`);
    await run("breaker open, nothing cached");
    console.log(`tokens issued: ${fake.tokensIssued}`);

    await flushCallRecords();
    await client.end();
    await disconnect();
  } finally {
    await fake.close();
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
