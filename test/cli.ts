import { execFile } from "node:child_process";
import path from "node:path";

import { captureConsole } from "./console-capture";
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

/**
 * The same command in this process (lib/cli/run.ts, which main.ts runs), its console output
 * captured: for tests of what a command does, where starting a process for each (~2 s of CPU) buys
 * nothing. lib/cli/cli.int.test.ts keeps the process itself under test, and a command that must see
 * variables other than this file's (lib/env.ts reads them once) still needs runCliWith.
 */
export async function runCommandHere(...args: string[]): Promise<CliResult> {
  const { runCommand } = await import("@/lib/cli/run");
  const { result: code, stdout, stderr } = await captureConsole(() => runCommand(args));
  const lines = stdout.flatMap((s) => s.split("\n")).filter((l) => l.trim() !== "");
  return { code, stdout: stdout.join("\n"), stderr: stderr.join("\n"), lastLine: lines.at(-1) ?? "" };
}
