import { readFileSync } from "node:fs";

import { expect, test } from "@playwright/test";

import { createUser } from "./cli";
import { signIn, visit } from "./helpers";
import { e2eState } from "./state";

// The shared mechanisms as a user meets them: the audit trail, the settings registry, the jobs.

test("an admin finds their own change in the audit trail and exports it as CSV", async ({ page }) => {
  await signIn(page, e2eState().alphaAdmin);
  const name = `audit-${test.info().project.name}-${Date.now()}`;
  await visit(page, "/e2e-alpha/settings");
  await page.getByLabel("Bezeichnung").fill(name);
  await page.getByRole("button", { name: "Token erstellen" }).click();
  await expect(page.getByTestId("new-token")).toBeVisible();

  await visit(page, "/e2e-alpha/audit");
  // The ledger's words: an action picked by its label, the token named by its name, the actor by theirs.
  await page.getByLabel("Aktion").selectOption({ label: "API-Token erstellt" });
  await page.getByRole("button", { name: "Anwenden" }).click();
  await expect(page).toHaveURL(/action=token\.created/);
  const rows = page.getByTestId("audit-row");
  const mine = rows.filter({ hasText: name });
  await expect(mine).toHaveCount(1);
  await expect(mine).toContainText("API-Token erstellt");
  await expect(mine).toContainText("API-Token");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "CSV exportieren" }).click();
  const csv = readFileSync((await (await download).path())!, "utf8");
  expect(csv.split("\n")[0]).toContain("action");
  expect(csv).toContain("token.created");
  expect(csv).not.toContain("fpa_");
});

test("a partner sees the audit trail is not for them", async ({ page }, testInfo) => {
  const email = `nosy-${testInfo.project.name}-${Date.now()}@e2e.example`;
  await signIn(page, { email, password: createUser(email, "e2e-alpha", "sales", "Nina Nosy") });
  await visit(page, "/e2e-alpha/audit");
  await expect(page.getByText("Kein Zugriff auf das Audit-Protokoll")).toBeVisible();
  await expect(page.getByTestId("audit-row")).toHaveCount(0);
});

test("a user sets a personal setting: refused with the schema's message, then effective with its source", async ({
  page,
}, testInfo) => {
  const email = `tuner-${testInfo.project.name}-${Date.now()}@e2e.example`;
  await signIn(page, { email, password: createUser(email, "e2e-alpha", "sales", "Tim Tuner") });
  await visit(page, "/e2e-alpha/settings");
  const row = page.locator('[data-setting="ai.routing.confidence.threshold"]');
  await expect(row.getByTestId("effective-value")).toHaveText("0,7");
  await row.getByRole("button").click();

  const dialog = page.getByRole("dialog", { name: "Konfidenzschwelle des Routings" });
  const personal = dialog.getByRole("region", { name: "Persönlich" });
  await personal.getByLabel("Wert").fill("2");
  await personal.getByRole("button", { name: "Speichern" }).click();
  await expect(personal.getByText(/kleiner oder gleich 1|<=1|höchstens 1/i)).toBeVisible();

  await personal.getByLabel("Wert").fill("0.85");
  await personal.getByRole("button", { name: "Speichern" }).click();
  await expect(personal.getByText("Gespeichert.")).toBeVisible();
  await dialog.getByRole("button", { name: "Schließen" }).click();
  await expect(row.getByTestId("effective-value")).toHaveText("0,85");
  await expect(row).toContainText("Persönlich");
});

test("the operator's admin runs a job now and sees its run; partners have no access", async ({
  page,
}, testInfo) => {
  await signIn(page, e2eState().alphaAdmin);
  await visit(page, "/e2e-alpha/system");
  await expect(page.getByRole("heading", { name: "Geplante Jobs" })).toBeVisible();
  await page.getByRole("button", { name: "Rate-Limit-Bereinigung jetzt ausführen" }).click();
  // Desktop and phone may press at the same moment: one runs, the other is recorded as skipped.
  await expect(page.getByRole("alert").filter({ hasText: "Rate-Limit-Bereinigung" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Letzte Läufe von Rate-Limit-Bereinigung" })).toContainText(
    "Von Hand",
  );

  const email = `curious-${testInfo.project.name}-${Date.now()}@e2e.example`;
  const context = await page.context().browser()!.newContext();
  const other = await context.newPage();
  await signIn(other, { email, password: createUser(email, "e2e-alpha", "sales", "Carl Curious") });
  await other.goto("/e2e-alpha/system");
  await expect(other.getByText("Kein Zugriff auf den Systembereich")).toBeVisible();
  await context.close();
});

test("a form refuses a wrong phone number in German, in the domain's words; the API reference lists the operations", async ({
  page,
}) => {
  await signIn(page, e2eState().alphaAdmin);
  await visit(page, "/e2e-alpha/leads");
  await page.getByRole("button", { name: "Lead registrieren" }).click();
  const dialog = page.getByRole("dialog", { name: "Lead registrieren" });
  await dialog.getByLabel("Firma").fill(`Wortwahl Kantine ${Date.now()}`);
  await dialog.getByLabel("Ort").fill("Hamburg");
  await dialog.getByLabel("Telefon").fill("ruf mich an");
  await dialog.getByRole("button", { name: "Registrieren" }).click();
  await expect(dialog.getByLabel("Telefon")).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByText("Bitte eine Telefonnummer wie +49 40 123456 angeben.")).toBeVisible();

  // The reference renders the served OpenAPI document: operations by path, each with its summary.
  await visit(page, "/api/docs");
  const listLeads = page.locator('.opblock-get:has(.opblock-summary-path[data-path="/leads"])');
  // Swagger UI's bundle (~1.5 MB) loads after the page; on a busy CI machine that takes seconds.
  await expect(listLeads).toContainText("Leads you may see, newest first", { timeout: 30_000 });
  await listLeads.locator(".opblock-summary-control").click();
  await expect(listLeads.getByText("Parameters", { exact: true })).toBeVisible();
});
