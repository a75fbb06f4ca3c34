#!/usr/bin/env node
// Runs a command against the database. With DATABASE_URL set, that server. Without it, the embedded
// default: PostgreSQL compiled to WASM (PGlite) served on 127.0.0.1 by pglite-socket, data kept in
// .data/pglite (git ignores it), so the app uses the same adapter-pg path as in production. The
// server is started if nothing listens on its port yet and stopped when the command ends.
// Also provides AUTH_SECRET and AUDIT_CHAIN_KEY for local runs: generated once, kept in
// .data/auth-secret and .data/audit-chain-key.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const dataDir = path.join(root, ".data");
const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: with-db.mjs <command> [args…]");
  process.exit(2);
}

const env = { ...process.env };

/** A secret for local runs: generated once into .data/<file>, then read from there. */
function localSecret(file) {
  mkdirSync(dataDir, { recursive: true });
  const secretFile = path.join(dataDir, file);
  if (!existsSync(secretFile))
    writeFileSync(secretFile, randomBytes(32).toString("base64url"), { mode: 0o600 });
  return readFileSync(secretFile, "utf8").trim();
}

env.AUTH_SECRET ||= localSecret("auth-secret");
env.AUDIT_CHAIN_KEY ||= localSecret("audit-chain-key");

function listening(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}

let embedded;
if (!env.DATABASE_URL) {
  const port = Number(env.EMBEDDED_DB_PORT ?? 54329);
  env.DATABASE_URL = `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
  // PGlite is one session behind all connections; pglite-socket queues whole transactions, so a
  // few connections (app, CLI, migrations) can share it without interleaving.
  env.DATABASE_POOL_MAX = "2";
  // The demo organisation is the operator's: its admins may change global settings and run jobs.
  env.PLATFORM_ORG_SLUG ??= "freshfoodz-demo";
  if (!(await listening(port))) {
    mkdirSync(path.join(dataDir, "pglite"), { recursive: true });
    const server = path.join(root, "node_modules/@electric-sql/pglite-socket/dist/scripts/server.js");
    embedded = spawn(
      process.execPath,
      [
        server,
        `--db=${path.join(dataDir, "pglite")}`,
        `--port=${port}`,
        "--host=127.0.0.1",
        "--max-connections=16",
        // Contrib extensions the migrations create (pg_trgm: the help search's typo tolerance).
        "--extensions=pg_trgm",
      ],
      {
        stdio: ["ignore", "ignore", "inherit"],
      },
    );
    embedded.on("exit", (code) => {
      if (code !== null && code !== 0) console.error(`embedded PostgreSQL exited with ${code}`);
    });
    const deadline = Date.now() + 90_000;
    while (!(await listening(port))) {
      if (embedded.exitCode !== null || Date.now() > deadline) {
        console.error(`embedded PostgreSQL did not start on port ${port}`);
        process.exit(1);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    console.error(`embedded PostgreSQL (PGlite) on 127.0.0.1:${port}, data in .data/pglite`);
  }
}

const child = spawn(command, args, { stdio: "inherit", env, shell: false });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => {
  embedded?.kill("SIGTERM");
  process.exitCode = code ?? (signal ? 1 : 0);
});
