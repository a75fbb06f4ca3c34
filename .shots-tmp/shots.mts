import { chromium, devices } from "@playwright/test";
import pg from "pg";

import { createFeedbackLinkFixture } from "../test/feedback-links";

const base = "http://127.0.0.1:3419";
const out = "/work/wt/shots-portal";
const c = new pg.Client({ connectionString: "postgresql://postgres:postgres@127.0.0.1:5432/freshplan_e2e_sp" });
await c.connect();
const { rows } = await c.query("SELECT id FROM organization WHERE slug = 'e2e-alpha'");
const orgId = rows[0].id;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
for (const [name, device] of [["pixel7", devices["Pixel 7"]], ["desktop", devices["Desktop Chrome"]]] as const) {
  const context = await browser.newContext({ ...device, locale: "de-DE" });
  const page = await context.newPage();
  const open = await createFeedbackLinkFixture(c, { orgId });
  await page.goto(`${base}/feedback/${open.token}`);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await page.screenshot({ path: `${out}/form-top-${name}.png` });
  await page.getByRole("group", { name: "Kartoffelgratin", exact: true }).getByRole("radio", { name: "4 von 5 – gut" }).check();
  await page.getByRole("status").getByText("Gespeichert").waitFor();
  await page.getByRole("group", { name: "Vegane Bolognese", exact: true }).getByLabel("Kommentar (optional)").fill("Etwas zu süß, sonst prima");
  await page.screenshot({ path: `${out}/form-rated-${name}.png` });
  await page.getByLabel("Ihr Name").focus();
  await page.screenshot({ path: `${out}/form-name-focused-${name}.png` });
  await page.screenshot({ path: `${out}/form-full-${name}.png`, fullPage: true });
  await page.goto(`${base}/feedback/${open.token}?e=contact.name&e=contact.role`);
  await page.screenshot({ path: `${out}/form-errors-${name}.png` });
  await page.getByLabel("Ihr Name").fill("Jana Koch");
  await page.getByRole("radio", { name: "Küche" }).check();
  await page.getByRole("button", { name: "Senden" }).click();
  await page.waitForURL(/thanks/);
  await page.screenshot({ path: `${out}/thanks-${name}.png`, fullPage: true });
  const expired = await createFeedbackLinkFixture(c, { orgId, expiresInDays: -1 });
  await page.goto(`${base}/feedback/${expired.token}`);
  await page.screenshot({ path: `${out}/expired-410-${name}.png` });
  await page.goto(`${base}/feedback/${"x".repeat(43)}`);
  await page.screenshot({ path: `${out}/unknown-404-${name}.png` });
  const en = await createFeedbackLinkFixture(c, { orgId, locale: "en" });
  await page.goto(`${base}/feedback/${en.token}`);
  await page.screenshot({ path: `${out}/form-en-${name}.png` });
  await context.close();
}
await browser.close();
await c.end();
