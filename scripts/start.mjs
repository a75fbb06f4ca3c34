#!/usr/bin/env node
// Starts the production server that `next build` wrote to .next/standalone, on PORT (default 3000).
import { cpSync, existsSync } from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import cluster from "node:cluster";

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
const env = { ...process.env, PORT: port, HOSTNAME: hostname, NODE_ENV: "production" };
const serverJs = path.join(standalone, "server.js");

// WEB_CONCURRENCY=N runs N server processes sharing the port (node:cluster), so the app uses more
// than one core. Only the first runs the local scheduler and the inbox watcher; the others leave
// them off. Several processes count rate limits together only in Redis, so N > 1 needs REDIS_URL.
const workers = Number(process.env.WEB_CONCURRENCY ?? 1);
if (!Number.isInteger(workers) || workers < 1) {
  console.error(`WEB_CONCURRENCY must be a whole number ≥ 1, not "${process.env.WEB_CONCURRENCY}".`);
  process.exit(1);
}
if (workers > 1 && !process.env.REDIS_URL) {
  console.error(
    "WEB_CONCURRENCY > 1 needs REDIS_URL: without it every process would keep its own rate limits.",
  );
  process.exit(1);
}

if (workers === 1) {
  const server = spawn(process.execPath, [serverJs], { stdio: "inherit", cwd: standalone, env });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => process.exit(code ?? 0));
} else {
  process.chdir(standalone);
  cluster.setupPrimary({ exec: serverJs });
  let stopping = false;
  for (let i = 0; i < workers; i += 1) {
    cluster.fork(i === 0 ? env : { ...env, LOCAL_SCHEDULER: "off", MAIL_IDLE: "off" });
  }
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    });
  }
  // One process ending unasked ends them all, as a single server's exit does: the supervisor
  // (systemd, a container runtime) restarts the whole, with the scheduler where it belongs.
  cluster.on("exit", (_worker, code) => {
    if (!stopping) {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
      process.exitCode = code || 1;
    }
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit();
  });
}
