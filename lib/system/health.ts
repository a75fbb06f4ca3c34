import "server-only";

import { readdir } from "node:fs/promises";
import path from "node:path";

import { withoutOrg } from "@/lib/db";

export interface Health {
  status: "ok" | "degraded" | "down";
  database: "up" | "down";
  migrations: { applied: number; pending: string[] };
  checkedAt: string;
}

/** Versions of the migration files shipped with this build (dbmate: the digits before "_"). */
export async function shippedMigrations(): Promise<string[]> {
  const files = await readdir(path.join(process.cwd(), "sql", "migrations"));
  return files
    .filter((f) => f.endsWith(".sql"))
    .map((f) => f.split("_")[0])
    .sort();
}

/** Is the database reachable, and has every migration this build ships been applied? */
export async function checkHealth(): Promise<Health> {
  const checkedAt = new Date().toISOString();
  const shipped = await shippedMigrations();
  let applied: string[];
  try {
    const rows = await withoutOrg(
      (tx) => tx.$queryRaw<{ version: string }[]>`SELECT version FROM schema_migrations`,
    );
    applied = rows.map((r) => r.version);
  } catch {
    return { status: "down", database: "down", migrations: { applied: 0, pending: shipped }, checkedAt };
  }
  const pending = shipped.filter((v) => !applied.includes(v));
  return {
    status: pending.length === 0 ? "ok" : "degraded",
    database: "up",
    migrations: { applied: applied.length, pending },
    checkedAt,
  };
}
