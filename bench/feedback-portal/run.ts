// Feedback-portal benchmark: 50 phone sessions at once against the production server, each as a
// chef with JavaScript would go: open the page, two taps saved as drafts, send the form. Prints
// p50/p95 per step and the JavaScript the page makes a phone download (compressed, as the server
// sends it). The figures are printed, not asserted.
//
//   npm run build                       (the benchmark runs the production build: build it first)
//   npm run bench:feedback-portal       (a database of its own on TEST_DATABASE_URL's server,
//                                        freshplan_bench_portal, and the server on port 3450)
//   options: --sessions=50  BENCH_DATABASE=…  BENCH_PORT=…
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { brotliCompressSync, gunzipSync, brotliDecompressSync } from "node:zlib";

import pg from "pg";

import { createFeedbackLinkFixture, type FeedbackLinkFixture } from "../../test/feedback-links";

const root = path.resolve(import.meta.dirname, "../..");
const server = new URL(
  process.env.TEST_DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:5432/postgres",
);
const database = process.env.BENCH_DATABASE ?? "freshplan_bench_portal";
const benchUrl = new URL(server);
benchUrl.pathname = `/${database}`;
const port = Number(process.env.BENCH_PORT ?? 3450);
const base = `http://127.0.0.1:${port}`;
const sessions = Number(process.argv.find((a) => a.startsWith("--sessions="))?.split("=")[1] ?? 50);

/** One HTTP exchange without decoding: status, headers and the bytes as they came over the wire. */
function request(
  method: string,
  target: string,
  options: { headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}${target}`,
      { method, headers: { "user-agent": "bench/feedback-portal (Pixel 7)", ...options.headers }, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function decoded(body: Buffer, encoding: string | undefined): Buffer {
  if (encoding === "gzip") return gunzipSync(body);
  if (encoding === "br") return brotliDecompressSync(body);
  return body;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function prepare(): Promise<FeedbackLinkFixture[]> {
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  execFileSync("node", [path.join(root, "scripts/migrate.mjs"), "up", "--url", benchUrl.toString()], {
    stdio: "ignore",
  });
  const client = new pg.Client({ connectionString: benchUrl.toString() });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO organization (slug, name) VALUES ('bench-portal', 'FreshFoodz Demo') RETURNING id`,
    );
    const links: FeedbackLinkFixture[] = [];
    // One link per session, and two for the warm-up.
    for (let i = 0; i < sessions + 2; i++)
      links.push(await createFeedbackLinkFixture(client, { orgId: rows[0].id }));
    return links;
  } finally {
    await client.end();
  }
}

function startServer(): ChildProcess {
  const child = spawn(process.execPath, [path.join(root, "scripts/start.mjs")], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      DATABASE_URL: benchUrl.toString(),
      PORT: String(port),
      HOST: "127.0.0.1",
      AUTH_SECRET: "bench-secret-not-for-production-0123456789abcdef",
      AUDIT_CHAIN_KEY: "bench-audit-chain-key-not-for-production-0123456789",
      AUDIT_HEADS_FILE: path.join(root, "test-results", `audit-heads-${database}.jsonl`),
      // Every session comes from 127.0.0.1: the per-IP limit is not what is measured.
      PUBLIC_RATE_LIMIT_PER_IP_PER_MINUTE: "1000000",
      LOCAL_SCHEDULER: "off",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  return child;
}

async function waitForServer(token: string) {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await request("GET", `/api/v1/feedback/${token}`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("The server did not come up within a minute.");
}

const STEPS = ["open page", "save draft 1", "save draft 2", "submit (form post)"] as const;
type Step = (typeof STEPS)[number];

/** One chef: the page as a phone asks for it, two taps, the form post; each step's time. */
async function session(link: FeedbackLinkFixture): Promise<Record<Step, number>> {
  const times = {} as Record<Step, number>;
  const time = async (step: Step, work: () => Promise<{ status: number }>, expected: number) => {
    const start = performance.now();
    const { status } = await work();
    times[step] = performance.now() - start;
    if (status !== expected) throw new Error(`${step}: ${status}, expected ${expected}`);
  };
  const [a, b] = link.skus;
  const json = { "content-type": "application/json" };
  await time(
    "open page",
    () => request("GET", `/feedback/${link.token}`, { headers: { "accept-encoding": "gzip" } }),
    200,
  );
  await time(
    "save draft 1",
    () =>
      request("PUT", `/api/v1/feedback/${link.token}/draft`, {
        headers: json,
        body: JSON.stringify({ items: [{ sku: a, rating: 4 }] }),
      }),
    200,
  );
  await time(
    "save draft 2",
    () =>
      request("PUT", `/api/v1/feedback/${link.token}/draft`, {
        headers: json,
        body: JSON.stringify({
          items: [
            { sku: a, rating: 4 },
            { sku: b, rating: 2 },
          ],
        }),
      }),
    200,
  );
  const form = new URLSearchParams([
    ["items.0.sku", a],
    ["items.0.rating", "4"],
    ["items.1.sku", b],
    ["items.1.rating", "2"],
    ["contact.name", "Jana Koch"],
    ["contact.role", "CHEF"],
  ]).toString();
  await time(
    "submit (form post)",
    () =>
      request("POST", `/feedback/${link.token}/submit`, {
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: form,
      }),
    303,
  );
  return times;
}

/** The page's scripts (module ones: a phone skips the nomodule polyfills) as the server sends them. */
async function pageJavaScript(token: string) {
  const page = await request("GET", `/feedback/${token}`, { headers: { "accept-encoding": "br, gzip" } });
  const html = decoded(page.body, page.headers["content-encoding"] as string | undefined).toString("utf8");
  const scripts = [...html.matchAll(/<script\b([^>]*)>/g)]
    .map((m) => m[1])
    .filter((attributes) => !/\bnoModule\b/i.test(attributes))
    .map((attributes) => /\bsrc="([^"]+)"/.exec(attributes)?.[1])
    .filter((src): src is string => Boolean(src));
  let wire = 0;
  let raw = 0;
  let brotli = 0;
  const encodings = new Set<string>();
  for (const src of scripts) {
    const res = await request("GET", src, { headers: { "accept-encoding": "br, gzip" } });
    const encoding = (res.headers["content-encoding"] as string | undefined) ?? "identity";
    encodings.add(encoding);
    const body = decoded(res.body, encoding);
    wire += res.body.length;
    raw += body.length;
    brotli += brotliCompressSync(body).length;
  }
  return {
    scripts: scripts.length,
    wire,
    raw,
    brotli,
    encodings: [...encodings].join("+"),
    html: page.body.length,
  };
}

async function main() {
  if (!existsSync(path.join(root, ".next/standalone/server.js"))) {
    console.error("No production build: run `npm run build` first.");
    process.exit(1);
  }
  const links = await prepare();
  console.log(`database ${database}: ${links.length} feedback links with 3 products each`);
  const child = startServer();
  try {
    await waitForServer(links[0].token);
    // Warm-up: the first requests compile nothing in production, but fill pools and caches.
    await session(links[sessions]);
    await session(links[sessions + 1]).catch(() => undefined);

    const started = performance.now();
    const results = await Promise.all(links.slice(0, sessions).map(session));
    const wall = performance.now() - started;

    console.log(`\n${sessions} concurrent phone sessions in ${(wall / 1000).toFixed(2)} s\n`);
    console.log(
      `${"step".padEnd(22)}${"n".padStart(5)}${"p50 ms".padStart(10)}${"p95 ms".padStart(10)}${"max ms".padStart(10)}`,
    );
    for (const step of STEPS) {
      const times = results.map((r) => r[step]).sort((a, b) => a - b);
      console.log(
        `${step.padEnd(22)}${String(times.length).padStart(5)}${percentile(times, 50).toFixed(1).padStart(10)}${percentile(times, 95).toFixed(1).padStart(10)}${times.at(-1)!.toFixed(1).padStart(10)}`,
      );
    }

    const js = await pageJavaScript(links[sessions + 1].token);
    const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
    console.log(`\nJavaScript of /feedback/[token]: ${js.scripts} scripts`);
    console.log(`  transferred (${js.encodings}, as the server sends it)  ${kb(js.wire)}`);
    console.log(`  uncompressed                                  ${kb(js.raw)}`);
    console.log(`  brotli (if a proxy in front compresses)       ${kb(js.brotli)}`);
    console.log(`  the page's HTML as sent                       ${kb(js.html)}`);
  } finally {
    child.kill("SIGTERM");
    agent.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
