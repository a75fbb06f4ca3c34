import { expect, test } from "@playwright/test";

import { startFakeAllianz } from "../test/fakes/allianz-trade";
import { cli } from "./cli";
import { signIn, visit } from "./helpers";
import { e2eState } from "./state";

// Credit checks in the browser, against the fake Allianz Trade in this process: an admin connects
// Allianz Trade and tests the connection, then on a lead whose name two companies share chooses
// the right one and sees its grade. The connection is disabled again at the end.

test("an admin connects Allianz Trade, and on a lead chooses among the companies found and sees the grade", async ({
  page,
  request,
  isMobile,
}, testInfo) => {
  test.skip(isMobile, "one Allianz Trade connection per organisation: the desktop run covers the journey");
  const fake = await startFakeAllianz();
  try {
    const city = `Kreditstadt ${Date.now()}`;
    fake.addCompany({ companyId: "E2E-1", companyName: "Großküche Wahl GmbH", city, grade: 8 });
    fake.addCompany({ companyId: "E2E-2", companyName: "Großküche Wahl Service GmbH", city, grade: 2 });
    const { alphaAdmin } = e2eState();
    await signIn(page, alphaAdmin);

    await visit(page, "/e2e-alpha/integrations");
    await page.getByRole("button", { name: "Allianz Trade verbinden" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel(/^API-Adresse/).fill(fake.url);
    await dialog.getByLabel(/^API-Schlüssel/).fill(fake.apiKey);
    await dialog.getByRole("button", { name: "Speichern" }).click();
    await expect(dialog).toBeHidden();
    expect(await page.content()).not.toContain(fake.apiKey);
    await page.getByRole("button", { name: "Verbindung testen: Allianz Trade" }).click();
    const tested = page.getByRole("alert").filter({ hasText: "Verbunden in" });
    await expect(tested.getByText("Allianz Trade (API)")).toBeVisible();
    await expect(tested.getByText("Zugangsschlüssel für 60 Minuten", { exact: false })).toBeVisible();

    const token = cli(
      "tokens:create",
      "--email",
      alphaAdmin.email,
      "--name",
      "e2e-credit",
      "--org",
      "e2e-alpha",
    );
    const created = await request.post("/api/v1/leads", {
      headers: { authorization: `Bearer ${token}` },
      data: { companyName: "Großküche Wahl", city, confirmSimilar: true },
    });
    expect(created.status(), await created.text()).toBe(201);
    const lead = (await created.json()) as { id: string };

    await visit(page, `/e2e-alpha/leads/${lead.id}`);
    const panel = page.getByRole("region", { name: "Bonität (Allianz Trade)" });
    await panel.getByRole("button", { name: "Bonität prüfen" }).click();
    const choice = panel.getByRole("region", { name: "Welche Firma bei Allianz Trade ist es?" });
    await expect(choice.getByRole("listitem")).toHaveCount(2);
    await choice.getByRole("button", { name: "Verknüpfen und prüfen: Großküche Wahl Service GmbH" }).click();
    await expect(choice).toBeHidden();
    await expect(panel.getByText("Großküche Wahl Service GmbH", { exact: false })).toBeVisible();
    await expect(panel.getByText("2 von 10")).toBeVisible();
    await testInfo.attach("credit-panel", { body: await panel.screenshot(), contentType: "image/png" });

    await visit(page, "/e2e-alpha/integrations");
    await page.getByRole("button", { name: "Deaktivieren: Allianz Trade" }).click();
    await expect(page.getByRole("button", { name: "Aktivieren: Allianz Trade" })).toBeVisible();
  } finally {
    await fake.close();
  }
});
