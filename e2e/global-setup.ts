import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";

import { Client } from "pg";

import { cli, createUser, startCliServer } from "./cli";
import { quoteIdent } from "../test/pg";

import { E2E_ADMIN_DATABASE_URL, E2E_DATABASE, E2E_DATABASE_URL } from "./env";
import { STATE_FILE, type E2EState } from "./state";

/** The browser tests may wipe their database: make sure it is a local one. */
function assertLocal(url: string) {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
    throw new Error(`Refusing to run browser tests against a non-local database (${host}).`);
  }
}

export default async function globalSetup() {
  assertLocal(E2E_DATABASE_URL);
  const admin = new Client({ connectionString: E2E_ADMIN_DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(E2E_DATABASE)} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${quoteIdent(E2E_DATABASE)}`);
  await admin.end();
  execFileSync("node", ["scripts/migrate.mjs", "up", "--url", E2E_DATABASE_URL], { stdio: "inherit" });
  mkdirSync("e2e/.state", { recursive: true });
  const stopCli = await startCliServer();

  cli("orgs:create", "--name", "Alpha Frischdienst", "--slug", "e2e-alpha");
  cli("orgs:create", "--name", "Beta Gastro", "--slug", "e2e-beta");
  const state: E2EState = {
    alphaAdmin: {
      email: "admin@alpha.e2e.example",
      password: createUser("admin@alpha.e2e.example", "e2e-alpha", "admin", "Alma Alpha"),
    },
    betaAdmin: {
      email: "admin@beta.e2e.example",
      password: createUser("admin@beta.e2e.example", "e2e-beta", "admin", "Bert Beta"),
    },
    multi: {
      email: "multi@e2e.example",
      password: createUser("multi@e2e.example", "e2e-alpha", "manager", "Mia Multi"),
    },
  };
  cli(
    "users:create",
    "--email",
    "multi@e2e.example",
    "--name",
    "Mia Multi",
    "--org",
    "e2e-beta",
    "--role",
    "auditor",
  );
  writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
  return stopCli;
}
