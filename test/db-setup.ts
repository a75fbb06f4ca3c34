import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, inject } from "vitest";

import { disconnect } from "@/lib/db";
import { closeRateLimits } from "@/lib/http/rate-limit";
import { flushAppLog, setAppLogEnabled } from "@/lib/log/sink";

import { TEST_AUDIT_CHAIN_KEY, TEST_AUTH_SECRET, setTestEnv, testAdminUrl } from "./env";
import {
  dropDatabase,
  fileDatabaseName,
  quoteIdent,
  templateDatabaseName,
  urlForDatabase,
  withAdmin,
} from "./pg";

/**
 * Integration tier, once per test file (a setup file runs before the file's own imports): the file
 * gets a database of its own, copied from the run's migrated template, so files run in parallel
 * without seeing each other's rows. lib/env.ts parses lazily, so setting DATABASE_URL here is early
 * enough.
 */
const runId = inject("testRunId");
const name = fileDatabaseName(runId);

await withAdmin((admin) =>
  admin.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(templateDatabaseName(runId))}`),
);

const url = urlForDatabase(testAdminUrl(), name);
setTestEnv({
  DATABASE_URL: url,
  TEST_FILE_DATABASE_URL: url,
  AUTH_SECRET: TEST_AUTH_SECRET,
  AUDIT_CHAIN_KEY: TEST_AUDIT_CHAIN_KEY,
  // Published audit heads go beside the file's database, never into a working copy's .data/.
  AUDIT_HEADS_FILE: path.join(tmpdir(), `${name}-audit-heads.jsonl`),
  // Two files run at once; keep their pools small next to other users of the server.
  DATABASE_POOL_MAX: "4",
  // The file's own counters in the shared Redis (when REDIS_URL is set): other files, runs and
  // working copies count under other prefixes.
  REDIS_KEY_PREFIX: `test:${name}:`,
});

afterAll(async () => {
  // Warnings and errors the file logged reach its app_log before the database goes (lib/log/sink.ts).
  await flushAppLog();
  setAppLogEnabled(false);
  await closeRateLimits();
  await disconnect();
  await withAdmin((admin) => dropDatabase(admin, name));
  await rm(path.join(tmpdir(), `${name}-audit-heads.jsonl`), { force: true });
});
