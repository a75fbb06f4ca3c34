import { readFile } from "node:fs/promises";

import {
  expect,
  test,
  type APIRequest,
  type APIRequestContext,
  type Page,
  type TestInfo,
} from "@playwright/test";

import { cli, createUser } from "./cli";
import { signIn, visit } from "./helpers";

// Lead protection in the browser. Every test makes its own members and leads (through the REST API
// with their tokens), named after the project, so the desktop and phone runs never meet.

const DAY = 86_400_000;

interface Member {
  email: string;
  password: string;
  token: string;
  id: string;
  api: APIRequestContext;
}

function unique(testInfo: TestInfo) {
  return `${testInfo.project.name}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
}

async function member(
  request: APIRequest,
  testInfo: TestInfo,
  role: "sales" | "manager",
  name: string,
): Promise<Member> {
  const email = `${role}-${unique(testInfo)}@e2e.example`;
  const password = createUser(email, "e2e-alpha", role, name);
  const token = cli("tokens:create", "--email", email, "--name", "e2e", "--org", "e2e-alpha");
  const api = await request.newContext({
    baseURL: testInfo.project.use.baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${token}` },
  });
  const me = await api.get("/api/v1/me");
  expect(me.status()).toBe(200);
  return { email, password, token, id: (await me.json()).user.id, api };
}

/** Registers a lead through the API; a unique city keeps the duplicate check out of the way. */
async function registerLead(api: APIRequestContext, testInfo: TestInfo, body: Record<string, unknown> = {}) {
  const tag = unique(testInfo);
  const companyName = `Frischküche ${tag}`;
  const response = await api.post("/api/v1/leads", {
    data: { companyName, city: `Testort ${tag}`, confirmSimilar: true, ...body },
  });
  expect(response.status(), await response.text()).toBe(201);
  const lead = await response.json();
  return { id: lead.id as string, companyName };
}

async function protection(api: APIRequestContext, leadId: string) {
  const response = await api.get(`/api/v1/leads/${leadId}/protection`);
  expect(response.status()).toBe(200);
  return (await response.json()) as { validUntil: string; baseUntil: string; progressUntil: string };
}

const deadline = (page: Page, key: string) => page.getByTestId(`deadline-${key}`).locator("time");

test("a partner logs a qualifying activity and sees the deadline move", async ({
  page,
  playwright,
}, testInfo) => {
  const manager = await member(playwright.request, testInfo, "manager", "Mara Manager");
  const partner = await member(playwright.request, testInfo, "sales", "Paul Partner");
  // Registered 170 days ago without progress: the base term (6 months) decides and ends soon;
  // progress now moves the deadline to 60 days from now.
  const lead = await registerLead(manager.api, testInfo, {
    ownerUserId: partner.id,
    registeredAt: new Date(Date.now() - 170 * DAY).toISOString(),
  });
  const before = await protection(partner.api, lead.id);
  expect(Date.parse(before.validUntil)).toBe(Date.parse(before.baseUntil));

  await signIn(page, partner);
  await visit(page, "/e2e-alpha/leads");
  await page.getByRole("link", { name: lead.companyName }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(lead.companyName);
  await expect(deadline(page, "validUntil")).toHaveAttribute("datetime", before.validUntil);

  const form = page.getByRole("form", { name: "Aktivität erfassen" });
  await form.getByLabel("Notiz").fill("Gespräch mit der Küchenleitung");
  await form.getByRole("button", { name: "Aktivität erfassen" }).click();

  await expect(deadline(page, "validUntil")).not.toHaveAttribute("datetime", before.validUntil);
  const after = await protection(partner.api, lead.id);
  expect(Date.parse(after.validUntil)).toBeGreaterThan(Date.parse(before.validUntil));
  expect(Date.parse(after.validUntil)).toBe(Date.parse(after.progressUntil));
  expect(Math.abs(Date.parse(after.validUntil) - (Date.now() + 60 * DAY))).toBeLessThan(5 * 60_000);
  await expect(deadline(page, "validUntil")).toHaveAttribute("datetime", after.validUntil);
  await expect(page.getByTestId("timeline-events")).toContainText(
    "Qualifiziertes Gespräch – zählt als Fortschritt",
  );
});

test("a manager approves an extension and the base deadline moves by its days", async ({
  page,
  playwright,
}, testInfo) => {
  const manager = await member(playwright.request, testInfo, "manager", "Mara Manager");
  const partner = await member(playwright.request, testInfo, "sales", "Paul Partner");
  const lead = await registerLead(partner.api, testInfo);
  const requested = await partner.api.post(`/api/v1/leads/${lead.id}/extensions`, {
    data: { days: 14, reason: "Probelieferung verzögert sich" },
  });
  expect(requested.status()).toBe(201);
  const before = await protection(partner.api, lead.id);

  await signIn(page, manager);
  await visit(page, "/e2e-alpha/leads/queue");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Manager-Warteschlange");
  const request = page.getByTestId("extension-request").filter({ hasText: lead.companyName });
  await expect(request).toContainText("14 Tage beantragt von Paul Partner");
  await request.getByRole("button", { name: "Entscheiden" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Kommentar").fill("Einverstanden");
  await dialog.getByRole("button", { name: "Genehmigen" }).click();
  await expect(dialog).toBeHidden();
  await expect(request).toHaveCount(0);

  const after = await protection(partner.api, lead.id);
  expect(Date.parse(after.baseUntil) - Date.parse(before.baseUntil)).toBe(14 * DAY);
  await visit(page, `/e2e-alpha/leads/${lead.id}`);
  await expect(deadline(page, "baseUntil")).toHaveAttribute("datetime", after.baseUntil);
  // The lead page's actions are tabs, one form at a time; the chosen one is kept in the URL.
  await page.getByRole("tab", { name: "Verlängerung" }).click();
  await expect(page).toHaveURL(/\?action=extension$/);
  await expect(page.getByRole("list", { name: "Verlängerungsanfragen" })).toContainText("Genehmigt");
});

test("a partner cannot open another partner's lead: 404", async ({ page, playwright }, testInfo) => {
  const owner = await member(playwright.request, testInfo, "sales", "Olga Owner");
  const other = await member(playwright.request, testInfo, "sales", "Otto Other");
  const lead = await registerLead(owner.api, testInfo);

  expect((await other.api.get(`/api/v1/leads/${lead.id}`)).status()).toBe(404);
  await signIn(page, other);
  const response = await page.goto(`/e2e-alpha/leads/${lead.id}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nicht gefunden");
  await expect(page.getByText(lead.companyName)).toHaveCount(0);

  // Nor does the list show it, with or without "my leads".
  await visit(page, "/e2e-alpha/leads");
  await page.getByRole("switch", { name: "Meine Leads" }).uncheck();
  await expect(page.getByRole("status")).toContainText("Keine Leads für diese Filter");
});

test("registering a lead in the browser: field errors, duplicates, similar candidates", async ({
  page,
}, testInfo) => {
  const email = `sales-${unique(testInfo)}@e2e.example`;
  await signIn(page, { email, password: createUser(email, "e2e-alpha", "sales", "Rita Register") });
  const city = `Ort ${unique(testInfo)}`;
  await visit(page, "/e2e-alpha/leads");
  await expect(page.getByRole("status")).toContainText("Noch keine Leads");

  const open = async () => {
    await page.getByRole("button", { name: "Lead registrieren" }).click();
    return page.getByRole("dialog", { name: "Lead registrieren" });
  };
  let dialog = await open();
  await dialog.getByLabel("Ort").fill(city);
  await dialog.getByLabel("E-Mail").fill("kein-mail");
  await dialog.getByRole("button", { name: "Registrieren" }).click();
  await expect(dialog.getByLabel("Firma")).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByLabel("E-Mail")).toHaveAttribute("aria-invalid", "true");

  await dialog.getByLabel("Firma").fill("Bäckerei Sonnenschein");
  await dialog.getByLabel("E-Mail").fill("");
  await dialog.getByRole("button", { name: "Registrieren" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bäckerei Sonnenschein");
  await expect(page.getByText("Inhaber: Rita Register")).toBeVisible();

  await visit(page, "/e2e-alpha/leads");
  await expect(page.getByRole("link", { name: "Bäckerei Sonnenschein" })).toBeVisible();
  dialog = await open();
  await dialog.getByLabel("Firma").fill("Bäckerei Sonnenschein GmbH");
  await dialog.getByLabel("Ort").fill(city);
  await dialog.getByRole("button", { name: "Registrieren" }).click();
  await expect(dialog.getByRole("alert")).toContainText("bereits registriert");

  await dialog.getByLabel("Firma").fill("Bäckerei Sonnenscheinchen");
  await dialog.getByRole("button", { name: "Registrieren" }).click();
  await expect(dialog.getByRole("alert")).toContainText("Ähnliche Leads im selben Ort");
  await expect(dialog).toContainText(`Bäckerei Sonnenschein, ${city}`);
  await dialog.getByRole("button", { name: "Trotzdem registrieren" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bäckerei Sonnenscheinchen");
});

test("the list pages, sorts, searches and filters on the server, keeps it all in the URL and exports it", async ({
  page,
  playwright,
}, testInfo) => {
  const partner = await member(playwright.request, testInfo, "sales", "Pia Pager");
  const tag = unique(testInfo);
  for (let i = 0; i < 30; i++) {
    const response = await partner.api.post("/api/v1/leads", {
      data: { companyName: `Lead ${i} ${tag}`, city: `Stadt ${i} ${tag}` },
    });
    expect(response.status()).toBe(201);
  }
  await signIn(page, partner);
  await visit(page, "/e2e-alpha/leads");
  await expect(page.getByRole("link", { name: `Lead 29 ${tag}` })).toBeVisible();
  await expect(page.getByText("1–25 von mehr als 25")).toBeVisible();
  await page.getByRole("button", { name: "Zur nächsten Seite" }).click();
  await expect(page.getByRole("link", { name: `Lead 0 ${tag}` })).toBeVisible();
  await expect(page.getByText("26–30 von 30")).toBeVisible();
  await page.getByRole("button", { name: "Zur vorherigen Seite" }).click();
  await expect(page.getByRole("link", { name: `Lead 29 ${tag}` })).toBeVisible();

  // Sorting is the server's too: by company, ascending, then descending.
  const firstRow = page.getByRole("row").nth(1);
  await page.getByRole("columnheader", { name: "Firma" }).click();
  await expect(firstRow).toContainText(`Lead 0 ${tag}`);
  await page.getByRole("columnheader", { name: "Firma" }).click();
  await expect(firstRow).toContainText(`Lead 9 ${tag}`);

  // Order and page live in the URL: a reload (and Back) shows the same page of the same order.
  await page.getByRole("button", { name: "Zur nächsten Seite" }).click();
  await expect(page).toHaveURL(/\/leads\?sort=companyName&dir=desc&page=2$/);
  const second = await partner.api.get("/api/v1/leads?owner=me&sort=-companyName&limit=25&page=2");
  const expected = ((await second.json()) as { items: { companyName: string }[] }).items;
  expect(expected).toHaveLength(5);
  await expect(firstRow).toContainText(expected[0].companyName);
  await visit(page, page.url());
  await expect(page).toHaveURL(/\/leads\?sort=companyName&dir=desc&page=2$/);
  await expect(page.getByText("26–30 von 30")).toBeVisible();
  await expect(firstRow).toContainText(expected[0].companyName);
  await expect(page.getByRole("columnheader", { name: "Firma" })).toHaveAttribute("aria-sort", "descending");

  // The CSV export: the list's filters and order, every page, German headers, Excel's BOM.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "CSV exportieren" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^leads-e2e-alpha-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile(await download.path(), "utf8");
  expect(csv.startsWith("\uFEFFFirma,Ort,Branche,Inhaber,Status,Registriert am,Geschützt bis,")).toBe(true);
  const lines = csv.slice(1).trimEnd().split("\r\n");
  expect(lines).toHaveLength(31);
  expect(lines[1]).toMatch(
    new RegExp(`^Lead 9 ${tag},Stadt 9 ${tag},,Pia Pager,Aktiv,\\d{4}-\\d{2}-\\d{2} `),
  );

  await page.getByLabel("Firma oder Ort suchen").fill(`Lead 7 ${tag}`);
  await expect(page.getByText("1–1 von 1")).toBeVisible();
  await page.getByRole("link", { name: `Lead 7 ${tag}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Lead 7 ${tag}`);
  await page.goBack();
  await page.getByRole("button", { name: "Nachfrist" }).click();
  await expect(page.getByRole("status")).toContainText("Keine Leads für diese Filter");
});

test("the lead's AI brief says plainly when AI is not set up", async ({ page, playwright }, testInfo) => {
  // The e2e environment configures no AI provider: the router refuses before anything is sent.
  const owner = await member(playwright.request, testInfo, "sales", "Bea Brief");
  const lead = await registerLead(owner.api, testInfo);
  await signIn(page, owner);
  await visit(page, `/e2e-alpha/leads/${lead.id}`);
  const brief = page.getByRole("region", { name: "KI-Kurzbrief" });
  await expect(brief).toContainText("Kontaktpersonen werden nicht übermittelt");
  await brief.getByRole("button", { name: "Kurzbrief erstellen" }).click();
  await expect(brief.getByRole("status")).toContainText("KI ist auf dieser Installation nicht eingerichtet");
});

test("a partner edits the lead: a German field error first, then the saved details", async ({
  page,
  playwright,
}, testInfo) => {
  const partner = await member(playwright.request, testInfo, "sales", "Edda Edit");
  const lead = await registerLead(partner.api, testInfo);
  const company = `${lead.companyName} GmbH`;

  await signIn(page, partner);
  await visit(page, `/e2e-alpha/leads/${lead.id}`);
  await page.getByRole("button", { name: "Bearbeiten" }).click();
  const dialog = page.getByRole("dialog", { name: "Lead bearbeiten" });
  await dialog.getByLabel("Firma").fill(company);
  await dialog.getByLabel("Telefon").fill("bitte anrufen");
  await dialog.getByLabel("USt-IdNr.").fill("DE123456789");
  await dialog.getByRole("button", { name: "Speichern" }).click();
  await expect(dialog.getByText("Bitte eine Telefonnummer wie +49 40 123456 angeben.")).toBeVisible();

  await dialog.getByLabel("Telefon").fill("+49 40 123456");
  await dialog.getByRole("button", { name: "Speichern" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Änderungen gespeichert.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(company);
  await expect(page.getByText("USt-IdNr. DE123456789")).toBeVisible();

  const saved = await (await partner.api.get(`/api/v1/leads/${lead.id}`)).json();
  expect(saved).toMatchObject({
    companyName: company,
    vatId: "DE123456789",
    stage: 2,
    contact: { phone: "+49 40 123456" },
  });
});
