import { vi } from "vitest";

import { TEST_AUDIT_CHAIN_KEY, TEST_AUTH_SECRET } from "./env";

/**
 * For unit tests of code that reads env(): stubs what every parse requires (a database URL that is
 * never reached, AUTH_SECRET, AUDIT_CHAIN_KEY), then `vars` (undefined unsets one). vi.stubEnv, so
 * `vi.unstubAllEnvs()` undoes it and nothing leaks into the next file of a reused worker.
 */
export function stubRequiredEnv(vars: Record<string, string | undefined> = {}): void {
  vi.stubEnv("DATABASE_URL", "postgresql://127.0.0.1:1/never_connected");
  vi.stubEnv("AUTH_SECRET", TEST_AUTH_SECRET);
  vi.stubEnv("AUDIT_CHAIN_KEY", TEST_AUDIT_CHAIN_KEY);
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
}
