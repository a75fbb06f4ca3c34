import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { Client } from "pg";

import { createFeedbackLinkFixture, type FeedbackLinkFixture } from "../test/feedback-links";

import { E2E_DATABASE_URL } from "./env";

// The customer's feedback portal on a phone (Pixel 7), as a chef between two services: with
// JavaScript (every tap saved) and without (plain form posts), plus the links that lead nowhere.
// Links are arranged in SQL (test/feedback-links.ts), as the admin would have created them.

test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name !== "phone", "the portal is a phone page; its journey runs on the Pixel 7");
});

async function newLink(
  options: { expiresInDays?: number; locale?: "de" | "en" } = {},
): Promise<FeedbackLinkFixture> {
  const client = new Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      "SELECT id FROM organization WHERE slug = 'e2e-alpha'",
    );
    return await createFeedbackLinkFixture(client, { orgId: rows[0].id, ...options });
  } finally {
    await client.end();
  }
}

/** No WCAG 2.2 A/AA violation axe can find. */
async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

const product = (page: Page, name: string) => page.getByRole("group", { name, exact: true });

test.describe("with JavaScript", () => {
  test("rate two products, leave, come back to the saved draft, send, and get thanked", async ({ page }) => {
    // Two axe runs and a reopen loop: more than a minute on a busy 2-core machine.
    test.slow();
    const { token } = await newLink();
    await page.goto(`/feedback/${token}`);
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Guten Tag, Jana Koch!");
    // Neither MUI nor its style engine came along.
    expect(await page.locator("style[data-emotion]").count()).toBe(0);
    // The send button is in sight from the start: the bar sticks to the bottom.
    await expect(page.getByRole("button", { name: "Senden" })).toBeInViewport();
    await expectAccessible(page);

    await product(page, "Kartoffelgratin").getByRole("radio", { name: "4 von 5 – gut" }).check();
    await expect(page.getByRole("status")).toHaveText("Gespeichert");
    await product(page, "Vegane Bolognese").getByRole("radio", { name: "2 von 5 – mäßig" }).check();
    await product(page, "Vegane Bolognese").getByLabel("Kommentar (optional)").fill("Etwas zu süß");
    // Leaving straight after typing: the pending save goes out as the page closes.
    await page.goto("about:blank");

    // Back on the link: the taps are there, the last one too (its save went out as the page
    // closed and may still be arriving, so the page is reopened until it has).
    await expect(async () => {
      await page.goto(`/feedback/${token}`);
      await expect(product(page, "Vegane Bolognese").getByLabel("Kommentar (optional)")).toHaveValue(
        "Etwas zu süß",
        { timeout: 500 },
      );
    }).toPass({ timeout: 10_000 });
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    await expect(
      product(page, "Kartoffelgratin").getByRole("radio", { name: "4 von 5 – gut" }),
    ).toBeChecked();
    await expect(
      product(page, "Vegane Bolognese").getByRole("radio", { name: "2 von 5 – mäßig" }),
    ).toBeChecked();

    await page.getByLabel("Ihr Name").fill("Jana Koch");
    // Typing in the name field on a phone: the send button stays in sight.
    await expect(page.getByRole("button", { name: "Senden" })).toBeInViewport();
    await page.getByRole("radio", { name: "Küche" }).check();
    await page.getByRole("button", { name: "Senden" }).click();

    await expect(page).toHaveURL(new RegExp(`/feedback/${token}/thanks$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Vielen Dank für Ihr Feedback!");
    await expect(page.getByText("Bewertung: 4 von 5")).toBeVisible();
    await expectAccessible(page);

    // The link now shows what was sent, read-only.
    await page.goto(`/feedback/${token}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ihr Feedback ist angekommen");
    await expect(page.getByRole("radio")).toHaveCount(0);
  });

  test("speaks English by the link's language, and switches language on request", async ({ page }) => {
    const { token } = await newLink({ locale: "en" });
    await page.goto(`/feedback/${token}`);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hello Jana Koch!");
    await expect(
      product(page, "Kartoffelgratin").getByRole("radio", { name: "1 of 5 – poor" }),
    ).toBeVisible();
    await page.getByRole("link", { name: "Deutsch" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Guten Tag, Jana Koch!");
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("rate two products, save, leave, come back, fix what is missing, send, and get thanked", async ({
    page,
  }) => {
    const { token } = await newLink();
    await page.goto(`/feedback/${token}`);
    await product(page, "Kartoffelgratin").getByRole("radio", { name: "5 von 5 – sehr gut" }).check();
    await product(page, "Rinderroulade, küchenfertig").getByRole("radio", { name: "3 von 5 – okay" }).check();
    await product(page, "Rinderroulade, küchenfertig")
      .getByRole("checkbox", { name: "Würde ich bestellen" })
      .check();
    await page.getByRole("button", { name: "Speichern" }).click();
    await expect(page.getByRole("status")).toContainText("Ihr Zwischenstand ist gespeichert");

    await page.goto("about:blank");
    await page.goto(`/feedback/${token}`);
    await expect(
      product(page, "Kartoffelgratin").getByRole("radio", { name: "5 von 5 – sehr gut" }),
    ).toBeChecked();
    await expect(
      product(page, "Rinderroulade, küchenfertig").getByRole("checkbox", { name: "Würde ich bestellen" }),
    ).toBeChecked();

    // Sent without a name and role: back with both named, at the fields and at the top.
    await page.getByRole("button", { name: "Senden" }).click();
    await expect(page.getByRole("alert")).toContainText("Bitte geben Sie Ihren Namen an.");
    await expect(page.getByRole("alert")).toContainText("Bitte wählen Sie Ihre Rolle.");
    await expect(page.getByLabel("Ihr Name")).toHaveAttribute("aria-invalid", "true");
    await expect(
      product(page, "Kartoffelgratin").getByRole("radio", { name: "5 von 5 – sehr gut" }),
    ).toBeChecked();

    await page.getByLabel("Ihr Name").fill("Jana Koch");
    await page.getByRole("radio", { name: "Einkauf" }).check();
    await page.getByRole("button", { name: "Senden" }).click();
    await expect(page).toHaveURL(new RegExp(`/feedback/${token}/thanks$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Vielen Dank für Ihr Feedback!");
  });
});

test("the form with its errors shown is accessible too", async ({ page }) => {
  const { token } = await newLink();
  // Where a post without JavaScript sends the browser back (axe itself needs JavaScript to run).
  await page.goto(`/feedback/${token}?e=contact.name&e=contact.role&e=items`);
  // (#form-errors: with JavaScript, Next.js's route announcer is an alert too.)
  await expect(page.locator("#form-errors")).toContainText("Bitte bewerten Sie mindestens ein Produkt.");
  await expectAccessible(page);
});

test.describe("links that lead nowhere", () => {
  test("an expired link says so and whom to write to", async ({ page }) => {
    const { token } = await newLink({ expiresInDays: -1 });
    await page.goto(`/feedback/${token}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dieser Link ist abgelaufen");
    await expect(page.getByRole("link", { name: "vertrieb@freshfoodz.de" }).first()).toHaveAttribute(
      "href",
      "mailto:vertrieb@freshfoodz.de",
    );
    await expectAccessible(page);
  });

  test("an unknown link is a friendly 404", async ({ page }) => {
    const response = await page.goto(`/feedback/${"x".repeat(43)}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dieser Link ist nicht gültig");
    await expectAccessible(page);
  });
});
