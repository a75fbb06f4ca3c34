// Lead-protection benchmark: 100 000 leads (2 000 per partner), 500 000 activities, 20 000 holds.
// Measures, through the app's own services (RLS, ABAC, the protection view), the p50/p95 of a
// partner's "my leads" page and of GET /leads/{id}/protection, then the daily job and the summary
// refresh. Prints the figures; they are not asserted anywhere.
//
//   npm run bench:lead-protection            (seeds freshplan_bench on TEST_DATABASE_URL's server)
//   npm run bench:lead-protection -- --reuse (keeps the seeded database)
import { readFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";

import pg from "pg";

const root = path.resolve(import.meta.dirname, "../..");
const server = new URL(
  process.env.TEST_DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:5432/postgres",
);
const benchUrl = new URL(server);
benchUrl.pathname = "/freshplan_bench";
const reuse = process.argv.includes("--reuse");
const runs = Number(process.argv.find((a) => a.startsWith("--runs="))?.split("=")[1] ?? 100);

const ORG = "0b000000-0000-4000-8000-000000000001";
const partner = (n: number) => `0b000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;

async function withClient<T>(url: URL, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function measure(label: string, n: number, once: (i: number) => Promise<unknown>) {
  for (let i = 0; i < Math.min(5, n); i++) await once(i); // warm-up: plans, pool, caches
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await once(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const row = {
    label,
    runs: n,
    p50_ms: +percentile(times, 50).toFixed(1),
    p95_ms: +percentile(times, 95).toFixed(1),
  };
  console.log(
    `${label.padEnd(46)} p50 ${String(row.p50_ms).padStart(8)} ms   p95 ${String(row.p95_ms).padStart(8)} ms   (${n} runs)`,
  );
  return row;
}

async function seed() {
  const started = performance.now();
  await withClient(server, async (c) => {
    await c.query("DROP DATABASE IF EXISTS freshplan_bench WITH (FORCE)");
    await c.query("CREATE DATABASE freshplan_bench");
  });
  const { execFileSync } = await import("node:child_process");
  execFileSync("node", [path.join(root, "scripts/migrate.mjs"), "up", "--url", benchUrl.toString()], {
    stdio: "ignore",
  });
  await withClient(benchUrl, (c) =>
    c.query(readFileSync(path.join(import.meta.dirname, "seed.sql"), "utf8")),
  );
  console.log(
    `seeded 100 000 leads, 500 000 activities, 20 000 holds in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

async function main() {
  if (!reuse) await seed();
  process.env.DATABASE_URL = benchUrl.toString();
  process.env.AUTH_SECRET ??= "bench-only-secret-0123456789abcdefghij";
  process.env.AUDIT_CHAIN_KEY ??= "bench-only-audit-chain-key-0123456789abcdef";
  const { listLeads, getProtection } = await import("@/lib/leads/service");
  const { disconnect } = await import("@/lib/db");

  const ctxOf = (n: number) => ({ orgId: ORG, userId: partner(n), roles: ["sales"] });
  const ownLeads = await withClient(benchUrl, (c) =>
    c
      .query<{ lead_id: string; owner: string }>(
        `SELECT lead_id, owner_user_id AS owner FROM lead_assignment WHERE released_at IS NULL ORDER BY random() LIMIT $1`,
        [runs],
      )
      .then((r) => r.rows),
  );
  const results: { label: string; runs: number; p50_ms?: number; p95_ms?: number; seconds?: number }[] = [];
  results.push(
    await measure("partner's 'my leads' page (50 of 2 000)", runs, (i) =>
      listLeads(ctxOf(1 + (i % 50)), { owner: "me", sort: "-createdAt", limit: 50 }),
    ),
  );
  results.push(
    await measure("the same, sorted by end of protection", runs, (i) =>
      listLeads(ctxOf(1 + (i % 50)), { owner: "me", sort: "protectedUntil", limit: 50 }),
    ),
  );
  results.push(
    await measure("GET /leads/{id}/protection (owner)", runs, (i) =>
      getProtection(
        { orgId: ORG, userId: ownLeads[i % ownLeads.length].owner, roles: ["sales"] },
        ownLeads[i % ownLeads.length].lead_id,
      ).catch(
        () => null, // an expired lead is not the owner's any more: a 404, still a measured request
      ),
    ),
  );
  const { runLeadProtectionDaily } = await import("@/lib/leads/daily");
  const { refreshLeadSummary } = await import("@/lib/leads/summary");
  const once = async (label: string, work: () => Promise<unknown>) => {
    const start = performance.now();
    const outcome = await work();
    const seconds = +((performance.now() - start) / 1000).toFixed(2);
    console.log(`${label.padEnd(46)} ${String(seconds).padStart(8)} s   ${JSON.stringify(outcome ?? {})}`);
    results.push({ label, runs: 1, seconds });
  };
  // The first daily run catches up on the seeded backlog: it releases the expired share of the
  // seeded leads and sends all their reminders at once. The second is a run with nothing new.
  await once("daily job, first run (100 000 leads)", () => runLeadProtectionDaily());
  await once("daily job, next run (nothing new)", () => runLeadProtectionDaily());
  // A day later: the reminders and releases that fall due within one day, as on any ordinary day.
  await once("daily job, a day later (one day's work)", () =>
    runLeadProtectionDaily({ now: new Date(Date.now() + 86_400_000) }),
  );
  await once("summary refresh (concurrently)", () =>
    refreshLeadSummary({ orgId: ORG, userId: null, roles: ["system"] }),
  );
  await disconnect();
  console.log(JSON.stringify({ date: new Date().toISOString(), results }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
