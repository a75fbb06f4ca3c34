import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { Client } from "pg";

import { cli, createUser } from "./cli";
import { E2E_DATABASE_URL } from "./env";
import { openNavigation, signIn, visit } from "./helpers";
import { e2eState } from "./state";

// The AI area in the browser. The e2e environment sets no provider key, so the page must say that
// AI is not configured. Tests that need calls in the log get an organisation of their own (the
// desktop and phone runs, and anything else that calls AI in e2e-alpha, never meet them) and write
// the rows directly, as the router would have.

function unique(testInfo: TestInfo) {
  return `${testInfo.project.name}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
}

/** A fresh organisation with a manager and a partner; returns its slug and the members. */
function organisation(testInfo: TestInfo) {
  const tag = unique(testInfo);
  const slug = `ai-${tag}`.slice(0, 48).replace(/-+$/, "");
  cli("orgs:create", "--name", `KI Testküche ${tag}`, "--slug", slug);
  const managerEmail = `manager-${tag}@e2e.example`;
  const partnerEmail = `partner-${tag}@e2e.example`;
  return {
    slug,
    manager: { email: managerEmail, password: createUser(managerEmail, slug, "manager", "Mara Manager") },
    partner: { email: partnerEmail, password: createUser(partnerEmail, slug, "sales", "Paul Partner") },
  };
}

/** Runs SQL on the e2e database as its owner (row-level security does not apply to it). */
async function sql<R extends Record<string, unknown> = Record<string, never>>(
  text: string,
  values: unknown[] = [],
): Promise<R[]> {
  const client = new Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

const grid = (page: Page, name: string) => page.getByRole("grid", { name });

test("without provider keys a manager sees AI unconfigured, the budget and an empty dashboard", async ({
  page,
  isMobile,
}, testInfo) => {
  const { slug, manager } = organisation(testInfo);
  await signIn(page, manager);
  const nav = await openNavigation(page, isMobile);
  await nav.getByRole("link", { name: "KI", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/ai$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("KI");

  await expect(page.getByTestId("provider-openai")).toHaveText("OpenAI: nicht konfiguriert");
  await expect(page.getByTestId("provider-anthropic")).toHaveText("Anthropic: nicht konfiguriert");
  const alert = page.getByRole("alert").filter({ hasText: "KI ist nicht konfiguriert" });
  await expect(alert).toContainText("OPENAI_API_KEY");
  await expect(alert).toContainText("ANTHROPIC_API_KEY");

  await expect(page.getByRole("heading", { name: /^Budget im / })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: /Verbrauch des KI-Budgets/ })).toBeVisible();
  await expect(page.getByTestId("org-budget")).toContainText("0,00 € von 1.000,00 € ausgegeben");
  await expect(page.getByTestId("org-budget")).toContainText("80 %");
  const empty = page.getByRole("status").filter({ hasText: "Noch keine KI-Aufrufe" });
  await expect(empty).toContainText("Noch keine KI-Aufrufe in den letzten 30 Tagen");

  await page.getByRole("button", { name: "Letzte 7 Tage" }).click();
  await expect(page.getByRole("button", { name: "Letzte 7 Tage" })).toHaveAttribute("aria-pressed", "true");
  await expect(empty).toContainText("Noch keine KI-Aufrufe in den letzten 7 Tagen");

  // Managers read the prices; only the operator's admins change them.
  await expect(grid(page, "Modellpreise").getByRole("row").filter({ hasText: "gpt-4o-mini" })).toBeVisible();
  await expect(page.getByText("Nur Administratoren des Betreibers ändern Preise.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Preis hinzufügen" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Preis von .* bearbeiten$/ })).toHaveCount(0);

  await page.getByRole("link", { name: "Budget und Routing-Schwelle in den Einstellungen" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/settings#settings-group-ai$`));
  await expect(page.getByRole("heading", { name: "KI-Router" })).toBeVisible();
});

test("a manager sees the month's spend past 80 %, routing figures, and spend by day, use case and user", async ({
  page,
  isMobile,
}, testInfo) => {
  const { slug, manager, partner } = organisation(testInfo);
  const [org] = await sql<{ id: string }>("SELECT id FROM organization WHERE slug = $1", [slug]);
  const users = await sql<{ id: string; email: string }>(
    "SELECT id, email FROM app_user WHERE email = ANY($1)",
    [[manager.email, partner.email]],
  );
  const idOf = (email: string) => users.find((u) => u.email === email)?.id ?? null;
  const [m, p] = [idOf(manager.email), idOf(partner.email)];
  // Four provider answers (three small, one escalated to large), one cache hit, one failure.
  const calls: [string | null, string, string, boolean, boolean, string, number, number, string][] = [
    [m, "lead.classify", "small", false, false, "ok", 0.5, 800, "0 days"],
    [p, "lead.classify", "small", false, false, "ok", 0.25, 1200, "1 day"],
    [p, "email.triage", "small", false, false, "ok", 0.25, 900, "0 days"],
    [m, "email.triage", "large", true, false, "ok", 1, 3000, "0 days"],
    [p, "lead.classify", "small", false, true, "ok", 0, 5, "0 days"],
    [p, "email.triage", "small", false, false, "error", 0, 30000, "0 days"],
  ];
  for (const [userId, useCase, tier, escalated, cacheHit, outcome, cost, latency, ago] of calls) {
    await sql(
      `INSERT INTO ai_call (org_id, user_id, use_case, provider, model, tier, escalated, cache_hit,
                            tokens_in, tokens_out, cost_eur, latency_ms, outcome, created_at)
       VALUES ($1, $2, $3, 'openai', 'gpt-4o-mini', $4, $5, $6, 1000, 200, $7, $8, $9,
               now() - $10::interval)`,
      [org.id, userId, useCase, tier, escalated, cacheHit, cost, latency, outcome, ago],
    );
  }
  // This month's budget: 850 € of the default 1.000 € spent.
  await sql(
    `INSERT INTO ai_budget_org_month (org_id, month, spent_eur, reserved_eur)
     VALUES ($1, date_trunc('month', now() AT TIME ZONE 'UTC')::date, 850, 0)`,
    [org.id],
  );

  // Each member may spend 2 € a month; the partner has spent 0,50 € of it.
  await sql(
    `INSERT INTO setting_value (scope, org_id, key, value) VALUES ('org', $1, 'ai.budget.user.monthly.cap', '2')`,
    [org.id],
  );
  await sql(
    `INSERT INTO ai_budget_user_month (org_id, user_id, month, spent_eur, reserved_eur)
     VALUES ($1, $2, date_trunc('month', now() AT TIME ZONE 'UTC')::date, 0.5, 0)`,
    [org.id, p],
  );

  await signIn(page, manager);
  await visit(page, `/${slug}/ai`);
  await expect(page.getByTestId("org-budget")).toContainText("850,00 € von 1.000,00 € ausgegeben (85 %)");
  await expect(page.getByRole("progressbar", { name: /Verbrauch des KI-Budgets/ })).toHaveAttribute(
    "aria-valuenow",
    "85",
  );
  await expect(page.getByRole("alert").filter({ hasText: "Mehr als 80 % des Monatsbudgets" })).toBeVisible();

  await expect(page.getByTestId("kpi-spentMonth")).toContainText("850,00 €");
  await expect(page.getByTestId("kpi-spentMonth")).toContainText("2,00 € in den letzten 30 Tagen");
  await expect(page.getByTestId("kpi-smallShare")).toContainText("75 %");
  await expect(page.getByTestId("kpi-escalationRate")).toContainText("25 %");
  await expect(page.getByTestId("kpi-cacheHitRate")).toContainText("20 %");
  await expect(page.getByTestId("kpi-errorRate")).toContainText("20 %");
  await expect(page.getByTestId("kpi-p95Latency")).toContainText("Sek.");

  const useCases = grid(page, "Ausgaben nach Anwendungsfall");
  await expect(useCases.getByRole("row").filter({ hasText: "E-Mail-Triage" })).toContainText("1,25 €");
  await expect(useCases.getByRole("row").filter({ hasText: "Lead einordnen" })).toContainText("0,75 €");
  const byUser = grid(page, "Ausgaben nach Nutzer");
  await expect(byUser.getByRole("row").filter({ hasText: "Mara Manager" })).toContainText("1,50 €");
  await expect(byUser.getByRole("row").filter({ hasText: "Paul Partner" })).toContainText("0,50 €");
  await expect(page.getByRole("region", { name: "Ausgaben nach Nutzer" })).toContainText(
    "Limit je Mitglied: 2,00 € pro Monat",
  );
  // On a phone the grid hides the month's columns; on a desktop the partner has used a quarter.
  if (!isMobile)
    await expect(byUser.getByRole("row").filter({ hasText: "Paul Partner" })).toContainText("25 %");

  await expect(page.getByRole("img", { name: /^Ausgaben pro Tag vom .*insgesamt 2,00\s€/ })).toBeVisible();
  await page.getByRole("button", { name: "Als Tabelle anzeigen" }).click();
  const days = page.getByRole("table", { name: "Ausgaben pro Tag als Tabelle" });
  await expect(days.getByRole("row")).toHaveCount(31);
  await expect(days.getByRole("row").nth(1)).toContainText("1,75 €");

  // A week still holds every call; the table follows the period.
  await page.getByRole("button", { name: "Letzte 7 Tage" }).click();
  await expect(days.getByRole("row")).toHaveCount(8);
  await expect(page.getByTestId("kpi-spentMonth")).toContainText("2,00 € in den letzten 7 Tagen");
});

test("the operator's admin adds and edits a model price, with field errors, and it is audited", async ({
  page,
}, testInfo) => {
  const model = `e2e-${unique(testInfo)}`;
  await signIn(page, e2eState().alphaAdmin);
  await visit(page, "/e2e-alpha/ai");

  await page.getByRole("button", { name: "Preis hinzufügen" }).click();
  let dialog = page.getByRole("dialog", { name: "Modellpreis hinzufügen" });
  await dialog.getByRole("textbox", { name: "Modell", exact: true }).fill(model);
  await dialog.getByLabel("Eingabe (EUR / 1 Mio. Tokens)").fill("-1");
  await dialog.getByLabel("Ausgabe (EUR / 1 Mio. Tokens)").fill("abc");
  // The form checks itself with the action's schema first: these errors need no round trip.
  const posts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST") posts.push(request.url());
  });
  await dialog.getByRole("button", { name: "Speichern" }).click();
  await expect(dialog.getByLabel("Eingabe (EUR / 1 Mio. Tokens)")).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByText("Bitte einen Betrag ab 0 Euro angeben.")).toBeVisible();
  await expect(dialog.getByText("Bitte einen Betrag in Euro angeben, z. B. 0,55.")).toBeVisible();
  expect(posts).toEqual([]);

  await dialog.getByLabel("Eingabe (EUR / 1 Mio. Tokens)").fill("0,5");
  await dialog.getByLabel("Ausgabe (EUR / 1 Mio. Tokens)").fill("1,25");
  await dialog.getByRole("button", { name: "Speichern" }).click();
  await expect(dialog).toBeHidden();
  expect(posts).toHaveLength(1);
  await expect(page.getByRole("status").filter({ hasText: `Preis von ${model} gespeichert.` })).toBeVisible();
  const row = grid(page, "Modellpreise").getByRole("row").filter({ hasText: model });
  await expect(row).toContainText("0,50 €");
  await expect(row).toContainText("1,25 €");

  await row.getByRole("button", { name: `Preis von ${model} bearbeiten` }).click();
  dialog = page.getByRole("dialog", { name: `Preis von ${model}` });
  await expect(dialog.getByRole("textbox", { name: "Modell", exact: true })).toHaveAttribute("readonly", "");
  await expect(dialog.getByLabel("Ausgabe (EUR / 1 Mio. Tokens)")).toHaveValue("1,25");
  await dialog.getByLabel("Ausgabe (EUR / 1 Mio. Tokens)").fill("2");
  await dialog.getByRole("button", { name: "Speichern" }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText("2,00 €");

  await visit(page, `/e2e-alpha/audit?action=ai.price&resourceId=${model}`);
  await expect(page.getByTestId("audit-row").filter({ hasText: "KI-Preis geändert" })).toBeVisible();
  await expect(page.getByTestId("audit-row").filter({ hasText: "KI-Preis angelegt" })).toBeVisible();
});

test("a partner sees their own budget and that the dashboard is for managers", async ({ page }, testInfo) => {
  const email = `spender-${unique(testInfo)}@e2e.example`;
  await signIn(page, { email, password: createUser(email, "e2e-alpha", "sales", "Sina Spender") });
  await visit(page, "/e2e-alpha/ai");

  await expect(page.getByRole("heading", { name: /^Ihr KI-Budget im / })).toBeVisible();
  await expect(page.getByTestId("own-spent")).toContainText("Sie haben diesen Monat 0,00 € ausgegeben");
  await expect(page.getByText("Für Sie gilt kein Limit je Mitglied")).toBeVisible();
  await expect(
    page.getByText("Das KI-Dashboard mit Kosten, Routing und Modellpreisen ist für Administratoren"),
  ).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "KI ist nicht konfiguriert" })).toContainText(
    "KI-Funktionen sind derzeit nicht verfügbar",
  );
  await expect(page.getByRole("alert").filter({ hasText: "OPENAI_API_KEY" })).toHaveCount(0);
  await expect(grid(page, "Modellpreise")).toHaveCount(0);
  await expect(page.getByTestId("kpi-spentMonth")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Eigenes Limit in den Einstellungen" })).toHaveAttribute(
    "href",
    "/e2e-alpha/settings#settings-group-ai",
  );
});
