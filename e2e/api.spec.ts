import { expect, test } from "@playwright/test";

import { E2E_ENV } from "./env";
import { signIn, visit } from "./helpers";
import { e2eState } from "./state";

// HTTP-level checks need no phone: they run once, in the desktop project.
test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "HTTP checks run once");
});

test("malformed or unknown credentials on /api/v1 are a 401 problem, never a 500", async ({ request }) => {
  for (const authorization of [
    undefined,
    "Bearer",
    "Bearer ",
    "Basic dXNlcjpwdw==",
    "Bearer fpa_short",
    "Bearer a b",
    `Bearer fpa_${"x".repeat(43)}`,
  ]) {
    const response = await request.get("/api/v1/me", {
      headers: authorization === undefined ? {} : { authorization },
    });
    expect(response.status(), String(authorization)).toBe(401);
    expect(response.headers()["content-type"]).toBe("application/problem+json");
    const problem = await response.json();
    expect(problem).toMatchObject({ status: 401, title: "Unauthorized", instance: "/api/v1/me" });
    expect(problem.type).toMatch(/^https?:\/\//);
  }
});

test("a personal access token is shown once, works as Bearer, and stops working when revoked", async ({
  page,
  playwright,
}) => {
  await signIn(page, e2eState().alphaAdmin);
  await visit(page, "/e2e-alpha/settings");
  const name = `ci-${Date.now()}`;
  await page.getByLabel("Bezeichnung").fill(name);
  await page.getByRole("button", { name: "Token erstellen" }).click();
  const token = (await page.getByTestId("new-token").textContent()) ?? "";
  expect(token).toMatch(/^fpa_[A-Za-z0-9_-]{43}$/);

  // A client without the browser's cookies: only the token speaks for it.
  const api = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  const me = await api.get("/api/v1/me", { headers: { authorization: `Bearer ${token}` } });
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({
    org: { slug: "e2e-alpha" },
    role: "admin",
    authenticatedVia: "token",
  });

  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("Aktiv");
  await expect(page.getByText(token)).toBeVisible();
  await page.reload();
  await expect(page.getByText(token)).toHaveCount(0); // shown once only

  await row.getByRole("button", { name: "Widerrufen" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Widerrufen" }).click();
  await expect(row).toContainText("Widerrufen");
  const after = await api.get("/api/v1/me", { headers: { authorization: `Bearer ${token}` } });
  expect(after.status()).toBe(401);
  await api.dispose();
});

test("sign-in is rate-limited per account with 429, Retry-After and a generic message", async ({
  request,
}) => {
  const email = `target-${Date.now()}@e2e.example`;
  const attempt = () => request.post("/api/session", { data: { email, password: "guess" } });
  for (let i = 0; i < 5; i++) expect((await attempt()).status()).toBe(401);
  const limited = await attempt();
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
  expect(limited.headers()["content-type"]).toBe("application/problem+json");
  expect((await limited.json()).detail).toBe("Too many sign-in attempts. Please wait and try again.");
});

test("health and metrics report a reachable, migrated database", async ({ request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: "ok", database: "up", migrations: { pending: [] } });

  const metrics = await request.get("/api/metrics", {
    headers: { authorization: `Bearer ${E2E_ENV.METRICS_TOKEN}` },
  });
  expect(metrics.status()).toBe(200);
  const text = await metrics.text();
  expect(text).toMatch(/^freshplan_database_up 1$/m);
  expect(text).toMatch(/^freshplan_migrations_pending 0$/m);
});
