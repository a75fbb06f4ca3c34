import { readFile } from "node:fs/promises";

import { expect, test, type TestInfo } from "@playwright/test";
import { Client } from "pg";

import { cli, createUser } from "./cli";
import { E2E_DATABASE_URL } from "./env";
import { signIn, visit } from "./helpers";

// The System area's business KPIs and logs in the browser: an organisation of its own with AI calls
// and two kinds of error written as the router and the logger would have; the KPI page shows them,
// refreshes and exports its trend as CSV; the logs page narrows to one kind of error.

test.skip(({ isMobile }) => isMobile, "the desktop run covers it; pages.spec.ts checks the phone layout");

async function sql(text: string, values: unknown[] = []) {
  const client = new Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(text, values)).rows;
  } finally {
    await client.end();
  }
}

function organisation(testInfo: TestInfo) {
  const tag = `${testInfo.project.name}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const slug = `sys-${tag}`.slice(0, 48).replace(/-+$/, "");
  cli("orgs:create", "--name", `System ${tag}`, "--slug", slug);
  const email = `admin-${tag}@e2e.example`;
  return { slug, admin: { email, password: createUser(email, slug, "admin", "Ada Admin") } };
}

test("an admin reads the KPIs with their CSV and narrows the logs to one error", async ({
  page,
}, testInfo) => {
  const { slug, admin } = organisation(testInfo);
  const [{ id: orgId }] = await sql(`SELECT id FROM organization WHERE slug = $1`, [slug]);
  await sql(
    `INSERT INTO ai_call (org_id, use_case, provider, model, tier, escalated, cache_hit, cost_eur, outcome, created_at)
     SELECT $1::uuid, 'lead.summary', 'openai', 'm', 'small', false, false, 0.5, 'ok', now() - (i || ' days')::interval
     FROM generate_series(0, 2) AS i`,
    [orgId],
  );
  await sql(
    `INSERT INTO app_log (org_id, level, message, fingerprint, location, route, request_id)
     SELECT $1::uuid, 'error', 'Lead ' || i || ' could not be released', repeat('b', 40), 'lib/leads/daily/release.ts:42',
            'job lead-protection-daily', 'job-' || i
     FROM generate_series(1, 3) AS i
     UNION ALL
     SELECT $1::uuid, 'error', 'Mail server refused the connection', repeat('c', 40), 'lib/integrations/mail/smtp.ts:7',
            'job outbox-deliver', 'job-9'`,
    [orgId],
  );
  await signIn(page, admin);

  await visit(page, `/${slug}/system`);
  await page.getByRole("link", { name: /Geschäftskennzahlen/ }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/system/kpis$`));
  await expect(page.getByRole("heading", { name: "Geschäftskennzahlen", level: 2 })).toBeVisible();
  await expect(page.getByTestId("kpi-freshness")).toHaveText(/^Stand: /);
  await expect(page.getByTestId("kpi-ai-small")).toContainText("100");
  await expect(page.getByRole("img", { name: /1,50 € für 3 Aufrufe/ })).toBeVisible();

  // The chart's table alternative, one click away.
  const ai = page.getByRole("region", { name: "KI" });
  await ai.getByRole("button", { name: "Als Tabelle zeigen" }).click();
  await expect(ai.getByRole("table", { name: "KI-Kosten pro Tag" }).getByRole("row")).toHaveCount(31);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "CSV herunterladen" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    new RegExp(`^system-kpis-30d-${slug}-\\d{4}-\\d{2}-\\d{2}\\.csv$`),
  );
  const csv = (await readFile(await download.path(), "utf8")).replace("\uFEFF", "").trim().split("\r\n");
  expect(csv[0]).toBe(
    "day,leads_active,leads_grace,leads_expired,leads_due_soon,reminders_sent,leads_released,ai_calls,ai_cost_eur,feedback_invited,feedback_submitted",
  );
  expect(csv).toHaveLength(31);
  // The protection counts are empty unless a daily run counted this organisation today.
  expect(csv.at(-1)).toMatch(/^\d{4}-\d{2}-\d{2},(\d*,){4}0,0,1,0\.5000,0,0$/);

  await visit(page, `/${slug}/system/logs`);
  const groups = page.getByTestId("log-groups");
  await expect(groups.getByRole("row")).toHaveCount(3);
  await expect(groups.getByRole("row").nth(1)).toContainText("Lead 3 could not be released");
  await expect(groups.getByRole("row").nth(1)).toContainText("3");
  await groups.getByRole("row").nth(2).getByRole("button", { name: "Nur diese zeigen" }).click();
  const lines = page.getByTestId("log-lines");
  await expect(lines.getByRole("row")).toHaveCount(2);
  await expect(lines).toContainText("Mail server refused the connection");
  await expect(lines).toContainText("job-9");
});
