import { expect, test, type APIRequest, type TestInfo } from "@playwright/test";
import { Client } from "pg";

import { cli } from "./cli";
import { E2E_DATABASE_URL } from "./env";
import { apiMember, signIn, uniqueTag, visit, type ApiMember } from "./helpers";

// Help A/B tests in the browser. An editor creates one with two variants in the form (control and
// both variants on its page). And a results page: an article under test, 240 readers' exposures
// seeded (split 150 : 90 against a planned 1 : 1, the variant voted "helpful" far more often), the
// hourly stop job run as an operator would — and the editor sees the winner and the SRM warning.

const manager = (request: APIRequest, testInfo: TestInfo) => apiMember(request, testInfo, "manager");

/** An article written by one manager and published by the other (four eyes); its id. */
async function publishedArticle(author: ApiMember, reviewer: ApiMember, title: string) {
  const created = await author.api.post("/api/v1/help/articles", {
    data: { space: "enduser", locale: "de", title, bodyMd: "Sechs Monate." },
  });
  expect(created.status(), await created.text()).toBe(201);
  const articleId = ((await created.json()) as { id: string }).id;
  await author.api.post(`/api/v1/help/articles/${articleId}/transitions`, { data: { action: "submit" } });
  expect(
    (
      await reviewer.api.post(`/api/v1/help/articles/${articleId}/transitions`, {
        data: { action: "publish" },
      })
    ).status(),
  ).toBe(200);
  return articleId;
}

test("an editor creates an A/B test with two variants in the form", async ({
  page,
  playwright,
}, testInfo) => {
  const [author, reviewer] = [
    await manager(playwright.request, testInfo),
    await manager(playwright.request, testInfo),
  ];
  const tag = uniqueTag(testInfo);
  const title = `Schutzfrist Varianten ${tag}`;
  await publishedArticle(author, reviewer, title);

  await signIn(page, author);
  await visit(page, "/e2e-alpha/help/experiments");
  await page.getByLabel("Artikel (veröffentlicht)").selectOption({ label: `${title} (de)` });
  await page.getByLabel("Name").fill(`Drei Fassungen ${tag}`);
  const variant = (label: string) => page.getByRole("group", { name: `Variante ${label}` });
  await variant("B").getByLabel("Titel").fill("Die Schutzfrist kurz");
  await variant("B").getByLabel("Text (Markdown)").fill("Kurz: sechs Monate.");
  // Adding a variant puts the cursor in its title; one left empty is refused beside its fields.
  const addVariant = page.getByRole("button", { name: "Variante hinzufügen" });
  await addVariant.click();
  await expect(variant("C").getByLabel("Titel")).toBeFocused();
  await page.keyboard.type("Die Schutzfrist mit Beispiel");
  await variant("C")
    .getByLabel("Text (Markdown)")
    .fill("Sechs Monate, zum Beispiel vom 1. März bis 31. August.");
  await addVariant.click();
  await page.getByRole("button", { name: "Als Entwurf anlegen" }).click();
  await expect(variant("D").getByText("Bitte ausfüllen.")).toHaveCount(2);
  await variant("D").getByRole("button", { name: "Variante D entfernen" }).click();
  await expect(variant("D")).toHaveCount(0);
  await expect(addVariant).toBeFocused();
  await page.getByRole("button", { name: "Als Entwurf anlegen" }).click();

  // The new test's page: control and both variants.
  await expect(page).toHaveURL(/\/e2e-alpha\/help\/experiments\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: `Drei Fassungen ${tag}` })).toBeVisible();
  const helpful = page.getByRole("table", { name: "Hilfreich-Stimmen" });
  await expect(helpful.getByRole("row")).toHaveCount(4); // the header and three arms
  await expect(helpful.getByRole("row", { name: /^Kontrolle/ })).toBeVisible();
  await expect(helpful.getByRole("row", { name: /^B / })).toBeVisible();
  await expect(helpful.getByRole("row", { name: /^C / })).toBeVisible();
});

test("an A/B test's results page shows the winner and a sample-ratio mismatch", async ({
  page,
  playwright,
}, testInfo) => {
  const [author, reviewer] = [
    await manager(playwright.request, testInfo),
    await manager(playwright.request, testInfo),
  ];
  const tag = uniqueTag(testInfo);
  const articleId = await publishedArticle(author, reviewer, `Schutzfrist AB ${tag}`);

  const experiment = await author.api.post("/api/v1/help/experiments", {
    headers: { "idempotency-key": `ab-${tag}` },
    data: {
      articleId,
      name: `Kurzfassung ${tag}`,
      minExposuresPerArm: 50,
      variants: [{ label: "Kurz", title: "Die Schutzfrist kurz", bodyMd: "Kurz: sechs Monate." }],
    },
  });
  expect(experiment.status(), await experiment.text()).toBe(201);
  const experimentId = ((await experiment.json()) as { id: string }).id;
  expect(
    (
      await author.api.post(`/api/v1/help/experiments/${experimentId}/transitions`, {
        data: { action: "start" },
      })
    ).status(),
  ).toBe(200);

  // The readers, as the database's owner: their exposures three days ago, and their votes after.
  const client = new Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `WITH u AS (
         INSERT INTO app_user (email, name)
         SELECT 'ab-' || $1 || '-' || i || '@e2e.example', 'Leser ' || i FROM generate_series(1, 240) i RETURNING id)
       SELECT id FROM u`,
      [tag],
    );
    const ids = rows.map((r) => r.id);
    await client.query(
      `INSERT INTO membership (org_id, user_id, role)
       SELECT o.id, unnest($1::uuid[]), 'auditor' FROM organization o WHERE o.slug = 'e2e-alpha'`,
      [ids],
    );
    await client.query(
      `INSERT INTO help_exposure (org_id, experiment_id, arm, user_id, first_shown_at)
       SELECT e.org_id, e.id, CASE WHEN r.n <= 150 THEN 0 ELSE 1 END, r.id, now() - interval '3 days'
       FROM help_experiment e, unnest($2::uuid[]) WITH ORDINALITY AS r(id, n) WHERE e.id = $1`,
      [experimentId, ids],
    );
    await client.query(
      `INSERT INTO help_feedback (org_id, article_id, user_id, helpful, created_at)
       SELECT e.org_id, e.article_id, r.id, true, now() - interval '2 days'
       FROM help_experiment e, unnest($2::uuid[]) WITH ORDINALITY AS r(id, n)
       WHERE e.id = $1 AND (r.n <= 30 OR r.n BETWEEN 151 AND 195)`,
      [experimentId, ids],
    );
  } finally {
    await client.end();
  }
  cli("jobs:run", "help-experiments-stop");

  await signIn(page, reviewer);
  await visit(page, "/e2e-alpha/help/experiments");
  await page.getByRole("link", { name: `Kurzfassung ${tag}` }).click();
  await expect(page.getByText("Beendet (Gewinner gefunden)")).toBeVisible();
  await expect(page.getByText("Gewinner: Kurz.")).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "Stichproben-Verhältnis weicht ab" })).toBeVisible();
  const helpful = page.getByRole("table", { name: "Hilfreich-Stimmen" });
  await expect(helpful.getByRole("row", { name: /^Kontrolle/ })).toContainText("150");
  await expect(helpful.getByRole("row", { name: /^Kurz/ })).toContainText("90");
});
