import { expect, test } from "@playwright/test";
import { Client } from "pg";

import { E2E_DATABASE_URL } from "./env";
import { apiMember, signIn, uniqueTag, visit } from "./helpers";

// Ask and the workflow guides in the browser: a partner asks the help a question (no AI on the
// server under test, so the search answers, saying why, and links the article); a manager ticks a
// step of a salesops guide, which stays ticked after a reload; the partner never sees that guide.

/** A salesops guide with two steps (guides are seeded, not edited in the app). */
async function seedGuide(title: string) {
  const db = new Client({ connectionString: E2E_DATABASE_URL });
  await db.connect();
  try {
    await db.query(
      `WITH g AS (
         INSERT INTO help_guide (org_id, space, locale, slug, title, summary)
         SELECT id, 'salesops', 'de', 'g-' || md5($1), $1, 'Zwei Schritte.' FROM organization WHERE slug = 'e2e-alpha'
         RETURNING org_id, id)
       INSERT INTO help_guide_step (org_id, guide_id, position, title, href)
       SELECT g.org_id, g.id, s.position, s.title, 'leads/queue'
       FROM g, (VALUES (1, 'Manager-Eingang öffnen'), (2, 'Antrag entscheiden')) AS s (position, title)`,
      [title],
    );
  } finally {
    await db.end();
  }
}

test("a partner asks the help; a manager works through a guide", async ({ page, playwright }, testInfo) => {
  const [author, reviewer, partner, manager] = [
    await apiMember(playwright.request, testInfo, "manager"),
    await apiMember(playwright.request, testInfo, "manager"),
    await apiMember(playwright.request, testInfo, "sales"),
    await apiMember(playwright.request, testInfo, "manager"),
  ];
  const tag = uniqueTag(testInfo);
  const title = `Tourenplan ${tag}`;
  const created = await author.api.post("/api/v1/help/articles", {
    data: { space: "enduser", locale: "de", title, bodyMd: "Der Tourenplan zeigt die Besuche der Woche." },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  expect(
    (
      await author.api.post(`/api/v1/help/articles/${id}/transitions`, { data: { action: "submit" } })
    ).status(),
  ).toBe(200);
  expect(
    (
      await reviewer.api.post(`/api/v1/help/articles/${id}/transitions`, { data: { action: "publish" } })
    ).status(),
  ).toBe(200);
  const guide = `Leitfaden ${tag}`;
  await seedGuide(guide);

  await signIn(page, manager);
  await visit(page, "/e2e-alpha/help?tab=guides");
  const section = page.getByRole("region", { name: guide });
  await expect(section.getByText("0 von 2 erledigt")).toBeVisible();
  await section.getByRole("checkbox", { name: "„Manager-Eingang öffnen“ als erledigt abhaken" }).check();
  await expect(section.getByText("1 von 2 erledigt")).toBeVisible();
  await page.reload();
  await expect(
    page
      .getByRole("region", { name: guide })
      .getByRole("checkbox", { name: "Haken bei „Manager-Eingang öffnen“ entfernen" }),
  ).toBeChecked();

  await page.context().clearCookies();
  await signIn(page, partner);
  await visit(page, "/e2e-alpha/help?tab=ask");
  await page.getByLabel("Ihre Frage").fill("Tourenplan Besuche");
  await page.getByRole("button", { name: "Fragen" }).click();
  await expect(
    page.getByText("KI-Antworten sind auf dieser Installation nicht eingerichtet.", { exact: false }),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  await page.getByRole("tab", { name: "Leitfäden" }).click();
  await expect(page.getByText("Für Sie gibt es noch keine Leitfäden.")).toBeVisible();
  await expect(page.getByRole("region", { name: guide })).toHaveCount(0);
});
