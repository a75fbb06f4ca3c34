import "server-only";

import type { Tx } from "@/lib/db";

/**
 * Reads of the backup history, in a transaction whose context may see it (the system context, or
 * the operator's admins: backup_run's policies). No permission checks: the callers make them.
 */

export interface BackupRunView {
  id: string;
  trigger: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  fileName: string | null;
  sizeBytes: number | null;
  sha256: string | null;
  tables: number;
  rows: number;
  error: string | null;
  prunedAt: string | null;
}

export interface DrillCheckView {
  check: string;
  ok: boolean;
  detail: string;
}

export interface BackupDrillView {
  id: string;
  backupId: string | null;
  trigger: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  rtoSeconds: number | null;
  rpoSeconds: number | null;
  checks: DrillCheckView[];
  error: string | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function recentBackups(tx: Tx, limit = 50): Promise<BackupRunView[]> {
  const rows = await tx.backupRun.findMany({ orderBy: { startedAt: "desc" }, take: limit });
  return rows.map((r) => {
    const counts = Object.values((r.rowCounts ?? {}) as Record<string, number>);
    return {
      id: r.id,
      trigger: r.trigger,
      status: r.status,
      startedAt: r.startedAt.toISOString(),
      finishedAt: iso(r.finishedAt),
      fileName: r.fileName,
      sizeBytes: r.sizeBytes === null ? null : Number(r.sizeBytes),
      sha256: r.sha256,
      tables: counts.length,
      rows: counts.reduce((a, b) => a + b, 0),
      error: r.error,
      prunedAt: iso(r.prunedAt),
    };
  });
}

export async function recentDrills(tx: Tx, limit = 20): Promise<BackupDrillView[]> {
  const rows = await tx.backupDrill.findMany({ orderBy: { startedAt: "desc" }, take: limit });
  return rows.map((r) => ({
    id: r.id,
    backupId: r.backupId,
    trigger: r.trigger,
    status: r.status,
    startedAt: r.startedAt.toISOString(),
    finishedAt: iso(r.finishedAt),
    rtoSeconds: r.rtoSeconds === null ? null : Number(r.rtoSeconds),
    rpoSeconds: r.rpoSeconds === null ? null : Number(r.rpoSeconds),
    checks: (Array.isArray(r.checks) ? r.checks : []) as unknown as DrillCheckView[],
    error: r.error,
  }));
}

export interface BackupState {
  /** Hours since the newest good backup; without one, since the first attempt; null: never tried. */
  ageHours: number | null;
  lastGoodAt: string | null;
  /** The newest finished drill's outcome. */
  lastDrill: { status: string; at: string } | null;
}

export async function backupState(tx: Tx, now: Date = new Date()): Promise<BackupState> {
  const [good, first, drill] = await Promise.all([
    tx.backupRun.findFirst({
      where: { status: "succeeded" },
      orderBy: { startedAt: "desc" },
      select: { startedAt: true },
    }),
    tx.backupRun.findFirst({ orderBy: { startedAt: "asc" }, select: { startedAt: true } }),
    tx.backupDrill.findFirst({
      where: { status: { not: "running" } },
      orderBy: { startedAt: "desc" },
      select: { status: true, startedAt: true },
    }),
  ]);
  const since = good?.startedAt ?? first?.startedAt ?? null;
  return {
    ageHours: since ? (now.getTime() - since.getTime()) / 3_600_000 : null,
    lastGoodAt: iso(good?.startedAt ?? null),
    lastDrill: drill ? { status: drill.status, at: drill.startedAt.toISOString() } : null,
  };
}
