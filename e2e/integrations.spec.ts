import { expect, test } from "@playwright/test";
import { Client } from "pg";

import { startFakeSmtp } from "../test/fakes/smtp";
import { cliAsync } from "./cli";
import { E2E_DATABASE_URL } from "./env";
import { choose, signIn, visit } from "./helpers";
import { e2eState } from "./state";

/** `jobs:run outbox-deliver` without blocking this process: the fake SMTP server lives here. */
async function deliverOutbox(): Promise<void> {
  await cliAsync("jobs:run", "outbox-deliver");
}

/** Queues a reminder e-mail to the organisation's admin, as the lead job does. */
async function queueReminder(email: string, company: string): Promise<void> {
  const client = new Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO notification_outbox (org_id, recipient_user_id, channel, template, payload, dedupe_key)
       SELECT m.org_id, u.id, 'EMAIL', 'lead.reminder_60d', $2, $3
       FROM app_user u JOIN membership m ON m.user_id = u.id JOIN organization o ON o.id = m.org_id
       WHERE u.email = $1 AND o.slug = 'e2e-alpha'`,
      [
        email,
        JSON.stringify({ companyName: company, city: "Kiel", graceUntil: "2026-12-20T09:00:00.000Z" }),
        `e2e:${company}`,
      ],
    );
  } finally {
    await client.end();
  }
}

test("an admin configures the mail connection, tests it, sees a reminder delivered and retries a failed one", async ({
  page,
  isMobile,
}) => {
  test.skip(isMobile, "one mail connection per organisation: the desktop run covers the journey");
  // Three job runs through the CLI (a child process each).
  test.setTimeout(240_000);
  const smtp = await startFakeSmtp();
  try {
    const { alphaAdmin } = e2eState();
    await signIn(page, alphaAdmin);
    await visit(page, "/e2e-alpha/integrations");
    await expect(page.getByText("Mail ist nicht eingerichtet")).toBeVisible();

    await page.getByRole("button", { name: "Neue Mail-Verbindung" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("SMTP-Server").fill("127.0.0.1");
    await dialog.getByLabel(/^Port/).fill(String(smtp.port));
    await choose(page, /^Sicherheit/, "Keine (nur ein Server auf diesem Rechner)");
    await dialog.getByLabel("Benutzername").fill(smtp.user);
    await dialog.getByLabel("Absender").fill("FreshPlan <vertrieb@example.test>");
    await dialog.getByLabel(/^Passwort/).fill(smtp.password);
    await dialog.getByRole("button", { name: "Speichern" }).click();
    await expect(dialog).toBeHidden();
    await expect(
      page.getByText("E-Mails werden über die Mail-Verbindung dieser Organisation versendet."),
    ).toBeVisible();
    expect(await page.content()).not.toContain(smtp.password);

    await page.getByRole("button", { name: "Verbindung testen: Mail" }).click();
    const tested = page.getByRole("alert").filter({ hasText: "Verbunden in" });
    await expect(tested).toBeVisible();
    // One line per configured part: here SMTP only.
    await expect(tested.getByText("SMTP (senden)")).toBeVisible();
    await expect(
      tested.getByText(`hat die Anmeldung von ${smtp.user} angenommen`, { exact: false }),
    ).toBeVisible();

    // A reminder is delivered: the SMTP server received it, the outbox says "Gesendet".
    await queueReminder(alphaAdmin.email, "Kantine Delivered");
    await deliverOutbox();
    expect(smtp.received.map((m) => m.subject)).toEqual([
      "Lead-Schutz: Kantine Delivered (Kiel) braucht eine Aktivität",
    ]);
    await visit(page, "/e2e-alpha/integrations");
    const outbox = page.getByRole("region", { name: "E-Mail-Postausgang" });
    await expect(outbox.getByRole("row").filter({ hasText: "Gesendet" })).toHaveCount(1);

    // One the server refuses fails with its answer; "Erneut senden" queues it, the next run sends it.
    smtp.fallback = { kind: "refuse", code: 550, message: "5.1.1 Mailbox unavailable" };
    await queueReminder(alphaAdmin.email, "Kantine Refused");
    await deliverOutbox();
    await visit(page, "/e2e-alpha/integrations");
    const failed = outbox.getByRole("row").filter({ hasText: "Fehlgeschlagen" });
    await expect(failed).toContainText("550 5.1.1 Mailbox unavailable");
    smtp.fallback = { kind: "accept" };
    await failed.getByRole("button", { name: "Erneut senden" }).click();
    await expect(outbox.getByRole("row").filter({ hasText: "Wartend" })).toHaveCount(1);
    await deliverOutbox();
    expect(smtp.received.map((m) => m.subject)).toContain(
      "Lead-Schutz: Kantine Refused (Kiel) braucht eine Aktivität",
    );
    await visit(page, "/e2e-alpha/integrations");
    await expect(outbox.getByRole("row").filter({ hasText: "Gesendet" })).toHaveCount(2);
  } finally {
    await smtp.close();
  }
});
