#!/usr/bin/env node
// Starts the production server that `next build` wrote to .next/standalone, on PORT (default 3000).
import { cpSync, existsSync } from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";

const root = path.resolve(import.meta.dirname, "..");
const standalone = path.join(root, ".next/standalone");
if (!existsSync(path.join(standalone, "server.js"))) {
  console.error("No build found: run `npm run build` first.");
  process.exit(1);
}
// The standalone server serves static assets only from its own folder.
cpSync(path.join(root, ".next/static"), path.join(standalone, ".next/static"), { recursive: true });
if (existsSync(path.join(root, "public")))
  cpSync(path.join(root, "public"), path.join(standalone, "public"), { recursive: true });
cpSync(path.join(root, "sql"), path.join(standalone, "sql"), { recursive: true });

const port = process.env.PORT ?? "3000";
const hostname = process.env.HOST ?? "0.0.0.0";
const server = spawn(process.execPath, [path.join(standalone, "server.js")], {
  stdio: "inherit",
  cwd: standalone,
  env: { ...process.env, PORT: port, HOSTNAME: hostname, NODE_ENV: "production" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
