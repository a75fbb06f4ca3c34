import "server-only";

import { randomBytes } from "node:crypto";
import { access } from "node:fs/promises";
import path from "node:path";

import pg from "pg";

import { verifyAuditChains } from "@/lib/audit/verify";
import { openDatabase, withContext } from "@/lib/db";

import { SYSTEM, backupDir, sha256File, type BackupTrigger } from "./backup";
import {
  appliedMigrations,
  backupDatabaseUrl,
  backupSupport,
  countRows,
  databaseName,
  runTool,
  withDatabase,
  withPg,
} from "./backup-pg";
import { shippedMigrations } from "./health";

/**
 * Restore drills (issue 15): the latest good backup is restored with pg_restore into a scratch
 * database on the same server (`<db>_drill_<random>`) and verified there — the file's SHA-256, every
 * migration this build ships present and equal to those recorded, the rows of every table equal to
 * those counted in the dump's snapshot, FORCE ROW LEVEL SECURITY on every table (as
 * lib/db/rls.int.test.ts holds the live database to), and the audit chains intact (audit:verify's
 * logic, lib/audit/verify.ts). RTO is the seconds from the start of the restore to the verified
 * copy, RPO the backup's age when the drill began. The scratch database is always dropped.
 */

export type DrillCheckName =
  "backup" | "checksum" | "restore" | "migrations" | "row_counts" | "force_rls" | "audit_chain";

export interface DrillCheck {
  check: DrillCheckName;
  ok: boolean;
  detail: string;
}

export interface DrillResult {
  id: string;
  status: "passed" | "failed";
  backupId: string | null;
  rtoSeconds: number | null;
  rpoSeconds: number | null;
  checks: DrillCheck[];
}

export interface DrillOptions {
  backupId?: string;
  url?: string;
  dir?: string;
  /**
   * Runs on the restored copy before it is verified (the tests' way to tamper with a restore:
   * change a row, drop FORCE RLS, and see the drill name it). Never set by the app.
   */
  beforeVerify?: (scratchUrl: string) => Promise<void>;
}

const NAMED = 5;
const listed = (items: string[]) =>
  items.slice(0, NAMED).join(", ") + (items.length > NAMED ? `, … (${items.length} in all)` : "");

async function tablesWithoutForcedRls(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ relname: string }>(
    `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> 'schema_migrations'
       AND NOT (c.relrowsecurity AND c.relforcerowsecurity)
     ORDER BY 1`,
  );
  return rows.map((r) => r.relname);
}

function compareCounts(recorded: Record<string, number>, restored: Record<string, number>): string[] {
  const differences: string[] = [];
  for (const table of new Set([...Object.keys(recorded), ...Object.keys(restored)])) {
    const before = Object.hasOwn(recorded, table) ? recorded[table] : undefined;
    const after = Object.hasOwn(restored, table) ? restored[table] : undefined;
    if (before === after) continue;
    differences.push(`${table}: ${before ?? "absent"} in the backup, ${after ?? "absent"} restored`);
  }
  return differences.sort();
}

/** The checks on a restored copy at `scratchUrl`, against what the backup recorded. */
async function verifyCopy(
  scratchUrl: string,
  recorded: { migrations: string[]; rowCounts: Record<string, number> },
): Promise<DrillCheck[]> {
  const checks: DrillCheck[] = [];
  const shipped = await shippedMigrations();
  await withPg(scratchUrl, async (client) => {
    await client.query("SET row_security = off");
    const applied = await appliedMigrations(client);
    const missing = shipped.filter((v) => !applied.includes(v));
    const unlike = [
      ...recorded.migrations.filter((v) => !applied.includes(v)),
      ...applied.filter((v) => !recorded.migrations.includes(v)),
    ];
    checks.push({
      check: "migrations",
      ok: missing.length === 0 && unlike.length === 0,
      detail:
        missing.length > 0
          ? `missing in the copy: ${listed(missing)}`
          : unlike.length > 0
            ? `not as recorded at backup time: ${listed(unlike)}`
            : `${applied.length} migrations, as recorded`,
    });
    const differences = compareCounts(recorded.rowCounts, await countRows(client));
    checks.push({
      check: "row_counts",
      ok: differences.length === 0,
      detail:
        differences.length > 0
          ? listed(differences)
          : `${Object.keys(recorded.rowCounts).length} tables, ${Object.values(recorded.rowCounts).reduce((a, b) => a + b, 0)} rows, as recorded`,
    });
    const unforced = await tablesWithoutForcedRls(client);
    checks.push({
      check: "force_rls",
      ok: unforced.length === 0,
      detail:
        unforced.length > 0
          ? `row-level security not enabled and forced on: ${listed(unforced)}`
          : "enabled and forced on every table",
    });
  });
  const copy = openDatabase(scratchUrl);
  try {
    const report = await verifyAuditChains({ within: copy.withContext });
    checks.push({
      check: "audit_chain",
      ok: report.broken.length === 0,
      detail:
        report.broken.length > 0
          ? listed(report.broken.map((b) => `event ${b.eventId}: ${b.problem}`))
          : `${report.events} events in ${report.chains} chains intact`,
    });
  } finally {
    await copy.close();
  }
  return checks;
}

/** Restores the latest good backup (or `backupId`) into a scratch database, verifies it, records it. */
export async function runDrill(trigger: BackupTrigger, options: DrillOptions = {}): Promise<DrillResult> {
  const url = options.url ?? backupDatabaseUrl();
  const dir = backupDir(options.dir);
  const startedAt = new Date();
  const backup = await withContext(SYSTEM, (tx) =>
    tx.backupRun.findFirst({
      where: { status: "succeeded", prunedAt: null, ...(options.backupId ? { id: options.backupId } : {}) },
      orderBy: { startedAt: "desc" },
    }),
  );
  const drill = await withContext(SYSTEM, (tx) =>
    tx.backupDrill.create({
      data: { trigger, status: "running", backupId: backup?.id ?? null, startedAt },
      select: { id: true },
    }),
  );
  const checks: DrillCheck[] = [];
  let rtoSeconds: number | null = null;
  const rpoSeconds = backup ? (startedAt.getTime() - backup.startedAt.getTime()) / 1000 : null;

  const finish = async (): Promise<DrillResult> => {
    const status = checks.length > 0 && checks.every((c) => c.ok) ? "passed" : "failed";
    const failed = checks.filter((c) => !c.ok).map((c) => `${c.check}: ${c.detail}`);
    await withContext(SYSTEM, (tx) =>
      tx.backupDrill.update({
        where: { id: drill.id },
        data: {
          status,
          finishedAt: new Date(),
          rtoSeconds,
          rpoSeconds,
          checks: checks.map((c) => ({ ...c })),
          error: status === "failed" ? failed.join("; ").slice(0, 4_000) || "no check ran" : null,
        },
      }),
    );
    return { id: drill.id, status, backupId: backup?.id ?? null, rtoSeconds, rpoSeconds, checks };
  };

  if (!backup?.fileName || !backup.sha256) {
    checks.push({
      check: "backup",
      ok: false,
      detail: "no good backup to restore (npm run cli -- backup:create)",
    });
    return finish();
  }
  const support = await backupSupport(url);
  if (!support.ok) {
    checks.push({ check: "backup", ok: false, detail: support.detail });
    return finish();
  }
  const file = path.join(dir, backup.fileName);
  try {
    await access(file);
  } catch {
    checks.push({ check: "backup", ok: false, detail: `the file ${backup.fileName} is not in ${dir}` });
    return finish();
  }

  const restoreStart = performance.now();
  const actual = await sha256File(file);
  checks.push({
    check: "checksum",
    ok: actual === backup.sha256,
    detail:
      actual === backup.sha256
        ? "SHA-256 as recorded"
        : `SHA-256 ${actual}, recorded ${backup.sha256}: the file changed`,
  });

  // A name PostgreSQL keeps whole (63 bytes at most).
  const scratch = `${databaseName(url).slice(0, 40)}_drill_${randomBytes(4).toString("hex")}`;
  const scratchUrl = withDatabase(url, scratch);
  const admin = (sql: string) => withPg(url, (client) => client.query(sql));
  try {
    await admin(`CREATE DATABASE ${pg.escapeIdentifier(scratch)}`);
    try {
      await runTool("pg_restore", ["--exit-on-error", `--dbname=${scratch}`, file], url);
      checks.push({ check: "restore", ok: true, detail: `restored into ${scratch}` });
    } catch (error) {
      checks.push({ check: "restore", ok: false, detail: (error as Error).message });
      return await finish();
    }
    if (options.beforeVerify) await options.beforeVerify(scratchUrl);
    checks.push(
      ...(await verifyCopy(scratchUrl, {
        migrations: backup.migrations as string[],
        rowCounts: backup.rowCounts as Record<string, number>,
      })),
    );
    rtoSeconds = (performance.now() - restoreStart) / 1000;
    return await finish();
  } catch (error) {
    checks.push({ check: "restore", ok: false, detail: (error as Error).message });
    return await finish();
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(scratch)} WITH (FORCE)`).catch(
      (error: unknown) => {
        console.error(`[backup-drill] could not drop the scratch database ${scratch}`, error);
      },
    );
  }
}
