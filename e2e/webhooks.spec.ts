import { expect, test } from "@playwright/test";

import { signWebhook } from "../lib/integrations/webhook-signature";
import { cli } from "./cli";
import { signIn, visit } from "./helpers";
import { e2eState } from "./state";

const SECRET = "e2e-webhook-secret-0123456789abcdef";

test("an admin sets up a webhook connection, sees a failed event and replays it", async ({
  page,
  request,
  isMobile,
}) => {
  test.skip(isMobile, "one generic webhook connection per organisation: the desktop run covers the journey");
  test.setTimeout(120_000);
  const { betaAdmin } = e2eState();
  await signIn(page, betaAdmin);
  await visit(page, "/e2e-beta/integrations");
  const inbox = page.getByRole("region", { name: "Webhook-Eingang" });
  await expect(inbox.getByText("Noch keine Webhook-Ereignisse.")).toBeVisible();

  await inbox.getByRole("button", { name: "Neue Webhook-Verbindung" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("Testsender");
  await dialog.getByLabel("Webhook-Geheimnis").fill(SECRET);
  await dialog.getByRole("button", { name: "Speichern" }).click();
  await expect(dialog).toBeHidden();
  const path = (await inbox.getByTestId("webhook-endpoint").textContent()) ?? "";
  expect(path).toMatch(/^\/api\/webhooks\/generic\/[0-9a-f-]{36}$/);

  // The sender posts a signed event that asks to fail once; a wrongly signed one is refused.
  const body = JSON.stringify({ id: "e2e-evt-1", type: "test.ping", data: { failAttempts: 1 } });
  const timestamp = Math.floor(Date.now() / 1000);
  const post = (signature: string) =>
    request.post(path, {
      headers: {
        "content-type": "application/json",
        "x-webhook-timestamp": String(timestamp),
        "x-webhook-signature": signature,
      },
      data: body,
    });
  expect((await post(signWebhook("not-the-secret-of-this-connection", timestamp, body))).status()).toBe(401);
  const accepted = await post(signWebhook(SECRET, timestamp, body));
  expect(accepted.status()).toBe(202);
  cli("jobs:run", "webhook-process");

  await visit(page, "/e2e-beta/integrations");
  const row = inbox.getByRole("row").filter({ hasText: "e2e-evt-1" });
  await expect(row).toContainText("Fehlgeschlagen");
  await expect(row).toContainText("The test event asked to fail (attempt 1 of 1).");
  await row.getByRole("button", { name: "Ereignis e2e-evt-1 erneut verarbeiten" }).click();
  await expect(row).toContainText("Verarbeitet");
  await expect(row.getByRole("button")).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Zustand" })).toContainText("Testsender");
});
