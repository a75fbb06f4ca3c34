import { expect, test } from "@playwright/test";
import { Client } from "pg";

import { createUser } from "./cli";
import { E2E_DATABASE_URL } from "./env";
import { signIn, visit } from "./helpers";
import { e2eState } from "./state";

// The System area's operator tools (issue 15): the operator's admin takes a backup and drills it on
// the Backups page, downloads it after their password, edits an alert rule and sees its firing
// episode; a sales partner of the same organisation sees none of it. The rule is put back at the end.

const ORG = "/e2e-alpha";
const DISK_RULE = "Freier Speicher für Sicherungen (MB)";

async function sql(text: string): Promise<void> {
  const client = new Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

test("the operator's admin backs up, drills, sees a firing alert; a partner sees none of it", async ({
  page,
  browser,
  isMobile,
}) => {
  test.skip(isMobile, "one backup and drill per run: the desktop run covers the journey");
  test.setTimeout(60_000);
  await signIn(page, e2eState().alphaAdmin);

  await visit(page, `${ORG}/system/backups`);
  await page.getByRole("button", { name: "Jetzt sichern" }).click();
  await expect(page.getByText(/Sicherung freshplan-\S+\.dump erstellt/)).toBeVisible({ timeout: 60_000 });
  await page.getByRole("button", { name: "Jetzt Wiederherstellung proben" }).click();
  await expect(page.getByText(/Die Probe ist bestanden/)).toBeVisible({ timeout: 60_000 });
  const drills = page.getByRole("table", { name: "Wiederherstellungsproben" });
  await expect(drills.getByText("bestanden").first()).toBeVisible();
  await expect(drills.getByText("✓ Audit-Kette").first()).toBeVisible();

  // The file itself, after the password again.
  const { alphaAdmin } = e2eState();
  await page.getByRole("button", { name: /^Herunterladen: freshplan-/ }).click();
  await page.getByLabel("Ihr Passwort").fill("wrong-password-123");
  await page.getByRole("dialog").getByRole("button", { name: "Herunterladen" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Das Passwort ist falsch." })).toBeVisible();
  await page.getByLabel("Ihr Passwort").fill(alphaAdmin.password);
  const download = page.waitForEvent("download");
  await page.getByRole("dialog").getByRole("button", { name: "Herunterladen" }).click();
  expect((await download).suggestedFilename()).toMatch(/^freshplan-\S+\.dump$/);

  // The admin edits a rule in the page.
  const setThreshold = async (threshold: string) => {
    await visit(page, `${ORG}/system/alerts`);
    await page.getByRole("button", { name: `Bearbeiten: ${DISK_RULE}` }).click();
    await page.getByLabel("Schwelle").fill(threshold);
    await page.getByRole("button", { name: "Speichern" }).click();
    await expect(page.getByRole("dialog")).toBeHidden();
  };
  await setThreshold("2048");
  const rule = page.getByRole("table", { name: "Regeln" }).getByRole("row").filter({ hasText: DISK_RULE });
  await expect(rule).toContainText("unter 2.048");

  // A firing episode of that rule, written as the evaluation job writes one. Not through the job:
  // its notices would reach e2e-alpha's mail outbox, which integrations.spec.ts counts in parallel
  // (lib/system/alerts.int.test.ts holds the job's episodes and notices).
  await sql(
    `INSERT INTO alert_event (rule_id, metric, state, comparison, threshold, started_at, fired_at, first_value, fired_value, last_value)
     SELECT id, metric, 'firing', comparison, threshold, now(), now(), 900, 900, 900 FROM alert_rule WHERE metric = 'disk.backup_free_mb'`,
  );
  await visit(page, `${ORG}/system/alerts`);
  await expect(rule.getByText("ausgelöst")).toBeVisible();
  await expect(
    page.getByRole("table", { name: "Verlauf" }).getByRole("row").filter({ hasText: DISK_RULE }),
  ).toContainText("ausgelöst");

  const email = `partner-alerts-${Date.now()}@e2e.example`;
  const password = createUser(email, "e2e-alpha", "sales");
  const partnerContext = await browser.newContext();
  try {
    const partner = await partnerContext.newPage();
    await signIn(partner, { email, password });
    for (const path of ["/system/alerts", "/system/backups", "/system/health"]) {
      await visit(partner, `${ORG}${path}`);
      await expect(partner.getByText("Für die Administratoren des Betreibers")).toBeVisible();
      await expect(partner.getByText(DISK_RULE)).toHaveCount(0);
    }
  } finally {
    await partnerContext.close();
  }

  // Back to the default, the episode over.
  await sql(
    "UPDATE alert_event SET state = 'resolved', ended_at = now() WHERE metric = 'disk.backup_free_mb' AND state = 'firing'",
  );
  await setThreshold("1024");
  await expect(rule.getByText("ok")).toBeVisible();
});
