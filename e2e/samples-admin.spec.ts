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

// The admin half of samples on desktop (issue 11): a partner configures a box on their lead, ships
// and delivers it, starts a test phase and creates a feedback link (read from the dialog that shows
// it once); the customer answers through the portal; the partner sees the answer on the lead page
// and the protection deadline it moved (SAMPLE_FEEDBACK is a qualifying activity).

const DAY = 86_400_000;

test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "the admin's journey runs on desktop");
});

function unique(testInfo: TestInfo) {
  return `${testInfo.project.name}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
}

/** A member's REST client, with a token made by the operators' CLI. */
async function apiOf(request: APIRequest, testInfo: TestInfo, email: string) {
  const token = cli("tokens:create", "--email", email, "--name", "e2e", "--org", "e2e-alpha");
  return request.newContext({
    baseURL: testInfo.project.use.baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${token}` },
  });
}

const deadline = (page: Page) => page.getByTestId("deadline-validUntil").locator("time");

test("a partner samples a lead, the customer answers, the partner sees it and the new deadline", async ({
  page,
  browser,
  playwright,
}, testInfo) => {
  // A whole journey through two browsers on a busy 2-core machine.
  test.slow();
  const tag = unique(testInfo);
  const adminEmail = `admin-${tag}@e2e.example`;
  createUser(adminEmail, "e2e-alpha", "admin", "Ada Admin");
  const partnerEmail = `sales-${tag}@e2e.example`;
  const password = createUser(partnerEmail, "e2e-alpha", "sales", "Paul Partner");
  const admin: APIRequestContext = await apiOf(playwright.request, testInfo, adminEmail);

  // The catalogue (an admin's) and a lead the partner owns, registered 170 days ago without
  // progress: the base term ends soon, and a qualifying activity now moves the deadline.
  const skus = [`S-${tag}-1`, `S-${tag}-2`];
  const names = [`Linseneintopf ${tag}`, `Grießbrei ${tag}`];
  for (const [i, sku] of skus.entries()) {
    const response = await admin.post("/api/v1/products", { data: { sku, name: names[i], unit: "kg" } });
    expect(response.status(), await response.text()).toBe(201);
  }
  const partner = await apiOf(playwright.request, testInfo, partnerEmail);
  const me = (await (await partner.get("/api/v1/me")).json()).user.id as string;
  const companyName = `Kantine ${tag}`;
  const registered = await admin.post("/api/v1/leads", {
    data: {
      companyName,
      city: `Testort ${tag}`,
      confirmSimilar: true,
      ownerUserId: me,
      registeredAt: new Date(Date.now() - 170 * DAY).toISOString(),
    },
  });
  expect(registered.status(), await registered.text()).toBe(201);
  const leadId = (await registered.json()).id as string;

  await signIn(page, { email: partnerEmail, password });
  await visit(page, `/e2e-alpha/leads/${leadId}`);
  const before = await deadline(page).getAttribute("datetime");
  const samples = page.getByRole("region", { name: "Muster" });

  // Configure a box: two products from the catalogue, three of the first.
  await samples.getByRole("button", { name: "Box zusammenstellen" }).click();
  const dialog = page.getByRole("dialog", { name: "Musterbox zusammenstellen" });
  for (const name of names) {
    await dialog.getByLabel("Produkte").fill(name.slice(0, 12));
    await page.getByRole("option", { name: new RegExp(name) }).click();
  }
  await dialog.getByLabel(`Menge von ${names[0]}`).fill("3");
  await dialog.getByRole("button", { name: "Box speichern" }).click();
  await expect(dialog).toBeHidden();
  const box = samples.getByRole("article");
  await expect(box.getByText("Zusammengestellt")).toBeVisible();
  await expect(box.getByText(`3 × ${names[0]}`)).toBeVisible();

  // Ship it with its tracking reference, deliver it, start the test phase.
  await box.getByRole("button", { name: "Als versandt markieren" }).click();
  await box.getByLabel("Sendungsnummer").fill("DHL 00340434");
  await box.getByRole("button", { name: "Als versandt speichern" }).click();
  await expect(box.getByText("Sendung DHL 00340434")).toBeVisible();
  await box.getByRole("button", { name: "Als zugestellt markieren" }).click();
  await expect(box.getByText("Zugestellt", { exact: true })).toBeVisible();
  await box.getByRole("button", { name: "Testphase starten" }).click();
  const phaseForm = box.getByRole("form", { name: "Testphase starten" });
  await phaseForm.getByLabel("Letzter Tag").fill(new Date(Date.now() + 7 * DAY).toISOString().slice(0, 10));
  await phaseForm.getByRole("button", { name: "Testphase starten" }).click();
  await expect(box.getByText("Im Test", { exact: true })).toBeVisible();

  // A feedback link, shown once: its URL is read from the dialog.
  await box.getByRole("button", { name: "Feedback-Link erstellen" }).click();
  const linkDialog = page.getByRole("dialog", { name: "Feedback-Link erstellen" });
  await linkDialog.getByLabel("Name des Empfängers").fill("Jana Koch");
  await linkDialog.getByRole("button", { name: "Link erstellen" }).click();
  const shown = page.getByRole("dialog", { name: "Der Feedback-Link" });
  await expect(shown.getByRole("img", { name: "QR-Code des Feedback-Links" })).toBeVisible();
  const url = await shown.getByTestId("feedback-url").inputValue();
  expect(url).toMatch(/\/feedback\/[A-Za-z0-9_-]{43}$/);
  await shown.getByRole("button", { name: "Fertig" }).click();
  await expect(box.getByText("Offen", { exact: true })).toBeVisible();

  // The customer answers on their own device, without the partner's session.
  const customer = await browser.newPage();
  await customer.goto(new URL(url, page.url()).pathname);
  await customer
    .getByRole("group", { name: names[0], exact: true })
    .getByRole("radio", { name: "5 von 5 – sehr gut" })
    .check();
  await customer
    .getByRole("group", { name: names[1], exact: true })
    .getByRole("radio", { name: "2 von 5 – mäßig" })
    .check();
  await customer
    .getByRole("group", { name: names[1], exact: true })
    .getByLabel("Kommentar (optional)")
    .fill("Zu süß");
  await customer.getByLabel("Ihr Name").fill("Jana Koch");
  await customer.getByRole("radio", { name: "Küche" }).check();
  await customer.getByRole("button", { name: "Senden" }).click();
  await expect(customer.getByRole("heading", { level: 1 })).toHaveText("Vielen Dank für Ihr Feedback!");
  await customer.close();

  // Back on the lead page: the answer, the box in FEEDBACK, and the deadline moved by it.
  await visit(page, `/e2e-alpha/leads/${leadId}`);
  const feedback = samples.getByTestId("feedback");
  await expect(feedback).toContainText("Jana Koch (Küchenchef)");
  await expect(feedback).toContainText(names[0]);
  await expect(feedback).toContainText("5 von 5");
  await expect(feedback).toContainText("“Zu süß”");
  await expect(box.getByText("Beantwortet", { exact: true })).toBeVisible();
  await expect(box.getByText("Feedback", { exact: true }).first()).toBeVisible();
  const after = await deadline(page).getAttribute("datetime");
  expect(Date.parse(after ?? "")).toBeGreaterThan(Date.parse(before ?? "") + 30 * DAY);

  // The Samples area counts it: one link sent, one answered.
  await visit(page, "/e2e-alpha/samples");
  await expect(page.getByTestId("kpi-invited")).toHaveText("1");
  await expect(page.getByTestId("kpi-submitted")).toHaveText("1");
  await expect(
    page.getByTestId("board-FEEDBACK").getByRole("link", { name: new RegExp(companyName) }),
  ).toBeVisible();
});
