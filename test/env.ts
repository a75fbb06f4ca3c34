/**
 * The test harness's side of the environment. App code reads variables only through lib/env.ts,
 * which parses them lazily on first use; these helpers set them before that happens.
 */

/** The server where the test databases are made: an admin connection to any existing database. */
export function testAdminUrl(): string {
  return process.env.TEST_DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:5432/postgres";
}

/** A fixed, long enough AUTH_SECRET for tests (lib/env.ts wants 32 characters or more). */
export const TEST_AUTH_SECRET = "test-only-auth-secret-0123456789abcdef";

/** A fixed AUDIT_CHAIN_KEY for tests (32 bytes or more). */
export const TEST_AUDIT_CHAIN_KEY = "test-only-audit-chain-key-0123456789abcdef";

/**
 * Sets variables for the code under test. Call it at the top of a test file, before anything calls
 * env(): lib/env.ts caches its first parse for the rest of the file.
 */
export function setTestEnv(vars: Record<string, string>): void {
  Object.assign(process.env, vars);
}

/**
 * The URL of this test file's own database, as the superuser login (set by test/db-setup.ts; a
 * file may point DATABASE_URL at another login role, this stays).
 */
export function testDatabaseUrl(): string {
  const url = process.env.TEST_FILE_DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: is test/db-setup.ts in setupFiles?");
  return url;
}

/** The environment for a child process (the CLI) that should use this file's database. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: testDatabaseUrl(),
    AUTH_SECRET: TEST_AUTH_SECRET,
    AUDIT_CHAIN_KEY: TEST_AUDIT_CHAIN_KEY,
    ...extra,
  };
}

/** The Redis the tests use for the shared-store cases (scripts/test.sh starts one on this port). */
export function testRedisUrl(): string {
  return process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
}
