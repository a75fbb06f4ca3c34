// Backup and restore-drill benchmark (issue 15): the lead-protection benchmark's database (100 000
// leads, 500 000 activities, 20 000 holds: bench/lead-protection/seed.sql), backed up with the app's
// own backup:create (pg_dump --format=custom in one snapshot with the row counts) and restored and
// verified with its backup:drill. Prints the dump's size and the seconds of each; the drill's RTO
// is what the System area shows. The figures are not asserted anywhere.
//
//   npm run bench:system             (seeds freshplan_bench_system on TEST_DATABASE_URL's server)
//   npm run bench:system -- --reuse  (keeps the seeded database)
//   npm run bench:system -- --small  (a migrated database with no seeded data: to see that it runs)
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

import pg from "pg";

const root = path.resolve(import.meta.dirname, "../..");
const server = new URL(
  process.env.TEST_DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:5432/postgres",
);
const benchUrl = new URL(server);
benchUrl.pathname = "/freshplan_bench_system";
const reuse = process.argv.includes("--reuse");
const small = process.argv.includes("--small");

async function withClient<T>(url: URL, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function seed() {
  const started = performance.now();
  await withClient(server, async (c) => {
    await c.query("DROP DATABASE IF EXISTS freshplan_bench_system WITH (FORCE)");
    await c.query("CREATE DATABASE freshplan_bench_system");
  });
  execFileSync("node", [path.join(root, "scripts/migrate.mjs"), "up", "--url", benchUrl.toString()], {
    stdio: "ignore",
  });
  if (!small) {
    await withClient(benchUrl, (c) =>
      c.query(readFileSync(path.join(root, "bench/lead-protection/seed.sql"), "utf8")),
    );
  }
  const what = small ? "a migrated, empty database" : "100 000 leads, 500 000 activities, 20 000 holds";
  console.log(`seeded ${what} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function main() {
  if (!reuse) await seed();
  process.env.DATABASE_URL = benchUrl.toString();
  process.env.AUTH_SECRET ??= "bench-only-secret-0123456789abcdefghij";
  process.env.AUDIT_CHAIN_KEY ??= "bench-only-audit-chain-key-0123456789abcdef";
  const dir = mkdtempSync(path.join(tmpdir(), "freshplan-bench-backups-"));
  const { createBackup } = await import("@/lib/system/backup");
  const { runDrill } = await import("@/lib/system/drill");
  const { disconnect } = await import("@/lib/db");
  try {
    let start = performance.now();
    const backup = await createBackup("cli", { dir });
    const backupSeconds = (performance.now() - start) / 1000;
    if (backup.status !== "succeeded") throw new Error(`backup failed: ${backup.error}`);
    console.log(
      `backup:create   ${backupSeconds.toFixed(2).padStart(8)} s   ${(backup.sizeBytes / 1_048_576).toFixed(1)} MB, ${backup.tables} tables, ${backup.rows} rows`,
    );
    start = performance.now();
    const drill = await runDrill("cli", { dir });
    const drillSeconds = (performance.now() - start) / 1000;
    console.log(
      `backup:drill    ${drillSeconds.toFixed(2).padStart(8)} s   ${drill.status}, RTO ${drill.rtoSeconds?.toFixed(2)} s`,
    );
    for (const c of drill.checks) console.log(`  ${c.ok ? "ok  " : "FAIL"} ${c.check}: ${c.detail}`);
    console.log(
      JSON.stringify({
        date: new Date().toISOString(),
        small,
        results: {
          backupSeconds: +backupSeconds.toFixed(2),
          sizeBytes: backup.sizeBytes,
          rows: backup.rows,
          drillSeconds: +drillSeconds.toFixed(2),
          rtoSeconds: drill.rtoSeconds === null ? null : +drill.rtoSeconds.toFixed(2),
          drill: drill.status,
        },
      }),
    );
  } finally {
    await disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
