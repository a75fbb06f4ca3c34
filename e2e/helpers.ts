import { expect, type Page } from "@playwright/test";

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
