import { readFileSync } from "node:fs";

export const STATE_FILE = "e2e/.state/users.json";

export interface Credentials {
  email: string;
  password: string;
}

/** Accounts made by global-setup.ts: alpha and beta are two organisations; multi belongs to both. */
export interface E2EState {
  alphaAdmin: Credentials;
  betaAdmin: Credentials;
  multi: Credentials;
}

export function e2eState(): E2EState {
  return JSON.parse(readFileSync(STATE_FILE, "utf8")) as E2EState;
}
