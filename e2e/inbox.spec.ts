import { mkdirSync } from "node:fs";

import { expect, test, type Page } from "@playwright/test";
import { Client } from "pg";

import { startFakeImap } from "../test/fakes/imap";
import { cliAsync, createUser } from "./cli";
import { E2E_DATABASE_URL } from "./env";
import { choose, signIn, visit } from "./helpers";
import { e2eState } from "./state";

/** `jobs:run mail-inbox-poll`, as an operator would run it, without blocking the fake IMAP server here. */
async function pollInbox(): Promise<void> {
  await cliAsync("jobs:run", "mail-inbox-poll");
}

/** A lead of e2e-beta with its contact's address, not assigned to anyone (managers work it). */
async function insertLead(company: string, email: string): Promise<string> {
  const client = new Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO lead (org_id, company_name, city, contact_email)
       SELECT id, $1, 'Kiel', $2 FROM organization WHERE slug = 'e2e-beta' RETURNING id`,
      [company, email],
    );
    return rows[0].id;
  } finally {
    await client.end();
  }
}

/** With SHOTS_DIR set, the page at desktop and phone width, for a person to look at. */
async function shoot(page: Page, name: string) {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const size = page.viewportSize();
  await page.screenshot({ path: `${dir}/${name}-desktop.png`, fullPage: true });
  await page.setViewportSize({ width: 412, height: 915 });
  await page.screenshot({ path: `${dir}/${name}-phone.png`, fullPage: true });
  if (size) await page.setViewportSize(size);
}

test("a manager confirms an inbox suggestion: IMAP mail from a lead's contact becomes a customer reaction", async ({
  page,
  isMobile,
}) => {
  test.skip(isMobile, "one mail connection per organisation: the desktop run covers the journey");
  // A job run through the CLI (a child process).
  test.setTimeout(180_000);
  const imap = await startFakeImap();
  try {
    const { betaAdmin } = e2eState();
    const manager = { email: `manager.inbox@beta.e2e.example`, password: "" };
    manager.password = createUser(manager.email, "e2e-beta", "manager", "Manni Manager");
    const leadId = await insertLead("Kantine Posteingang", "einkauf@kantine-posteingang.example");

    // The admin adds the IMAP side to the mail connection.
    await signIn(page, betaAdmin);
    await visit(page, "/e2e-beta/integrations");
    await page.getByRole("button", { name: "Neue Mail-Verbindung" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("SMTP-Server").fill("127.0.0.1");
    await dialog.getByLabel(/^Port/).fill("2525");
    await choose(page, /^Sicherheit/, "Keine (nur ein Server auf diesem Rechner)");
    await dialog.getByLabel("Benutzername").fill(imap.user);
    await dialog.getByLabel("Absender").fill("Beta Gastro <vertrieb@beta.example>");
    await dialog.getByLabel(/^Passwort/).fill(imap.password);
    await dialog.getByLabel("IMAP-Server").fill("127.0.0.1");
    await dialog.getByLabel("IMAP-Port").fill(String(imap.port));
    await choose(page, /^IMAP-Sicherheit/, "Keine (nur ein Server auf diesem Rechner)");
    await dialog.getByRole("button", { name: "Speichern" }).click();
    await expect(dialog).toBeHidden();

    // The lead's buyer writes; a stranger writes too. The job reads the mailbox.
    await imap.deliver({
      from: "Erika Einkauf <einkauf@kantine-posteingang.example>",
      subject: "Angebot passt",
      text: "Guten Tag, Ihr Angebot passt uns, bitte liefern Sie ab März.",
    });
    await imap.deliver({ from: "news@fremd.example", subject: "Newsletter", text: "Angebote der Woche" });
    await pollInbox();

    await visit(page, "/e2e-beta/integrations");
    const inbox = page.getByRole("region", { name: "Vorschläge aus dem Posteingang" });
    await expect(inbox.getByRole("listitem")).toHaveCount(1);
    await expect(inbox).toContainText("Kantine Posteingang");
    await expect(inbox).not.toContainText("Newsletter");
    await shoot(page, "integrations-inbox");

    // The manager confirms it on the lead page; the activity appears in the lead's history.
    await page.context().clearCookies();
    await signIn(page, manager);
    await visit(page, `/e2e-beta/leads/${leadId}`);
    const block = page.getByRole("region", { name: "Vorschläge aus dem Posteingang" });
    await expect(block).toContainText("Ihr Angebot passt uns");
    await shoot(page, "lead-suggestion");
    await block.getByRole("button", { name: "Als Aktivität bestätigen: Angebot passt" }).click();
    await expect(block.getByText("Bestätigt")).toBeVisible();
    await expect(block.getByRole("button", { name: /bestätigen/ })).toHaveCount(0);
    await expect(
      page.getByText("E-Mail von einkauf@kantine-posteingang.example: Angebot passt"),
    ).toBeVisible();
    await shoot(page, "lead-confirmed");
  } finally {
    await imap.close();
  }
});
