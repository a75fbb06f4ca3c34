// HTTP benchmark of the request path (issue 17): the production server, on a scratch database with
// one organisation and one partner (sales) who has LEADS leads and TOKENS API tokens, rate limits
// raised out of the way. Each case runs for DURATION seconds at 50 connections, once with every
// request on one token and once spread over all the partner's tokens, and the table shows req/s
// and the latency p50/p95/p99 of the answered requests. The figures are printed, not asserted.
//
//   npm run build && npm run bench:http
//
// It builds nothing itself: it starts the build that is there (`node scripts/start.mjs`). The
// server uses Redis for the rate limits when REDIS_URL is set (as several instances would), memory
// otherwise. BENCH_APP names another checkout (built) whose server and migrations to measure
// instead, seeded through this one's services, to compare two versions under the same load.
// Environment: BENCH_DATABASE (default freshplan_bench_http, on TEST_DATABASE_URL's
// server), BENCH_PORT (3490), BENCH_DURATION (seconds per case, 10), BENCH_CONNECTIONS (50).
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";

import autocannon from "autocannon";

import { admin, serverUrl as server } from "../scratch";

const root = path.resolve(import.meta.dirname, "../..");
/** The checkout whose build and migrations are measured: this one, or BENCH_APP (to compare). */
const app = path.resolve(process.env.BENCH_APP ?? root);
const databaseName = process.env.BENCH_DATABASE ?? "freshplan_bench_http";
const benchUrl = new URL(server);
benchUrl.pathname = `/${databaseName}`;
const port = Number(process.env.BENCH_PORT ?? 3490);
const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const LEADS = 200;
const TOKENS = 50;
const base = `http://127.0.0.1:${port}`;

const AUTH_SECRET = "bench-only-secret-0123456789abcdefghij";
const AUDIT_CHAIN_KEY = "bench-only-audit-chain-key-0123456789abcdef";
const UNLIMITED = "1000000000";
/** Set when the benchmark stops the server itself; any other exit of it ends the run. */
let stopping = false;

/**
 * A fresh database with the organisation, the partner, their leads and tokens, made through the
 * app's services in a process of its own (bench/http/seed.ts), so this one only generates load.
 */
function seed(): { leadIds: string[]; tokens: string[] } {
  execFileSync(
    process.execPath,
    [path.join(app, "scripts/migrate.mjs"), "up", "--url", benchUrl.toString()],
    {
      stdio: "ignore",
    },
  );
  const output = execFileSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", path.join(import.meta.dirname, "seed.ts")],
    {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      env: {
        ...process.env,
        DATABASE_URL: benchUrl.toString(),
        AUTH_SECRET,
        AUDIT_CHAIN_KEY,
        BENCH_LEADS: String(LEADS),
        BENCH_TOKENS: String(TOKENS),
      },
    },
  );
  return JSON.parse(output.trim().split("\n").at(-1)!) as { leadIds: string[]; tokens: string[] };
}

async function startServer(): Promise<ChildProcess> {
  const taken = await fetch(`${base}/api/health`).then(
    () => true,
    () => false,
  );
  if (taken) throw new Error(`something already answers on port ${port}: set BENCH_PORT to a free one`);
  const child = spawn(process.execPath, [path.join(app, "scripts/start.mjs")], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      DATABASE_URL: benchUrl.toString(),
      AUTH_SECRET,
      AUDIT_CHAIN_KEY,
      PORT: String(port),
      HOST: "127.0.0.1",
      NEXT_TELEMETRY_DISABLED: "1",
      LOCAL_SCHEDULER: "off",
      REDIS_KEY_PREFIX: `bench:${randomUUID()}:`,
      API_RATE_LIMIT_PER_IP_PER_MINUTE: UNLIMITED,
      API_RATE_LIMIT_PER_CALLER_PER_MINUTE: UNLIMITED,
      PUBLIC_RATE_LIMIT_PER_IP_PER_MINUTE: UNLIMITED,
    },
  });
  child.once("exit", (code) => {
    if (!stopping) {
      console.error(`the server exited with ${code} during the benchmark`);
      process.exit(1);
    }
  });
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    const up = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return child;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  child.kill("SIGTERM");
  throw new Error("the server did not answer /api/health within 60 s");
}

interface Case {
  label: string;
  method: "GET" | "POST";
  path: (i: number) => string;
  body?: string;
  auth: boolean;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** One case at `connections` for `seconds`: req/s of 2xx answers, latency percentiles, errors. */
async function run(c: Case, tokens: string[], seconds: number) {
  let n = 0;
  const latencies: number[] = [];
  let failures = 0;
  const instance = autocannon({
    url: base,
    connections,
    duration: seconds,
    requests: [
      {
        method: c.method,
        setupRequest: (request) => {
          const i = n++;
          const headers: Record<string, string> = { ...request.headers };
          if (c.auth) headers.authorization = `Bearer ${tokens[i % tokens.length]}`;
          if (c.body) {
            headers["content-type"] = "application/json";
            headers["idempotency-key"] = randomUUID();
          }
          return { ...request, path: c.path(i), headers, body: c.body };
        },
      },
    ],
  });
  instance.on("response", (_client, status: number, _bytes: number, ms: number) => {
    if (status >= 200 && status < 300) latencies.push(ms);
    else failures++;
  });
  const result = await instance;
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    failures: failures + result.errors + result.timeouts,
  };
}

async function main() {
  if (!existsSync(path.join(app, ".next/standalone/server.js"))) {
    console.error("No production build: run `npm run build` first (this benchmark builds nothing).");
    process.exit(1);
  }
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${databaseName}"`);
  });
  const { leadIds, tokens } = seed();
  console.log(`seeded 1 partner, ${LEADS} leads, ${TOKENS} tokens in ${databaseName}`);
  const child = await startServer();
  try {
    const lead = (i: number) => leadIds[i % leadIds.length];
    const cases: Case[] = [
      { label: "GET /api/health", method: "GET", path: () => "/api/health", auth: false },
      {
        label: "GET /api/v1/leads/{id}/protection",
        method: "GET",
        path: (i) => `/api/v1/leads/${lead(i)}/protection`,
        auth: true,
      },
      {
        label: "GET /api/v1/leads?limit=50",
        method: "GET",
        path: () => "/api/v1/leads?limit=50",
        auth: true,
      },
      {
        label: "POST /api/v1/leads/{id}/activities",
        method: "POST",
        path: (i) => `/api/v1/leads/${lead(i)}/activities`,
        body: JSON.stringify({ kind: "NOTE", note: "bench" }),
        auth: true,
      },
    ];
    // Each case answers 2xx once (else the figures would measure refusals), then a warm-up: every
    // route loaded, plans and pools primed, outside the figures.
    for (const c of cases) {
      const response = await fetch(`${base}${c.path(0)}`, {
        method: c.method,
        headers: {
          ...(c.auth ? { authorization: `Bearer ${tokens[0]}` } : {}),
          ...(c.body ? { "content-type": "application/json", "idempotency-key": randomUUID() } : {}),
        },
        body: c.body,
      });
      if (!response.ok) throw new Error(`${c.label} answered ${response.status}: ${await response.text()}`);
    }
    for (const c of cases) await run(c, tokens, 2);

    const rows: string[] = [];
    for (const c of cases) {
      for (const [who, pool] of c.auth
        ? ([
            ["1 token", tokens.slice(0, 1)],
            [`${TOKENS} tokens`, tokens],
          ] as const)
        : ([["-", tokens]] as const)) {
        const r = await run(c, [...pool], duration);
        const row = `| \`${c.label}\` | ${who} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(0)} / ${r.p95.toFixed(0)} / ${r.p99.toFixed(0)} | ${r.failures} |`;
        console.log(row);
        rows.push(row);
      }
    }
    const [l1, l5, l15] = loadavg().map((l) => l.toFixed(2));
    console.log(
      [
        "",
        `${new Date().toISOString().slice(0, 10)}, ${connections} connections, ${duration} s per case, rate limits in ${process.env.REDIS_URL ? "Redis" : "memory"}, load average before the last case ${l1} ${l5} ${l15}:`,
        "",
        "| request | caller | req/s | latency p50 / p95 / p99 (ms) | non-2xx or errors |",
        "|---|---|---|---|---|",
        ...rows,
      ].join("\n"),
    );
  } finally {
    stopping = true;
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  }
}

await main();
