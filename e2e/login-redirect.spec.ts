import { expect, test, type Page } from "@playwright/test";

import { signIn, visit } from "./helpers";
import { e2eState } from "./state";

// After sign-in the app follows `callbackUrl` only to its own pages (lib/auth/schemas.ts,
// safeCallbackPath). Browsers drop tabs and newlines from URLs and read "\" as "/", so each of these
// targets means //evil.example — another host — unless the app refuses it.
const FOREIGN_TARGETS = [
  "/%09/evil.example",
  "/%0A/evil.example",
  "%09//evil.example",
  "/%5Cevil.example",
  "//evil.example",
  "/..//evil.example",
  "https://evil.example/",
  "javascript:alert(document.domain)",
];

const ownOrigin = () => new URL(test.info().project.use.baseURL!).origin;

/** Signs in through the form on /login?callbackUrl=…, and waits until the browser has left /login. */
async function signInThrough(page: Page, query: string) {
  const { email, password } = e2eState().alphaAdmin;
  await visit(page, `/login?callbackUrl=${query}`);
  await page.getByLabel("E-Mail").fill(email);
  await page.getByLabel("Passwort").fill(password);
  await page.getByRole("button", { name: "Anmelden" }).click();
  await expect.poll(() => page.url()).not.toContain("/login");
}

test.describe("after sign-in the browser stays on the app", () => {
  test.beforeEach(({}, testInfo) => {
    test.skip(testInfo.project.name !== "desktop", "the redirect is the same on every device");
  });

  for (const target of FOREIGN_TARGETS) {
    test(`callbackUrl=${target} lands on the start page`, async ({ page }) => {
      await signInThrough(page, target);
      expect(new URL(page.url()).origin).toBe(ownOrigin());
      await expect(page).toHaveURL(/\/e2e-alpha$/);
    });
  }

  test("a target on the app is followed", async ({ page }) => {
    await signInThrough(page, encodeURIComponent("/e2e-alpha/settings"));
    await expect(page).toHaveURL(`${ownOrigin()}/e2e-alpha/settings`);
  });

  test("a signed-in visit to /login redirects only to the app", async ({ page }) => {
    await signIn(page, e2eState().alphaAdmin);
    for (const target of FOREIGN_TARGETS) {
      const response = await page.request.get(`/login?callbackUrl=${target}`, { maxRedirects: 0 });
      expect(response.status(), target).toBe(307);
      const location = response.headers().location;
      expect(new URL(location, ownOrigin()).origin, `${target} → ${location}`).toBe(ownOrigin());
      expect(location, target).toMatch(/^\/(?![/\\])/);
    }
  });
});
