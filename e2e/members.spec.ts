import { devices, expect, test, type Browser, type Page } from "@playwright/test";

import { choose, passwordLinkFor, signIn, visit } from "./helpers";
import { e2eState } from "./state";

// People in the UI (issue 16): an admin invites a member on the members page, the member opens the
// set-password link of the invitation e-mail (read from the outbox, as the sender would send it),
// sets a password and signs in. The link works once.

test.beforeEach(({}, testInfo) => {
  test.skip(
    testInfo.project.name !== "desktop",
    "the members journey runs on desktop; its phone check is inside",
  );
});

/** Optional screenshots for review (E2E_SCREENSHOTS=1), in test-results. */
async function shot(page: Page, name: string) {
  if (process.env.E2E_SCREENSHOTS)
    await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

/** On a Pixel 7 the page scrolls no sideways. */
async function onPhone(browser: Browser, url: string, name: string, heading: string) {
  const context = await browser.newContext({ ...devices["Pixel 7"], locale: "de-DE" });
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(412);
  await shot(page, name);
  await context.close();
}

test("an admin invites a member, who sets a password from the e-mail's link and signs in", async ({
  page,
  browser,
}) => {
  // Two browsers, a phone context and five page loads: more than a minute on a busy 2-core machine.
  test.slow();
  const email = `nora-${Date.now()}@e2e.example`;
  await signIn(page, e2eState().alphaAdmin);
  await visit(page, "/e2e-alpha/members");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mitglieder");

  await page.getByLabel("E-Mail").fill(email);
  await page.getByLabel("Name").fill("Nora Neu");
  await choose(page, "Rolle", "Vertriebsleitung");
  await page.getByRole("button", { name: "Einladen" }).click();
  await expect(page.getByText("Nora Neu ist eingeladen.")).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("Vertriebsleitung");
  await expect(row).toContainText("eingeladen");
  await expect(row).toContainText("noch nie");
  await shot(page, "members-desktop");

  const link = await passwordLinkFor(email);
  const member = await (await browser.newContext()).newPage();
  await member.goto(link);
  await expect(member.getByRole("heading", { level: 1 })).toHaveText("Passwort festlegen");
  await shot(member, "set-password-desktop");
  await member.getByLabel("Neues Passwort").fill("Frühling im Kühlhaus 2026");
  await member.getByLabel("Passwort wiederholen").fill("Frühling im Kühlhaus 2025");
  await member.getByRole("button", { name: "Passwort festlegen" }).click();
  await expect(member.getByText("Die beiden Passwörter stimmen nicht überein.")).toBeVisible();
  await member.getByLabel("Passwort wiederholen").fill("Frühling im Kühlhaus 2026");
  await member.getByRole("button", { name: "Passwort festlegen" }).click();
  await expect(member.getByText("Ihr Passwort ist festgelegt.")).toBeVisible();
  await member.getByRole("link", { name: "Zur Anmeldung" }).click();
  await signIn(member, { email, password: "Frühling im Kühlhaus 2026" });
  await expect(member).toHaveURL(/\/e2e-alpha$/);

  // Used up: the link now says so, on a phone too; the admin sees the member active.
  await onPhone(browser, link, "set-password-used-phone", "Dieser Link gilt nicht");
  await visit(page, "/e2e-alpha/members");
  await expect(page.getByRole("row").filter({ hasText: email })).toContainText("aktiv");
  await member.context().close();
});

test("the members page and the set-password page fit a phone", async ({ browser }) => {
  test.slow();
  const context = await browser.newContext({ ...devices["Pixel 7"], locale: "de-DE" });
  const page = await context.newPage();
  await signIn(page, e2eState().alphaAdmin);
  await visit(page, "/e2e-alpha/members");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mitglieder");
  await expect(page.getByRole("list", { name: "Mitglieder der Organisation" })).toContainText("Alma Alpha");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(412);
  await shot(page, "members-phone");

  const email = `paula-${Date.now()}@e2e.example`;
  await page.getByLabel("E-Mail").fill(email);
  await page.getByLabel("Name").fill("Paula Phone");
  await page.getByRole("button", { name: "Einladen" }).click();
  await expect(page.getByText("Paula Phone ist eingeladen.")).toBeVisible();
  await onPhone(browser, await passwordLinkFor(email), "set-password-phone", "Passwort festlegen");
  await context.close();
});
