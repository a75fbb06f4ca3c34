#!/usr/bin/env node
// Applies (or rolls back, or reports) the SQL migrations in sql/migrations with dbmate, on
// DATABASE_URL or on the URL given as --url. Usage: migrate.mjs up|rollback|status [--url URL]
import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const urlFlag = args.indexOf("--url");
const url = urlFlag >= 0 ? args[urlFlag + 1] : process.env.DATABASE_URL;
const verb = args.find((a, i) => !a.startsWith("--") && i !== urlFlag + 1) ?? "up";
if (!url) {
  console.error("migrate: DATABASE_URL is not set");
  process.exit(2);
}
// dbmate talks lib/pq: it wants sslmode spelled out for a local server without TLS.
const withSsl = url.includes("sslmode=") ? url : `${url}${url.includes("?") ? "&" : "?"}sslmode=disable`;
const result = spawnSync(
  path.join(root, "node_modules/.bin/dbmate"),
  ["--url", withSsl, "--migrations-dir", path.join(root, "sql/migrations"), "--no-dump-schema", verb],
  { stdio: "inherit" },
);
process.exit(result.status ?? 1);
