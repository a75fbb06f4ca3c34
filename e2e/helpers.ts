import { createDecipheriv, hkdfSync } from "node:crypto";

import { expect, type APIRequest, type APIRequestContext, type Page, type TestInfo } from "@playwright/test";
import { Client } from "pg";

import { cli, createUser } from "./cli";
import { E2E_DATABASE_URL, E2E_ENV } from "./env";

import type { Credentials } from "./state";

/**
 * Opens a page and waits until React has hydrated it (components/ui/Providers.tsx marks <html>):
 * a click before that reaches a button without its handler and is lost.
 */
export async function visit(page: Page, url: string) {
  await page.goto(url);
  await hydrated(page);
}

async function hydrated(page: Page) {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

export async function signIn(page: Page, { email, password }: Credentials) {
  await visit(page, "/login");
  await page.getByLabel("E-Mail").fill(email);
  await page.getByLabel("Passwort").fill(password);
  await page.getByRole("button", { name: "Anmelden" }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await hydrated(page);
}

/** On a phone the navigation sits behind the menu button. */
export async function openNavigation(page: Page, isMobile: boolean) {
  if (isMobile) await page.getByRole("button", { name: "Navigation öffnen" }).click();
  return page.getByRole("navigation", { name: "Hauptnavigation" });
}

/** Picks an option of an MUI select by its label. */
export async function choose(page: Page, label: string | RegExp, option: string) {
  await page.getByRole("combobox", { name: label }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

/**
 * The set-password link of the latest e-mail the outbox queued for `email`, opened as the mail sender
 * opens it (lib/auth/password-links.ts: sealed under a key derived from AUTH_SECRET).
 */
export async function passwordLinkFor(email: string): Promise<string> {
  const client = new Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ sealed: string }>(
      `SELECT o.payload ->> 'passwordTokenSealed' AS sealed
       FROM notification_outbox o JOIN app_user u ON u.id = o.recipient_user_id
       WHERE u.email = $1 AND o.template IN ('member.invitation', 'member.password_reset')
       ORDER BY o.created_at DESC LIMIT 1`,
      [email],
    );
    if (!rows[0]?.sealed) throw new Error(`no set-password e-mail queued for ${email}`);
    const [, iv, body] = rows[0].sealed.split(".");
    const key = Buffer.from(
      hkdfSync("sha256", E2E_ENV.AUTH_SECRET, "freshplan", "auth/password-link-token/v1", 32),
    );
    const bytes = Buffer.from(body, "base64url");
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    const token = Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]);
    return `/set-password/${token.toString("utf8")}`;
  } finally {
    await client.end();
  }
}

/** A tag of its own for each test and project, so the desktop and phone runs never meet. */
export const uniqueTag = (testInfo: TestInfo) =>
  `${testInfo.project.name}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;

/** A member who signs in in the browser (email, password) and calls the API with a token (`api`). */
export interface ApiMember extends Credentials {
  api: APIRequestContext;
}

/**
 * A new member of e2e-alpha with `role`, a password and an API token; `api` calls the server under
 * test, or the one at `baseURL`.
 */
export async function apiMember(
  request: APIRequest,
  testInfo: TestInfo,
  role: "sales" | "manager",
  { name = `E2E ${role}`, baseURL = testInfo.project.use.baseURL }: { name?: string; baseURL?: string } = {},
): Promise<ApiMember> {
  const email = `${role}-${uniqueTag(testInfo)}@e2e.example`;
  const password = createUser(email, "e2e-alpha", role, name);
  const token = cli("tokens:create", "--email", email, "--name", "e2e", "--org", "e2e-alpha");
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  return { email, password, api };
}
