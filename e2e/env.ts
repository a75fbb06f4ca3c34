import { FAKE_API_KEY } from "../test/fakes/ai-providers";

// Where the browser tests run: a database of their own on the local PostgreSQL, and the app's env.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
/**
 * The journeys that need AI (e2e/help-journey.spec.ts) use a second server of the same build on the
 * same database, with the fake OpenAI (e2e/fake-ai-server.ts) as its provider; the first server has
 * no AI, as an installation without a key has none.
 */
export const E2E_AI_PORT = E2E_PORT + 1;
export const E2E_AI_URL = `http://127.0.0.1:${E2E_AI_PORT}`;
export const E2E_FAKE_OPENAI_PORT = E2E_PORT + 2;

const serverUrl = new URL(
  process.env.TEST_DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:5432/postgres",
);
export const E2E_ADMIN_DATABASE_URL = serverUrl.toString();
/** Several working copies on one machine each name their own (`E2E_DATABASE`, `E2E_PORT`). */
export const E2E_DATABASE = process.env.E2E_DATABASE ?? "freshplan_e2e";
serverUrl.pathname = `/${E2E_DATABASE}`;
export const E2E_DATABASE_URL = serverUrl.toString();

/**
 * One id per run, fixed by the main process before it starts workers and the server (they inherit
 * it): the app's counters in a shared Redis start from zero on every run.
 */
process.env.E2E_RUN_ID ??= `${Date.now()}-${process.pid}`;

/** Environment of the app under test and of the CLI the tests call. */
export const E2E_ENV: Record<string, string> = {
  AUTH_SECRET: "e2e-secret-not-for-production-0123456789abcdef",
  AUDIT_CHAIN_KEY: "e2e-audit-chain-key-not-for-production-0123456789",
  AUDIT_HEADS_FILE: `test-results/audit-heads-${E2E_DATABASE}.jsonl`,
  LOGIN_LIMIT_PER_ACCOUNT: "5",
  // Every test signs in from 127.0.0.1: the per-IP limit must not stop the suite itself.
  LOGIN_LIMIT_PER_IP: "10000",
  PUBLIC_RATE_LIMIT_PER_IP_PER_MINUTE: "10000",
  API_RATE_LIMIT_PER_IP_PER_MINUTE: "10000",
  REDIS_KEY_PREFIX: `e2e:${E2E_DATABASE}:${process.env.E2E_RUN_ID}:`,
  NEXT_TELEMETRY_DISABLED: "1",
  PLATFORM_ORG_SLUG: "e2e-alpha",
  // A production build answers /api/metrics only with the token.
  METRICS_TOKEN: "e2e-metrics-token-0123456789",
  // Jobs run when the tests ask, not on the clock.
  LOCAL_SCHEDULER: "off",
  // No IMAP watcher in the server under test: the inbox is read when the tests run the job.
  MAIL_IDLE: "off",
  // Encrypts integration secrets (32 bytes, base64); a fixed test key.
  INTEGRATIONS_KEY: "ZTJlLWludGVncmF0aW9ucy1rZXktMzItYnl0ZXMhISE=",
};

/** What the AI server adds to E2E_ENV: the fake OpenAI as its provider. */
export const E2E_AI_ENV: Record<string, string> = {
  OPENAI_API_KEY: FAKE_API_KEY,
  OPENAI_BASE_URL: `http://127.0.0.1:${E2E_FAKE_OPENAI_PORT}/v1`,
};
