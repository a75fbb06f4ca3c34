import { expect, test, type APIRequestContext } from "@playwright/test";

import { apiMember, signIn, uniqueTag, visit } from "./helpers";

// Contextual help in the browser: two managers write and publish (four eyes) an article for the
// lead page's protection timeline; a sales partner opens the "?" beside the timeline on their lead,
// reads it in the drawer and votes "helpful", which the editors then see.

test("a partner opens contextual help on the lead page and votes", async ({ page, playwright }, testInfo) => {
  const [author, reviewer, partner] = [
    await apiMember(playwright.request, testInfo, "manager"),
    await apiMember(playwright.request, testInfo, "manager"),
    await apiMember(playwright.request, testInfo, "sales"),
  ];
  const tag = uniqueTag(testInfo);
  const title = `Die Schutzfrist ${tag}`;
  const created = await author.api.post("/api/v1/help/articles", {
    data: {
      space: "enduser",
      locale: "de",
      title,
      bodyMd: "Der **Grundschutz** läuft sechs Monate ab der Registrierung.",
      helpKeys: ["leads.protection.timeline"],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const step = async (api: APIRequestContext, action: string) =>
    api.post(`/api/v1/help/articles/${id}/transitions`, { data: { action } });
  expect((await step(author.api, "submit")).status()).toBe(200);
  expect((await step(author.api, "publish")).status()).toBe(422); // four eyes
  expect((await step(reviewer.api, "publish")).status()).toBe(200);

  const lead = await partner.api.post("/api/v1/leads", {
    data: { companyName: `Hilfeküche ${tag}`, city: `Hilfeort ${tag}`, confirmSimilar: true },
  });
  expect(lead.status(), await lead.text()).toBe(201);
  const leadId = ((await lead.json()) as { id: string }).id;

  await signIn(page, partner);
  await visit(page, `/e2e-alpha/leads/${leadId}`);
  await page.getByRole("button", { name: "Hilfe: Schutz-Zeitleiste" }).click();
  const drawer = page.getByRole("dialog", { name: title });
  await expect(drawer).toBeVisible();
  await expect(drawer.getByText("Grundschutz")).toHaveCSS("font-weight", "700");
  await drawer.getByLabel("Kommentar (optional)").fill("Klar erklärt");
  await drawer.getByRole("button", { name: "Ja" }).click();
  await expect(drawer.getByText("Danke für Ihre Rückmeldung.")).toBeVisible();
  await expect(drawer.getByRole("button", { name: "Ja" })).toHaveAttribute("aria-pressed", "true");

  const read = await reviewer.api.get(`/api/v1/help/articles/${id}`);
  expect(await read.json()).toMatchObject({ helpful: 1, votes: 1, status: "PUBLISHED" });
});
