import "server-only";

import { spawn, spawnSync } from "node:child_process";

import pg from "pg";

import { env, executablePath } from "@/lib/env";

/**
 * The PostgreSQL client tools backups and drills run (pg_dump, pg_restore), and the connection they
 * use: BACKUP_DATABASE_URL, or DATABASE_URL. The password goes to the tools through PGPASSWORD,
 * never on their command line (where `ps` would show it).
 */

export function backupDatabaseUrl(): string {
  return env().BACKUP_DATABASE_URL ?? env().DATABASE_URL;
}

/** libpq's variables for `url`; the tools then take no connection arguments. */
export function libpqEnv(url: string): Record<string, string> {
  const u = new URL(url);
  const sslmode = u.searchParams.get("sslmode");
  return {
    ...(executablePath() ? { PATH: executablePath()! } : {}),
    PGHOST: decodeURIComponent(u.hostname),
    PGPORT: u.port || "5432",
    PGUSER: decodeURIComponent(u.username),
    PGPASSWORD: decodeURIComponent(u.password),
    PGDATABASE: decodeURIComponent(u.pathname.slice(1)),
    ...(sslmode ? { PGSSLMODE: sslmode } : {}),
  };
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

export async function withPg<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The major version of a client tool (`pg_dump (PostgreSQL) 15.20 …` → 15), or null when missing. */
export function toolMajor(tool: "pg_dump" | "pg_restore"): { major: number; version: string } | null {
  const result = spawnSync(tool, ["--version"], { encoding: "utf8" });
  if (result.error || result.status !== 0) return null;
  const match = /\(PostgreSQL\)\s+(\d+)(\.\d+)?/.exec(result.stdout);
  return match ? { major: Number(match[1]), version: result.stdout.trim() } : null;
}

export type BackupSupport =
  | { ok: true; serverVersion: string; toolVersion: string }
  | { ok: false; reason: "unreachable" | "embedded" | "no_tools" | "version_mismatch"; detail: string };

/**
 * Whether this instance can take and restore backups: a reachable PostgreSQL server (not the
 * embedded PGlite, which pg_dump cannot read over its socket) and pg_dump/pg_restore of the server's
 * major version (an older pg_dump refuses a newer server; a newer one writes dumps the server's
 * own pg_restore may not read). Never a guess: the reason says what is missing.
 */
export async function backupSupport(url = backupDatabaseUrl()): Promise<BackupSupport> {
  let version: string;
  let major: number;
  try {
    ({ version, major } = await withPg(url, async (client) => {
      const { rows } = await client.query<{ version: string; num: string }>(
        "SELECT version(), current_setting('server_version_num') AS num",
      );
      return { version: rows[0].version, major: Math.floor(Number(rows[0].num) / 10_000) };
    }));
  } catch (error) {
    return {
      ok: false,
      reason: "unreachable",
      detail: `PostgreSQL did not answer: ${(error as Error).message}`,
    };
  }
  if (/emscripten|wasm|pglite/i.test(version)) {
    return {
      ok: false,
      reason: "embedded",
      detail:
        "The app runs on the embedded PGlite database: backups need a PostgreSQL server (set DATABASE_URL).",
    };
  }
  const dump = toolMajor("pg_dump");
  const restore = toolMajor("pg_restore");
  if (!dump || !restore) {
    return {
      ok: false,
      reason: "no_tools",
      detail: `pg_dump and pg_restore ${major} are needed (Debian: apt-get install postgresql-client-${major}).`,
    };
  }
  if (dump.major !== major || restore.major !== major) {
    return {
      ok: false,
      reason: "version_mismatch",
      detail: `The server is PostgreSQL ${major}, but pg_dump is ${dump.major} and pg_restore ${restore.major}: install postgresql-client-${major}.`,
    };
  }
  return { ok: true, serverVersion: version, toolVersion: dump.version };
}

/** Runs a client tool on `url`'s database; rejects with its standard error when it fails. */
export function runTool(tool: "pg_dump" | "pg_restore", args: string[], url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, {
      env: libpqEnv(url) as NodeJS.ProcessEnv,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      if (stderr.length < 8_000) stderr += chunk.toString("utf8");
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${tool} exited with ${code}: ${stderr.trim().slice(0, 2_000)}`));
    });
  });
}

/** The tables whose rows a backup counts and a drill compares: every table of the public schema. */
export async function countRows(client: pg.Client): Promise<Record<string, number>> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1`,
  );
  const counts = Object.create(null) as Record<string, number>;
  for (const { name } of tables) {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM ${pg.escapeIdentifier(name)}`,
    );
    counts[name] = Number(rows[0].n);
  }
  return counts;
}

/** The migration versions applied to a database (dbmate's schema_migrations). */
export async function appliedMigrations(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ version: string }>(
    "SELECT version FROM schema_migrations ORDER BY version",
  );
  return rows.map((r) => r.version);
}
