import { randomBytes } from "node:crypto";

import pg from "pg";

import { testAdminUrl, testDatabaseUrl } from "./env";

/**
 * Test databases are named `freshplan_test_<run>_…`, where <run> is the base-36 start time of the
 * vitest run plus a random part: `…_template` is the run's migrated template, `…_f<random>` one
 * per test file (copied from the template with CREATE DATABASE … TEMPLATE). Names are unique per
 * run, so runs from several working sessions on one server never drop each other's databases; the
 * run's teardown drops all of its own, and the time lets a later run clean up after a killed one.
 */
const TEST_DB_PREFIX = "freshplan_test_";

export function newRunId(): string {
  return `${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
}

export const templateDatabaseName = (runId: string) => `${TEST_DB_PREFIX}${runId}_template`;

export const fileDatabaseName = (runId: string) =>
  `${TEST_DB_PREFIX}${runId}_f${randomBytes(4).toString("hex")}`;

/** The test databases on the server: name, run id and the run's start time. */
export async function listTestDatabases(admin: pg.Client) {
  const { rows } = await admin.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname LIKE $1",
    [`${TEST_DB_PREFIX.replaceAll("_", "\\_")}%`],
  );
  return rows.flatMap(({ datname }) => {
    const match = /^freshplan_test_(([0-9a-z]+)_[0-9a-f]{6})_(template|f[0-9a-f]{8})$/.exec(datname);
    return match ? [{ name: datname, runId: match[1], startedAt: parseInt(match[2], 36) }] : [];
  });
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** `base` with its database name replaced. */
export function urlForDatabase(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Runs `work` on the admin connection (TEST_DATABASE_URL). */
export function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  return withClient(testAdminUrl(), work);
}

/**
 * Runs `work` on this test file's database as the login role (postgres, a superuser): outside the
 * app's role and RLS, to look at or change what the app cannot. Only for arranging and asserting.
 */
export function asSuperuser<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  return withClient(testDatabaseUrl(), work);
}

/** Drops a database even if sessions are connected, and even if it is marked as a template. */
export async function dropDatabase(admin: pg.Client, name: string): Promise<void> {
  const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
  if (!rowCount) return;
  await admin.query(`ALTER DATABASE ${quoteIdent(name)} WITH IS_TEMPLATE false`);
  await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
}

/**
 * A login role shaped like production's `freshplan_web` (README, "Production database roles"): it
 * can log in, owns nothing, inherits nothing and can only become freshplan_app. Roles are
 * cluster-wide, so this one is created once, idempotently, and kept (it holds no privileges). Its
 * password is no secret: it is for servers that want one on TCP (scripts/test.sh sets up such a one).
 */
export const WEB_LOGIN_ROLE = "freshplan_test_web";
export const WEB_LOGIN_PASSWORD = "freshplan_test_web";

export async function ensureWebLoginRole(admin: pg.Client): Promise<void> {
  await admin.query(`
    DO $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${WEB_LOGIN_ROLE}') THEN
        CREATE ROLE ${WEB_LOGIN_ROLE} LOGIN NOINHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS
          PASSWORD '${WEB_LOGIN_PASSWORD}';
      ELSIF EXISTS (SELECT 1 FROM pg_authid WHERE rolname = '${WEB_LOGIN_ROLE}' AND rolpassword IS NULL) THEN
        ALTER ROLE ${WEB_LOGIN_ROLE} PASSWORD '${WEB_LOGIN_PASSWORD}';
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL; -- another run created it at the same moment
    END
    $$`);
  // Granted once; checking first keeps concurrent runs from updating pg_auth_members at once.
  const { rowCount } = await admin.query(
    `SELECT 1 FROM pg_auth_members m
     JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
     WHERE r.rolname = 'freshplan_app' AND u.rolname = $1`,
    [WEB_LOGIN_ROLE],
  );
  if (!rowCount) await admin.query(`GRANT freshplan_app TO ${WEB_LOGIN_ROLE}`);
}

/** `url` with another user and password. */
export function urlForUser(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = password;
  return parsed.toString();
}
