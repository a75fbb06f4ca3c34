// Xentral product pull benchmark: the production pull (lib/integrations/xentral/products.ts: client,
// XENTRAL policy with its 100/min quota, upserts under RLS) against the fake Xentral on 127.0.0.1
// (test/fakes/xentral.ts) enforcing Xentral's 100 requests/min with a per-request latency, for each
// catalogue size: a first full pull (page size 50, the spec's maximum) and an incremental pull after
// 1 % of the products changed. Runs on a fresh database fp_xe_bench_<random> on TEST_DATABASE_URL's
// server, dropped afterwards.
//
//   npm run bench:xentral [-- --skus=1000,10000 --latency=80 --per-minute=100]
//   npm run bench:xentral -- --quick          (200 and 600 SKUs, latency 20 ms: a smoke run)
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { performance } from "node:perf_hooks";

import pg from "pg";

import { startFakeXentral } from "@/test/fakes/xentral";

import { admin, scratchDatabase, textOption } from "../scratch";

const root = path.resolve(import.meta.dirname, "../..");
const option = textOption;
const quick = process.argv.includes("--quick");
const SIZES = (option("skus") ?? (quick ? "200,600" : "1000,10000")).split(",").map(Number);
const LATENCY = Number(option("latency") ?? (quick ? 20 : 80));
const PER_MINUTE = Number(option("per-minute") ?? 100);

const { name: dbName, url: dbUrl } = scratchDatabase("fp_xe_bench");

async function main() {
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
    // Imported only now: lib/env.ts reads the variables on first use.
    const { pullProducts } = await import("@/lib/integrations/xentral/products");
    const { flushCallRecords, resetPolicies } = await import("@/lib/integrations/resilience");
    const { sealSecrets, keyringOf } = await import("@/lib/integrations/crypto");
    const { disconnect } = await import("@/lib/db");

    console.log(
      `Xentral product pull: page size 50, fake latency ${LATENCY} ms per request, limit ${PER_MINUTE} requests/min`,
    );
    const client = new pg.Client({ connectionString: dbUrl.toString() });
    await client.connect();
    for (const [i, size] of SIZES.entries()) {
      const fake = await startFakeXentral({ latencyMs: LATENCY, perMinute: PER_MINUTE });
      resetPolicies();
      const orgId = (
        await client.query<{ id: string }>(
          `INSERT INTO organization (slug, name) VALUES ($1, $1) RETURNING id`,
          [`bench-${i}`],
        )
      ).rows[0].id;
      const connectionId = randomBytes(16)
        .toString("hex")
        .replace(/(.{8})(.{4})(.{4})(.{4})(.{12})/, "$1-$2-$3-$4-$5");
      const sealed = sealSecrets(connectionId, { token: fake.token }, keyringOf(key));
      await client.query(
        `INSERT INTO integration_connection (id, org_id, provider, name, settings, secrets, key_id)
         VALUES ($1, $2, 'XENTRAL', 'Xentral', $3, $4, $5)`,
        [
          connectionId,
          orgId,
          JSON.stringify({ baseUrl: fake.url, tokenExpiresAt: "2099-01-01", currency: "EUR", taxRate: "7" }),
          Buffer.from(sealed.secrets),
          sealed.keyId,
        ],
      );
      fake.seedProducts(size, { updatedAt: new Date(Date.now() - 3_600_000) });
      const ctx = { orgId, userId: null, roles: ["system"] };

      let started = performance.now();
      const full = await pullProducts(ctx, "full");
      const fullSeconds = (performance.now() - started) / 1000;
      const throttled = fake.requests.filter((r) => r.status === 429).length;
      const stored = (
        await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM product WHERE org_id = $1`, [orgId])
      ).rows[0].n;
      console.log(
        `${size} SKUs, full pull: ${fullSeconds.toFixed(1)} s, ${full.pages} pages, ${fake.requests.length} requests (${throttled} answered 429), ${stored} products stored`,
      );

      const changed = Math.max(1, Math.round(size / 100));
      for (const product of [...fake.products.values()].slice(0, changed)) {
        fake.touch(product.id, { name: `${product.name} (neu)` });
      }
      fake.requests.length = 0;
      started = performance.now();
      const incremental = await pullProducts(ctx, "incremental");
      const incSeconds = (performance.now() - started) / 1000;
      console.log(
        `${size} SKUs, incremental after ${changed} changes: ${incSeconds.toFixed(2)} s, ${incremental.pages} page(s), ${incremental.updated} updated`,
      );
      await fake.close();
    }
    await client.end();
    await flushCallRecords();
    await disconnect();
  } finally {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
