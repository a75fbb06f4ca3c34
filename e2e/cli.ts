import { execFileSync } from "node:child_process";

import { E2E_DATABASE_URL, E2E_ENV } from "./env";

/** Runs the operators' CLI against the e2e database; returns its last output line. */
export function cli(...args: string[]): string {
  const out = execFileSync(
    "node_modules/.bin/tsx",
    ["--conditions=react-server", "lib/cli/main.ts", ...args],
    {
      env: { ...process.env, ...E2E_ENV, DATABASE_URL: E2E_DATABASE_URL },
      encoding: "utf8",
    },
  );
  return out.trim().split("\n").at(-1) ?? "";
}

/** A fresh account in an organisation; returns its generated password. */
export function createUser(email: string, org: string, role: string, name = email.split("@")[0]): string {
  return cli("users:create", "--email", email, "--name", name, "--org", org, "--role", role);
}
