import { expect, test } from "@playwright/test";

import { choose, openNavigation, signIn, visit } from "./helpers";
import { e2eState } from "./state";

const AREAS: [path: string, heading: string][] = [
  ["leads", "Leads"],
  ["samples", "Muster"],
  ["ai", "KI"],
  ["integrations", "Integrationen"],
  ["help", "Hilfe"],
  ["system", "System"],
  ["settings", "Einstellungen"],
  ["members", "Mitglieder"],
  ["audit", "Audit"],
];

test("signs in, reaches every area through the navigation, and signs out", async ({ page, isMobile }) => {
  await signIn(page, e2eState().alphaAdmin);
  await expect(page).toHaveURL(/\/e2e-alpha$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Willkommen, Alma Alpha");

  for (const [path, heading] of AREAS) {
    const nav = await openNavigation(page, isMobile);
    await nav.getByRole("link", { name: heading, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/e2e-alpha/${path}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
  }

  await page.getByRole("button", { name: "Abmelden" }).click();
  await expect(page).toHaveURL(/\/login/);
  await visit(page, "/e2e-alpha/leads");
  await expect(page).toHaveURL(/\/login/);
});

// What the server decides is the same on every device: checked once, on the desktop. (A deactivated
// account's next request: sessions.spec.ts.)
test.describe("the server's answers", () => {
  test.beforeEach(({}, testInfo) => {
    test.skip(testInfo.project.name !== "desktop", "the same on every device");
  });

  test("a wrong password gets one generic message and no session", async ({ page }) => {
    const { alphaAdmin } = e2eState();
    await visit(page, "/login");
    await page.getByLabel("E-Mail").fill(alphaAdmin.email);
    await page.getByLabel("Passwort").fill(`${alphaAdmin.password}-wrong`);
    await page.getByRole("button", { name: "Anmelden" }).click();
    await expect(page.getByRole("form", { name: "Anmelden" }).getByRole("alert")).toHaveText(
      "E-Mail oder Passwort ist falsch.",
    );
    await visit(page, "/e2e-alpha");
    await expect(page).toHaveURL(/\/login/);
  });

  test("another organisation's pages are a 404, like pages that do not exist", async ({ page }) => {
    await signIn(page, e2eState().alphaAdmin);
    for (const url of ["/e2e-beta", "/e2e-beta/leads", "/e2e-beta/settings", "/no-such-org/leads"]) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(404);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nicht gefunden");
      await expect(page.getByText("Bert Beta")).toHaveCount(0);
    }
  });
});

test("switches the language to English and back", async ({ page }) => {
  await signIn(page, e2eState().alphaAdmin);
  await choose(page, "Sprache", "EN");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Alma Alpha");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await choose(page, "Language", "DE");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Willkommen, Alma Alpha");
});

test("a member of two organisations switches between them", async ({ page }) => {
  await signIn(page, e2eState().multi);
  await expect(page).toHaveURL(/\/e2e-alpha$/);
  await expect(page.getByText("Sie arbeiten in Alpha Frischdienst als Vertriebsleitung.")).toBeVisible();
  await choose(page, "Organisation", "Beta Gastro");
  await expect(page).toHaveURL(/\/e2e-beta$/);
  await expect(page.getByText("Sie arbeiten in Beta Gastro als Prüfer.")).toBeVisible();
});
