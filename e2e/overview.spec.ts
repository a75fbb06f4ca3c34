import { devices, expect, test, type APIRequest, type APIRequestContext, type Page } from "@playwright/test";
import { Client } from "pg";

import { cli, createUser } from "./cli";
import { E2E_DATABASE_URL } from "./env";
import { signIn, visit } from "./helpers";

// The home page's "what needs me today" and the in-app inbox. Each worker makes its own
// organisation: a partner with a lead due this week (registered six months less three days ago,
// by the manager) and a fresh one with an extension request; two in-app notifications for the
// partner. The numbers are the organisation's own, so other specs' leads never change them.

const DAY = 86_400_000;

interface Org {
  slug: string;
  partner: { email: string; password: string };
  manager: { email: string; password: string };
  dueCompany: string;
  freshCompany: string;
}

async function api(baseURL: string, request: APIRequest, token: string) {
  return request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
}

async function post(context: APIRequestContext, path: string, data: object) {
  const response = await context.post(path, { data });
  expect(response.ok(), await response.text()).toBe(true);
  return response.json();
}

let org: Org;

// Both journeys share one organisation, made once: in order, in one worker.
test.describe.configure({ mode: "default" });

test.beforeAll(async ({ playwright }, testInfo) => {
  // Six CLI calls, each a process of its own.
  testInfo.setTimeout(180_000);
  const tag = `${Date.now()}-${testInfo.workerIndex}`;
  const slug = `ov-${tag}`;
  cli("orgs:create", "--name", `Overview ${tag}`, "--slug", slug);
  const partnerEmail = `paula-${tag}@overview.e2e.example`;
  const managerEmail = `manfred-${tag}@overview.e2e.example`;
  const partner = { email: partnerEmail, password: createUser(partnerEmail, slug, "sales", "Paula Partner") };
  const manager = {
    email: managerEmail,
    password: createUser(managerEmail, slug, "manager", "Manfred Manager"),
  };
  const baseURL = testInfo.project.use.baseURL!;
  const token = (email: string) => cli("tokens:create", "--email", email, "--name", "e2e", "--org", slug);
  const asManager = await api(baseURL, playwright.request, token(managerEmail));
  const asPartner = await api(baseURL, playwright.request, token(partnerEmail));
  const partnerId = (await (await asPartner.get("/api/v1/me")).json()).user.id as string;

  // Six months less three days ago: protection ends in three days.
  const registeredAt = new Date(Date.now() + 3 * DAY);
  registeredAt.setUTCMonth(registeredAt.getUTCMonth() - 6);
  const dueCompany = `Kantine Fällig ${tag}`;
  const freshCompany = `Mensa Frisch ${tag}`;
  const due = await post(asManager, "/api/v1/leads", {
    companyName: dueCompany,
    city: `Kiel ${tag}`,
    ownerUserId: partnerId,
    registeredAt: registeredAt.toISOString(),
  });
  const fresh = await post(asManager, "/api/v1/leads", {
    companyName: freshCompany,
    city: `Lübeck ${tag}`,
    ownerUserId: partnerId,
  });
  await post(asPartner, `/api/v1/leads/${fresh.id}/extensions`, { days: 14, reason: "Verkostung im Januar" });
  await asManager.dispose();
  await asPartner.dispose();

  // Two in-app notifications for the partner, as the daily job writes them.
  const client = new Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO notification_outbox (org_id, recipient_user_id, channel, template, payload, dedupe_key)
       SELECT o.id, $2, 'INAPP', t.template, jsonb_build_object('leadId', $3::text, 'companyName', $4::text,
              'city', 'Kiel', 'dueAt', now()::text), t.template || ':' || $3
       FROM organization o, (VALUES ('lead.reminder_60d'), ('lead.grace_expiry')) AS t (template)
       WHERE o.slug = $1`,
      [slug, partnerId, due.id, dueCompany],
    );
  } finally {
    await client.end();
  }
  org = { slug, partner, manager, dueCompany, freshCompany };
});

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/overview-${name}.png`, fullPage: true });
}

test("a partner's overview links to their due leads; the bell's inbox marks all read", async ({ page }) => {
  await signIn(page, org.partner);
  await expect(page).toHaveURL(new RegExp(`/${org.slug}$`));
  await expect(page.getByTestId("overview-dueThisWeek")).toHaveText("1");
  await expect(page.getByTestId("overview-extensionsPending")).toHaveText("1");
  const bell = page.getByRole("button", { name: "Benachrichtigungen, 2 ungelesen" });
  await expect(bell).toBeVisible();
  await screenshot(page, "partner-desktop");

  await page.getByRole("link", { name: /Diese Woche fällig/ }).click();
  await expect(page).toHaveURL(/\/leads\?owner=me&due=7d$/);
  const grid = page.getByRole("grid");
  await expect(grid.getByRole("link", { name: org.dueCompany })).toBeVisible();
  await expect(grid.getByRole("link", { name: org.freshCompany })).toHaveCount(0);

  await bell.click();
  const inbox = page.getByRole("dialog", { name: "Benachrichtigungen" });
  await expect(inbox.getByText(`${org.dueCompany} (Kiel) braucht eine Aktivität`)).toBeVisible();
  await inbox.getByRole("button", { name: "Alle als gelesen markieren" }).click();
  await expect(inbox.getByText("ungelesen")).toHaveCount(0);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: "Benachrichtigungen", exact: true })).toBeVisible();
});

test("a manager's overview shows the decision waiting, as a badge too, and the week's expiring leads", async ({
  page,
  browser,
}) => {
  await signIn(page, org.manager);
  await expect(page.getByTestId("overview-decisionsWaiting")).toHaveText("1");
  await expect(page.getByTestId("overview-expiringThisWeek")).toHaveText("1");
  await expect(page.getByTestId("nav-badge")).toHaveText("1");
  await screenshot(page, "manager-desktop");

  // The same page on a phone (Pixel 7), signed in with the same session.
  const phone = await browser.newContext({
    ...devices["Pixel 7"],
    storageState: await page.context().storageState(),
  });
  const phonePage = await phone.newPage();
  await visit(phonePage, `/${org.slug}`);
  await expect(phonePage.getByTestId("overview-decisionsWaiting")).toHaveText("1");
  // Against the device's width: innerWidth itself widens with content that sticks out.
  expect(await phonePage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    phonePage.viewportSize()!.width,
  );
  await expect(phonePage.getByRole("button", { name: "Abmelden" })).toBeInViewport();
  await expect(phonePage.getByRole("button", { name: /^Benachrichtigungen/ })).toBeInViewport();
  await screenshot(phonePage, "manager-phone");
  await phonePage.screenshot({ path: "test-results/overview-manager-phone-top.png" });
  await phone.close();

  await page.getByRole("link", { name: /Läuft diese Woche ab/ }).click();
  await expect(page).toHaveURL(/\/leads\?owner=all&due=7d$/);
  await expect(page.getByRole("grid").getByRole("link", { name: org.dueCompany })).toBeVisible();
  await expect(page.getByRole("grid").getByRole("link", { name: org.freshCompany })).toHaveCount(0);
  await screenshot(page, "manager-list-due");

  await visit(page, `/${org.slug}`);
  await page.getByRole("link", { name: /Entscheidungen offen/ }).click();
  await expect(page).toHaveURL(new RegExp(`/${org.slug}/leads/queue$`));
  await expect(page.getByText(org.freshCompany)).toBeVisible();
});
