import { expect, test, type Page, type Response } from "@playwright/test";
import { Client } from "pg";

import { cli } from "./cli";
import { E2E_DATABASE_URL, E2E_ENV } from "./env";
import { signIn, visit } from "./helpers";
import { e2eState } from "./state";

// The edge of the app as a browser and hostile clients meet it, on the production server: security
// headers and a Content-Security-Policy no page of ours violates, where the client address comes
// from, sign-in from other sites, metrics and request ids.

test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "the edge is the same for every device");
});

/** Records every CSP violation the page reports, from before its first script on. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction("reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) =>
      (window as unknown as { reportCspViolation(text: string): void }).reportCspViolation(
        `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`,
      ),
    );
  });
  return violations;
}

function expectSecurityHeaders(response: Response | null, url: string) {
  const headers = response!.headers();
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, url).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
  expect(csp, url).toContain("frame-ancestors 'none'");
  expect(csp, url).toContain("object-src 'none'");
  expect(headers["x-content-type-options"], url).toBe("nosniff");
  expect(headers["referrer-policy"], url).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"], url).toContain("camera=()");
  // Plain HTTP facing the client directly: no HSTS, whatever a forwarded header would claim.
  expect(headers["strict-transport-security"], url).toBeUndefined();
}

test("the main pages carry the security headers and violate no part of the CSP", async ({ page }) => {
  test.setTimeout(180_000); // eight pages and a sign-in
  const violations = await watchCsp(page);
  const nonces = new Set<string>();
  const check = async (url: string) => {
    const response = await page.goto(url);
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    expectSecurityHeaders(response, url);
    nonces.add(/'nonce-([^']+)'/.exec(response!.headers()["content-security-policy"])![1]);
  };

  await check("/login");
  await signIn(page, e2eState().alphaAdmin);
  const created = await page.request.post("/api/v1/leads", {
    data: { companyName: `CSP Kantine ${Date.now()}`, city: `CSP-Stadt ${Date.now()}` },
  });
  expect(created.status()).toBe(201);
  const lead = (await created.json()) as { id: string };

  for (const url of [
    "/e2e-alpha/leads",
    `/e2e-alpha/leads/${lead.id}`,
    "/e2e-alpha/settings",
    "/e2e-alpha/ai",
    "/e2e-alpha/audit",
    "/api/docs",
  ]) {
    await check(url);
  }
  // Styles the client adds later (a dialog) carry the nonce too.
  await visit(page, "/e2e-alpha/leads");
  await page.getByRole("button", { name: "Lead registrieren" }).click();
  await expect(page.getByRole("dialog", { name: "Lead registrieren" })).toBeVisible();

  expect(violations).toEqual([]);
  expect(nonces.size).toBe(7); // a fresh nonce for each of the seven answers
});

test("token pages send no referrer; API answers are not cached", async ({ request }) => {
  for (const url of ["/feedback/some-token", "/api/auth/callback/credentials"]) {
    const response = await request.get(url, { maxRedirects: 0 });
    expect(response.headers()["referrer-policy"], url).toBe("no-referrer");
  }
  const token = cli(
    "tokens:create",
    "--email",
    e2eState().alphaAdmin.email,
    "--name",
    "e2e",
    "--org",
    "e2e-alpha",
  );
  const me = await request.get("/api/v1/me", { headers: { authorization: `Bearer ${token}` } });
  expect(me.status()).toBe(200);
  expect(me.headers()["cache-control"]).toBe("no-store");
  const refused = await request.get("/api/v1/me");
  expect(refused.headers()["cache-control"]).toBe("no-store");
  expect((await request.post("/api/session", { data: {} })).headers()["cache-control"]).toBe("no-store");
});

test("requests with a body pass by the proxy, for which Next.js would read them whole first", async ({
  request,
}) => {
  const withBody = await request.post("/api/v1/leads", { data: { companyName: "x", city: "y" } });
  expect(withBody.status()).toBe(401);
  expect(withBody.headers()["content-security-policy"]).toBeUndefined();
  expect(withBody.headers()["x-content-type-options"]).toBe("nosniff");
  const without = await request.get("/api/v1/me");
  expect(without.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
});

test("a forged X-Forwarded-For reaches neither the audit trail nor the client address", async ({ page }) => {
  await signIn(page, e2eState().alphaAdmin);
  const response = await page.request.post("/api/v1/leads", {
    headers: { "x-forwarded-for": "203.0.113.77" },
    data: { companyName: `Adresse ${Date.now()}`, city: `Adressstadt ${Date.now()}` },
  });
  expect(response.status()).toBe(201);
  const { id } = (await response.json()) as { id: string };

  const db = new Client({ connectionString: E2E_DATABASE_URL });
  await db.connect();
  try {
    const { rows } = await db.query<{ ip: string }>(
      "SELECT ip FROM audit_event WHERE action = 'lead.created' AND resource_id = $1",
      [id],
    );
    expect(rows).toEqual([{ ip: "127.0.0.1" }]);
  } finally {
    await db.end();
  }
});

test("sign-in refuses another site's request, and a body that is not JSON", async ({ request }) => {
  const { alphaAdmin } = e2eState();
  const credentials = JSON.stringify({ email: alphaAdmin.email, password: alphaAdmin.password });
  // What a hostile page's form can send without asking: text/plain, from its own origin.
  const csrf = await request.post("/api/session", {
    headers: { "content-type": "text/plain", origin: "https://evil.example" },
    data: credentials,
  });
  expect(csrf.status()).toBe(403);
  expect(csrf.headers()["set-cookie"]).toBeUndefined();
  const foreignJson = await request.post("/api/session", {
    headers: { "content-type": "application/json", "sec-fetch-site": "cross-site" },
    data: credentials,
  });
  expect(foreignJson.status()).toBe(403);
  const textPlain = await request.post("/api/session", {
    headers: { "content-type": "text/plain" },
    data: credentials,
  });
  expect(textPlain.status()).toBe(415);
});

test("a write with the session cookie from another site is refused", async ({ page }) => {
  await signIn(page, e2eState().alphaAdmin);
  const lead = { companyName: `Fremd ${Date.now()}`, city: `Fremdstadt ${Date.now()}` };
  const foreign = await page.request.post("/api/v1/leads", {
    headers: { origin: "https://evil.example" },
    data: lead,
  });
  expect(foreign.status()).toBe(403);
  expect(foreign.headers()["content-type"]).toBe("application/problem+json");
  const own = await page.request.post("/api/v1/leads", {
    headers: { origin: new URL(page.url()).origin },
    data: lead,
  });
  expect(own.status()).toBe(201);
});

test("metrics want their token from everyone; request ids are short and plain", async ({ request }) => {
  for (const headers of [{}, { "x-forwarded-for": "127.0.0.1" }] as Record<string, string>[]) {
    expect((await request.get("/api/metrics", { headers })).status()).toBe(401);
  }
  const scrape = await request.get("/api/metrics", {
    headers: { authorization: `Bearer ${E2E_ENV.METRICS_TOKEN}` },
  });
  expect(scrape.status()).toBe(200);

  const long = await request.get("/api/v1/me", { headers: { "x-request-id": "r".repeat(4000) } });
  expect(long.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  const plain = await request.get("/api/v1/me", { headers: { "x-request-id": "trace-7.a_b" } });
  expect(plain.headers()["x-request-id"]).toBe("trace-7.a_b");
});
