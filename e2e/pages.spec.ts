import { createHash, randomBytes } from "node:crypto";

import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { Client } from "pg";

import { createFeedbackLinkFixture } from "../test/feedback-links";

import { E2E_DATABASE_URL } from "./env";
import { signIn, visit } from "./helpers";
import { e2eState } from "./state";

// Every page an admin meets (issue 16, "Words and layouts"), once per project: on desktop axe finds
// no WCAG 2 A/AA violation, on the Pixel 7 (412 px) no page scrolls sideways. One test per project
// that walks the pages and collects every failure, so one run names them all.

const ORG = "/e2e-alpha";

/**
 * What the pages show when they have something to show: a set-password link and a feedback link
 * (with a lead that has a sample box and a test phase), arranged in SQL as the admin's actions
 * would leave them.
 */
async function arrange(adminEmail: string) {
  const client = new Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ org_id: string; user_id: string }>(
      `SELECT o.id AS org_id, u.id AS user_id FROM organization o, app_user u
       WHERE o.slug = 'e2e-alpha' AND u.email = $1`,
      [adminEmail],
    );
    const { org_id: orgId, user_id: userId } = rows[0];
    const feedback = await createFeedbackLinkFixture(client, { orgId });
    // A reset link for the admin (lib/auth/password-links.ts stores the token's SHA-256); opened, never used.
    const passwordToken = randomBytes(32).toString("base64url");
    await client.query(
      `INSERT INTO password_token (org_id, user_id, purpose, token_hash, expires_at, created_by)
       VALUES ($1, $2, 'reset', $3, now() + interval '1 hour', $2)`,
      [orgId, userId, createHash("sha256").update(passwordToken, "utf8").digest()],
    );
    return { feedback, passwordToken };
  } finally {
    await client.end();
  }
}

/**
 * No WCAG 2 A/AA violation axe can find, as readable lines. `scope` narrows the check to one part
 * of the page (the admin pages' main: their shell is the same on every page and checked once).
 */
async function axeViolations(page: Page, scope?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]);
  if (scope) builder.include(scope);
  const { violations } = await builder.analyze();
  return violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes
        .slice(0, 5)
        .map(
          (n) => `      ${n.target.join(" ")} — ${n.failureSummary?.split("\n").slice(1).join(" ").trim()}`,
        )
        .join("\n"),
  );
}

/**
 * The page is no wider than the screen; if it is, the outermost elements that stick out. The screen
 * is the device's width, not window.innerWidth: on a phone the layout viewport widens to fit content
 * that sticks out, so innerWidth grows with the very overflow this looks for.
 */
async function overflow(page: Page): Promise<string[]> {
  return page.evaluate((width) => {
    if (document.documentElement.scrollWidth <= width) return [];
    const culprits: string[] = [];
    for (const element of document.body.querySelectorAll<HTMLElement>("*")) {
      if (element.getBoundingClientRect().right <= width + 1) continue;
      // Only the outermost: an element whose parent already sticks out says nothing new.
      const parent = element.parentElement;
      if (parent && parent !== document.body && parent.getBoundingClientRect().right > width + 1) continue;
      const name = `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}.${[...element.classList].slice(0, 3).join(".")}`;
      culprits.push(`${name} (${Math.round(element.getBoundingClientRect().right)} px)`);
    }
    return [
      `scrollWidth ${document.documentElement.scrollWidth} > ${width}: ${culprits.slice(0, 5).join(", ")}`,
    ];
  }, page.viewportSize()!.width);
}

/** Optional screenshots for review (E2E_SCREENSHOTS=1), in test-results. */
async function shot(page: Page, name: string) {
  if (process.env.E2E_SCREENSHOTS)
    await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

test("every page: axe finds nothing on desktop, nothing scrolls sideways on a phone", async ({
  page,
  isMobile,
}) => {
  // Sixteen page loads, each checked: one to two minutes on an idle 2-core machine, up to four
  // when it is busy (measured with five other test runs beside it).
  test.setTimeout(300_000);
  const { alphaAdmin } = e2eState();
  const { feedback, passwordToken } = await arrange(alphaAdmin.email);
  const failures: string[] = [];

  const check = async (name: string, url: string, scope?: string) => {
    await visit(page, url);
    await expect(page.getByRole("heading", { level: 1 }), url).toBeVisible();
    const found = isMobile ? await overflow(page) : await axeViolations(page, scope);
    failures.push(...found.map((line) => `${name} (${url}): ${line}`));
    await shot(page, name);
  };

  // The public pages first, before the admin signs in.
  await check("login", "/login");
  await check("set-password", `/set-password/${passwordToken}`);
  await check("feedback", `/feedback/${feedback.token}`);

  await signIn(page, alphaAdmin);
  // A lead of the admin's, registered through the API, so the lead page has a protection timeline.
  const registered = await page.request.post("/api/v1/leads", {
    headers: { origin: new URL(page.url()).origin },
    data: {
      companyName: `Barrierefrei Kantine ${randomBytes(4).toString("hex")}`,
      city: "Hamburg",
      registeredAt: new Date(Date.now() - 170 * 86_400_000).toISOString(),
      confirmSimilar: true,
    },
  });
  expect(registered.status(), await registered.text()).toBe(201);
  const lead = (await registered.json()) as { id: string };

  if (!isMobile) {
    // The shell's first Tab stop skips to the page; a client-side navigation puts focus on the new
    // page's heading and announces it.
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Zum Inhalt springen" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("main")).toBeFocused();
    await page
      .getByRole("navigation", { name: "Hauptnavigation" })
      .getByRole("link", { name: "Muster" })
      .click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Muster");
    await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
    await expect(page.getByTestId("route-announcer")).toHaveText("Muster");
  }

  for (const [name, path] of [
    ["overview", ""],
    ["leads", "/leads"],
    ["lead", `/leads/${lead.id}`],
    ["lead-with-samples", `/leads/${feedback.leadId}`],
    ["lead-queue", "/leads/queue"],
    ["samples", "/samples"],
    ["ai", "/ai"],
    ["audit", "/audit"],
    ["integrations", "/integrations"],
    ["members", "/members"],
    ["settings", "/settings"],
    ["system", "/system"],
    ["system-kpis", "/system/kpis"],
    ["system-logs", "/system/logs"],
    ["help", "/help"],
  ] as const) {
    // The whole page once (the shell: bar, navigation, skip link), then each page's own content.
    await check(name, `${ORG}${path}`, name === "overview" ? undefined : "main");
  }

  expect(failures, failures.join("\n")).toEqual([]);
});
