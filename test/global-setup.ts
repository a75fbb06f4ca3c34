import { spawnSync } from "node:child_process";
import path from "node:path";

import type { TestProject } from "vitest/node";

import { testAdminUrl } from "./env";
import {
  dropDatabase,
  ensureWebLoginRole,
  listTestDatabases,
  newRunId,
  quoteIdent,
  templateDatabaseName,
  urlForDatabase,
  withAdmin,
} from "./pg";

declare module "vitest" {
  export interface ProvidedContext {
    /** This run's id; its migrated template is templateDatabaseName(runId) (see test/pg.ts). */
    testRunId: string;
  }
}

const root = path.resolve(import.meta.dirname, "..");

/** Test databases a crashed or killed run left behind are dropped once they are this old. */
const STALE_AFTER_MS = 60 * 60 * 1000;

function assertLocal(url: string) {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
    throw new Error(`Refusing to create and drop test databases on a non-local server (${host}).`);
  }
}

/** Drops the test databases of one run, or of every run that started before `startedBefore`. */
async function dropTestDatabases(which: { runId: string } | { startedBefore: number }) {
  await withAdmin(async (admin) => {
    for (const db of await listTestDatabases(admin)) {
      if ("runId" in which ? db.runId === which.runId : db.startedAt < which.startedBefore) {
        await dropDatabase(admin, db.name);
      }
    }
  });
}

/**
 * Integration tier, once per run: creates this run's template database and migrates it with the
 * same dbmate migrations production uses. Each test file then copies it (test/db-setup.ts), which
 * takes a fraction of a second instead of running the migrations again. Dropped after the run.
 */
export default async function globalSetup(project: TestProject) {
  const adminUrl = testAdminUrl();
  assertLocal(adminUrl);
  await dropTestDatabases({ startedBefore: Date.now() - STALE_AFTER_MS });

  const runId = newRunId();
  const template = templateDatabaseName(runId);
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${quoteIdent(template)}`));
  // The template, and any file database whose file could not drop it (a file that failed to import
  // never runs its afterAll).
  const teardown = () => dropTestDatabases({ runId });

  try {
    const migrate = spawnSync(
      process.execPath,
      [path.join(root, "scripts/migrate.mjs"), "up", "--url", urlForDatabase(adminUrl, template)],
      { cwd: root, encoding: "utf8" },
    );
    if (migrate.status !== 0) {
      throw new Error(
        `Migrating the test template failed (exit ${migrate.status}):\n${migrate.stdout}\n${migrate.stderr}`,
      );
    }
    await withAdmin(async (admin) => {
      // The migrations have created freshplan_app; lib/db/login-role.int.test.ts logs in as its member.
      await ensureWebLoginRole(admin);
      // Nobody may connect to the template: CREATE DATABASE … TEMPLATE refuses a template in use.
      await admin.query(
        `ALTER DATABASE ${quoteIdent(template)} WITH ALLOW_CONNECTIONS false IS_TEMPLATE true`,
      );
    });
  } catch (error) {
    await teardown();
    throw error;
  }

  project.provide("testRunId", runId);
  return teardown;
}
