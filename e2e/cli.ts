import { execFile, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";

import { E2E_DATABASE, E2E_DATABASE_URL, E2E_ENV } from "./env";

const env = () => ({ ...process.env, ...E2E_ENV, DATABASE_URL: E2E_DATABASE_URL });

/**
 * Runs the operators' CLI against the e2e database; returns its last output line. Within a test run
 * the commands go to one long-lived CLI process (startCliServer); otherwise each starts its own.
 */
export function cli(...args: string[]): string {
  const socket = process.env.E2E_CLI_SOCKET;
  const out = socket
    ? execFileSync(process.execPath, ["e2e/cli-client.mjs", socket, ...args], { encoding: "utf8" })
    : execFileSync("node_modules/.bin/tsx", ["--conditions=react-server", "lib/cli/main.ts", ...args], {
        env: env(),
        encoding: "utf8",
      });
  return out.trim().split("\n").at(-1) ?? "";
}

/**
 * cli() without blocking this process: for commands that talk to a fake server living in the test
 * (a job that sends to the fake SMTP server or reads the fake IMAP server must be answered while it
 * runs).
 */
export async function cliAsync(...args: string[]): Promise<string> {
  const socket = process.env.E2E_CLI_SOCKET;
  const { stdout } = socket
    ? await promisify(execFile)(process.execPath, ["e2e/cli-client.mjs", socket, ...args], {
        encoding: "utf8",
      })
    : await promisify(execFile)(
        "node_modules/.bin/tsx",
        ["--conditions=react-server", "lib/cli/main.ts", ...args],
        {
          env: env(),
          encoding: "utf8",
        },
      );
  return stdout.trim().split("\n").at(-1) ?? "";
}

/** A fresh account in an organisation; returns its generated password. */
export function createUser(email: string, org: string, role: string, name = email.split("@")[0]): string {
  return cli("users:create", "--email", email, "--name", name, "--org", org, "--role", role);
}

/**
 * Starts e2e/cli-server.ts for this run and points cli() at it (the workers inherit the variable).
 * Resolves to the function that stops it.
 */
export async function startCliServer(): Promise<() => Promise<void>> {
  const socket = path.resolve(`e2e/.state/cli-${E2E_DATABASE}.sock`);
  const server = spawn("node_modules/.bin/tsx", ["--conditions=react-server", "e2e/cli-server.ts", socket], {
    env: env(),
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: server.stdout });
  const [first] = (await Promise.race([
    once(lines, "line"),
    once(server, "exit").then(([code]) => {
      throw new Error(`the CLI server exited with ${code} before it was ready`);
    }),
  ])) as [string];
  if (first !== "ready") throw new Error(`the CLI server said "${first}" instead of "ready"`);
  lines.on("line", (line) => console.log(`[cli] ${line}`));
  process.env.E2E_CLI_SOCKET = socket;
  return async () => {
    delete process.env.E2E_CLI_SOCKET;
    const exited = once(server, "exit");
    server.stdin.end();
    await exited;
  };
}
