import { execFile } from "node:child_process";
import path from "node:path";

import { childEnv } from "./env";

const root = path.resolve(import.meta.dirname, "..");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** The last non-empty line of stdout. */
  lastLine: string;
}

/**
 * Runs the operators' CLI (lib/cli/main.ts) in a child process, the way `npm run cli` does, on this
 * test file's database. Never rejects: the exit code is part of the result.
 */
export function runCli(...args: string[]): Promise<CliResult> {
  return runCliWith({}, ...args);
}

/** runCli with variables of its own (another AUDIT_CHAIN_KEY, say). */
export function runCliWith(env: Record<string, string>, ...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      path.join(root, "node_modules/.bin/tsx"),
      ["--conditions=react-server", "lib/cli/main.ts", ...args],
      { cwd: root, env: childEnv(env), timeout: 60_000, maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        const lines = stdout.split("\n").filter((l) => l.trim() !== "");
        resolve({ code, stdout, stderr, lastLine: lines.at(-1) ?? "" });
      },
    );
  });
}
