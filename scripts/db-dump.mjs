#!/usr/bin/env node
// Writes sql/schema.sql: the whole database as the migrations leave it (tables, functions, policies,
// grants), to read and to review beside a migration. It migrates a scratch database on the server
// of TEST_DATABASE_URL (the local PostgreSQL by default), dumps its schema with pg_dump and drops it.
// lib/db/schema-sql.int.test.ts fails when the file differs from what the migrations make.
//
//   db-dump.mjs                 rewrite sql/schema.sql                       (npm run db:dump)
//   db-dump.mjs --check         exit 1, with a diff, when sql/schema.sql differs
//   db-dump.mjs --url URL       dump URL's database, migrated already, instead of a scratch one
//
// The committed file comes from PostgreSQL 15's pg_dump, as CI has it; another major version words
// some statements differently.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import pg from "pg";

const root = path.resolve(import.meta.dirname, "..");
const schemaFile = path.join(root, "sql/schema.sql");
const args = process.argv.slice(2);
const check = args.includes("--check");
const urlFlag = args.indexOf("--url");
const givenUrl = urlFlag >= 0 ? args[urlFlag + 1] : undefined;
const server = process.env.TEST_DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:5432/postgres";

function run(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { cwd: root, encoding: "utf8", maxBuffer: 64 << 20 });
  if (result.error?.code === "ENOENT") {
    throw new Error(`${command} not found (Debian: apt-get install postgresql-client)`);
  }
  if (result.status !== 0) throw new Error(`${command} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function urlForDatabase(base, database) {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs `work` on a freshly migrated scratch database, dropped afterwards. */
async function withScratchDatabase(work) {
  const name = `freshplan_schema_dump_${randomBytes(4).toString("hex")}`;
  await withClient(server, (c) => c.query(`CREATE DATABASE ${name}`));
  try {
    const url = urlForDatabase(server, name);
    run(process.execPath, [path.join(root, "scripts/migrate.mjs"), "up", "--url", url]);
    return await work(url);
  } finally {
    await withClient(server, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}

/**
 * pg_dump's schema, without what differs between runs and machines: the random key of
 * \restrict / \unrestrict (pg_dump 15.14 and later) and the versions of server and client. Owners
 * are left out too (production's differ); grants stay, they are part of the design. Then the
 * applied migrations, as dbmate lists them in its own dumps.
 */
async function dump(url) {
  const schema = run("pg_dump", ["--schema-only", "--no-owner", "--dbname", url])
    .replace(/^\\(?:un)?restrict \S+\n\n?/gm, "")
    .replace(/^-- Dumped from database version .*\n-- Dumped by pg_dump version .*\n\n/m, "");
  const versions = await withClient(url, async (c) =>
    (await c.query("SELECT version FROM schema_migrations ORDER BY version")).rows.map((r) => r.version),
  );
  return (
    schema +
    "--\n-- Migrations applied (sql/migrations)\n--\n\n" +
    "INSERT INTO public.schema_migrations (version) VALUES\n" +
    versions.map((v) => `    ('${v}')`).join(",\n") +
    ";\n"
  );
}

/** The first lines of a unified diff from the committed file to `actual`. */
function diffFromCommitted(actual) {
  const dir = mkdtempSync(path.join(tmpdir(), "schema-dump-"));
  try {
    const file = path.join(dir, "schema.sql");
    writeFileSync(file, actual);
    const result = spawnSync(
      "diff",
      [
        "-uN",
        "--label",
        "sql/schema.sql (committed)",
        "--label",
        "sql/schema.sql (from the migrations)",
        schemaFile,
        file,
      ],
      { encoding: "utf8", maxBuffer: 64 << 20 },
    );
    const lines = result.stdout.split("\n");
    const shown = 120;
    return lines.length > shown
      ? [...lines.slice(0, shown), `… and ${lines.length - shown} more lines of diff`].join("\n")
      : result.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const actual = givenUrl ? await dump(givenUrl) : await withScratchDatabase(dump);
if (!check) {
  writeFileSync(schemaFile, actual);
  console.log(`wrote ${path.relative(root, schemaFile)}`);
} else if ((existsSync(schemaFile) ? readFileSync(schemaFile, "utf8") : "") !== actual) {
  console.log(diffFromCommitted(actual));
  console.log("\nsql/schema.sql is not what the migrations make: run `npm run db:dump` and commit it.");
  process.exit(1);
}
