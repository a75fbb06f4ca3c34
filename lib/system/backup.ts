import "server-only";

import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";

import { systemContext, withContext, type DbContext } from "@/lib/db";
import { env } from "@/lib/env";
import { readEffectiveValue } from "@/lib/settings/queries";

import { appliedMigrations, backupDatabaseUrl, backupSupport, countRows, runTool, withPg } from "./backup-pg";
import { backupsToKeep, type RetentionPolicy } from "./backup-retention";

/**
 * Backups (issue 15): `pg_dump --format=custom` of the app's database into BACKUP_DIR, recorded in
 * backup_run with the file's SHA-256 and size, and — read in the very snapshot pg_dump dumps — the
 * rows of every table and the migrations applied, so a restore drill (drill.ts) can tell whether
 * what came back is what went in. Then retention prunes older files (backup-retention.ts).
 */

export type BackupTrigger = "cron" | "manual" | "cli";

export interface BackupOptions {
  /** The database to dump; BACKUP_DATABASE_URL or DATABASE_URL by default. */
  url?: string;
  /** Where the file goes; BACKUP_DIR by default. */
  dir?: string;
}

export type BackupResult =
  | {
      status: "succeeded";
      id: string;
      fileName: string;
      sizeBytes: number;
      sha256: string;
      tables: number;
      rows: number;
      pruned: number;
    }
  | { status: "failed"; id: string; error: string };

export const SYSTEM = systemContext("backup");

export function backupDir(dir?: string): string {
  return path.resolve(dir ?? env().BACKUP_DIR);
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** 2026-12-07T22:09:28.123Z → 20261207T220928Z */
const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");

/** Takes a backup now, records it, then prunes by retention. A refusal or failure is recorded too. */
export async function createBackup(
  trigger: BackupTrigger,
  options: BackupOptions = {},
): Promise<BackupResult> {
  const url = options.url ?? backupDatabaseUrl();
  const dir = backupDir(options.dir);
  const run = await withContext(SYSTEM, (tx) =>
    tx.backupRun.create({ data: { trigger, status: "running" }, select: { id: true, startedAt: true } }),
  );
  const fail = async (error: string): Promise<BackupResult> => {
    await withContext(SYSTEM, (tx) =>
      tx.backupRun.update({
        where: { id: run.id },
        data: { status: "failed", finishedAt: new Date(), error: error.slice(0, 4_000) },
      }),
    );
    return { status: "failed", id: run.id, error };
  };

  const support = await backupSupport(url);
  if (!support.ok) return fail(support.detail);

  const fileName = `freshplan-${stamp(run.startedAt)}-${run.id.slice(0, 8)}.dump`;
  const final = path.join(dir, fileName);
  const partial = path.join(dir, `.${fileName}.${randomBytes(4).toString("hex")}.partial`);
  let recorded: { migrations: string[]; rowCounts: Record<string, number> };
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    // One snapshot for the counts and the dump: a REPEATABLE READ transaction exports it, pg_dump
    // reads it (--snapshot) while the transaction stays open. row_security off: the counts are of
    // every row, and a role that RLS would filter fails here, loudly, as pg_dump would.
    recorded = await withPg(url, async (client) => {
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      try {
        await client.query("SET LOCAL row_security = off");
        const { rows } = await client.query<{ snapshot: string }>("SELECT pg_export_snapshot() AS snapshot");
        const migrations = await appliedMigrations(client);
        const rowCounts = await countRows(client);
        await runTool(
          "pg_dump",
          ["--format=custom", `--snapshot=${rows[0].snapshot}`, `--file=${partial}`],
          url,
        );
        return { migrations, rowCounts };
      } finally {
        await client.query("COMMIT");
      }
    });
    await rename(partial, final);
  } catch (error) {
    await rm(partial, { force: true });
    return fail((error as Error).message);
  }
  const [sha256, { size }] = await Promise.all([sha256File(final), stat(final)]);
  await withContext(SYSTEM, (tx) =>
    tx.backupRun.update({
      where: { id: run.id },
      data: {
        status: "succeeded",
        finishedAt: new Date(),
        fileName,
        sizeBytes: BigInt(size),
        sha256,
        serverVersion: support.serverVersion,
        migrations: recorded.migrations,
        rowCounts: recorded.rowCounts,
      },
    }),
  );
  const pruned = await pruneBackups({ dir });
  return {
    status: "succeeded",
    id: run.id,
    fileName,
    sizeBytes: size,
    sha256,
    tables: Object.keys(recorded.rowCounts).length,
    rows: Object.values(recorded.rowCounts).reduce((a, b) => a + b, 0),
    pruned,
  };
}

/**
 * A global setting, read in any organisation's context (global values are visible only with one;
 * the keys read here have no narrower scope). Without organisations, the default.
 */
async function readGlobal(
  system: DbContext,
  key: "system.backups.keepDaily" | "system.backups.keepWeekly" | "system.backups.keepMonthly",
): Promise<number> {
  return withContext(system, async (tx) => {
    const [org] = await tx.$queryRaw<{ id: string }[]>`SELECT id::text FROM app_job_org_ids() AS id LIMIT 1`;
    if (org) await tx.$executeRaw`SELECT set_config('app.org_id', ${org.id}, true)`;
    return readEffectiveValue(tx, { orgId: org?.id ?? null, userId: null }, key);
  });
}

export async function retentionPolicy(system: DbContext = SYSTEM): Promise<RetentionPolicy> {
  return {
    daily: await readGlobal(system, "system.backups.keepDaily"),
    weekly: await readGlobal(system, "system.backups.keepWeekly"),
    monthly: await readGlobal(system, "system.backups.keepMonthly"),
  };
}

/**
 * Deletes the files retention does not keep and stamps their rows pruned_at. The newest good
 * backup and the newest one a drill passed on are always kept. Returns how many were pruned.
 */
export async function pruneBackups(
  options: { dir?: string; policy?: RetentionPolicy } = {},
): Promise<number> {
  const dir = backupDir(options.dir);
  const policy = options.policy ?? (await retentionPolicy());
  const { good, drilled } = await withContext(SYSTEM, async (tx) => ({
    good: await tx.backupRun.findMany({
      where: { status: "succeeded", prunedAt: null },
      select: { id: true, startedAt: true, fileName: true },
    }),
    drilled: await tx.backupDrill.findFirst({
      where: { status: "passed", backupId: { not: null } },
      orderBy: { startedAt: "desc" },
      select: { backupId: true },
    }),
  }));
  const keep = backupsToKeep(good, policy, drilled?.backupId ? [drilled.backupId] : []);
  let pruned = 0;
  for (const backup of good) {
    if (keep.has(backup.id) || !backup.fileName) continue;
    await rm(path.join(dir, backup.fileName), { force: true });
    await withContext(SYSTEM, (tx) =>
      tx.backupRun.update({ where: { id: backup.id }, data: { prunedAt: new Date() } }),
    );
    pruned += 1;
  }
  return pruned;
}
