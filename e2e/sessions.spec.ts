import { expect, test, type Browser, type Cookie, type Page, type TestInfo } from "@playwright/test";

import { cli, createUser } from "./cli";
import { signIn, visit } from "./helpers";
import type { Credentials } from "./state";

// A session that ends is over for good: a copy of its cookie (taken from a shared computer, a proxy
// log, malware) opens nothing afterwards — not the API, not a page.

const ownOrigin = () => new URL(test.info().project.use.baseURL!).origin;

/** A new sales partner of e2e-alpha, so that ending their sessions disturbs no other test. */
function freshUser(testInfo: TestInfo, name: string): Credentials {
  const email = `${name}-${testInfo.project.name}-${Date.now()}@e2e.example`;
  return { email, password: createUser(email, "e2e-alpha", "sales", name) };
}

/** Signs in in a browser of its own (another device, as far as the app can tell). */
async function signedInBrowser(browser: Browser, credentials: Credentials) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, credentials);
  return page;
}

/** What a copy of these cookies opens: the API's answer and where a page ends up. */
async function whatCookiesOpen(browser: Browser, cookies: Cookie[]) {
  const context = await browser.newContext();
  await context.addCookies(cookies);
  const api = (await context.request.get("/api/v1/me")).status();
  const page = await context.newPage();
  await page.goto("/e2e-alpha");
  const path = new URL(page.url()).pathname;
  await context.close();
  return { api, path };
}

const OPEN = { api: 200, path: "/e2e-alpha" };
const REFUSED = { api: 401, path: "/login" };

async function copyOfCookies(page: Page) {
  const cookies = await page.context().cookies();
  expect(await whatCookiesOpen(page.context().browser()!, cookies)).toEqual(OPEN);
  return cookies;
}

test.describe("HTTP", () => {
  test.beforeEach(({}, testInfo) => {
    test.skip(testInfo.project.name !== "desktop", "HTTP checks run once");
  });

  test("DELETE /api/session ends the session: its cookie is refused, a new sign-in works", async ({
    page,
    browser,
  }, testInfo) => {
    const user = freshUser(testInfo, "leaving");
    await signIn(page, user);
    const cookies = await copyOfCookies(page);

    const signOut = await page.request.delete("/api/session", { headers: { origin: ownOrigin() } });
    expect(signOut.status()).toBe(204);
    expect(await whatCookiesOpen(browser, cookies)).toEqual(REFUSED);

    await signIn(page, user);
    expect((await page.request.get("/api/v1/me")).status()).toBe(200);
  });

  test("DELETE /api/v1/sessions signs out everywhere", async ({ page, browser }, testInfo) => {
    const user = freshUser(testInfo, "everywhere-api");
    await signIn(page, user);
    const other = await signedInBrowser(browser, user);
    const cookies = await copyOfCookies(other);

    const response = await page.request.delete("/api/v1/sessions", { headers: { origin: ownOrigin() } });
    expect(response.status()).toBe(204);
    expect(await whatCookiesOpen(browser, cookies)).toEqual(REFUSED);
    expect((await page.request.get("/api/v1/me")).status()).toBe(401);
    await other.context().close();
  });

  test("a password reset ends every session; the new password signs in", async ({
    page,
    browser,
  }, testInfo) => {
    test.slow(); // the CLI starts slowly on a busy machine
    const user = freshUser(testInfo, "forgetful");
    await signIn(page, user);
    const cookies = await copyOfCookies(page);

    const password = cli("users:reset-password", "--email", user.email, "--org", "e2e-alpha");
    expect(await whatCookiesOpen(browser, cookies)).toEqual(REFUSED);
    await page.reload();
    await expect(page).toHaveURL(/\/login/);

    await signIn(page, { email: user.email, password });
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Willkommen, forgetful");
  });

  test("deactivation ends every session, and reactivation does not revive them", async ({
    page,
    browser,
  }, testInfo) => {
    test.slow(); // the CLI starts slowly on a busy machine
    const user = freshUser(testInfo, "returning");
    await signIn(page, user);
    const cookies = await copyOfCookies(page);

    cli("users:deactivate", "--email", user.email, "--org", "e2e-alpha");
    cli("users:activate", "--email", user.email, "--org", "e2e-alpha");
    expect(await whatCookiesOpen(browser, cookies)).toEqual(REFUSED);

    await signIn(page, user);
    await expect(page).toHaveURL(/\/e2e-alpha$/);
  });
});

test("the shell's sign-out button ends the session", async ({ page, browser }, testInfo) => {
  await signIn(page, freshUser(testInfo, "button"));
  const cookies = await copyOfCookies(page);

  await page.getByRole("button", { name: "Abmelden" }).click();
  await expect(page).toHaveURL(/\/login/);
  expect(await whatCookiesOpen(browser, cookies)).toEqual(REFUSED);
});

test("signing out everywhere on the settings page ends the sessions of every device", async ({
  page,
  browser,
}, testInfo) => {
  test.slow(); // the CLI and three browser contexts on a busy machine
  const user = freshUser(testInfo, "travelling");
  const laptop = await signedInBrowser(browser, user);
  const laptopCookies = await copyOfCookies(laptop);
  await signIn(page, user);

  await visit(page, "/e2e-alpha/settings");
  const sessions = page.getByRole("table", { name: "Ihre Sitzungen, zuletzt aktive zuerst" });
  await expect(sessions.getByTestId("session-row")).toHaveCount(2);
  await expect(sessions.getByText("Dieser Browser")).toHaveCount(1);
  await expect(sessions.getByTestId("session-row").first()).toContainText(
    /^Chrome unter (Windows|Android)Dieser Browser/,
  );

  await page.getByRole("button", { name: "Überall abmelden" }).click();
  const dialog = page.getByRole("dialog", { name: "Überall abmelden?" });
  await dialog.getByRole("button", { name: "Überall abmelden" }).click();
  await expect(page).toHaveURL(/\/login/);

  await laptop.reload();
  await expect(laptop).toHaveURL(/\/login/);
  expect(await whatCookiesOpen(browser, laptopCookies)).toEqual(REFUSED);
  await laptop.context().close();

  await signIn(page, user);
  await expect(page).toHaveURL(/\/e2e-alpha$/);
});
