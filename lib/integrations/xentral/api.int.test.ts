import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import * as customersRoute from "@/app/api/v1/leads/[id]/xentral/customers/route";
import * as leadRoute from "@/app/api/v1/leads/[id]/xentral/route";
import { createToken } from "@/lib/auth/tokens";
import type { MemberContext } from "@/lib/db";
import { setTestEnv } from "@/test/env";
import { startFakeXentral, type FakeXentral } from "@/test/fakes/xentral";
import { createTenant, registerLead, type TestTenant } from "@/test/tenants";

import { getConnectionHealth } from "../health";
import { testConnection } from "../service";
import { ZCustomerCandidate, ZLeadXentral } from "./schemas";
import { saveXentralConnection } from "./connection";
import { getXentralOverview, syncXentralNow } from "./service";

// The Xentral REST reads (a lead's Xentral side, customer search) with their problems, the
// connection saved through the service (token sealed, expiry in health with its warning), and
// "sync now".

setTestEnv({ INTEGRATIONS_KEY: randomBytes(32).toString("base64") });

let fake: FakeXentral;
let a: TestTenant;
let b: TestTenant;
let leadId = "";
let connectionId = "";

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function get(
  route: typeof leadRoute | typeof customersRoute,
  ctx: MemberContext | null,
  path: string,
  id: string,
) {
  // null: a token that is no one's (a request without one would read the session cookie).
  const token = ctx ? (await createToken(ctx, { name: "t", expiresInDays: 1 })).token : "fp_not_a_real_token";
  const headers = { authorization: `Bearer ${token}` };
  const response = await route.GET(new Request(`http://localhost/api/v1${path}`, { headers }), {
    params: Promise.resolve({ id }),
  });
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    body: (await response.json()) as Record<string, unknown>,
  };
}

beforeAll(async () => {
  fake = await startFakeXentral();
  a = await createTenant("xentral-api-a");
  b = await createTenant("xentral-api-b");
  ({ leadId } = await registerLead(a, "Mensa am Park"));
  fake.customers.push({
    id: "90",
    type: "company",
    general: {
      number: "10090",
      customerNumber: "10090",
      name: "Mensa am Park e.V.",
      email: null,
      phone: null,
      vatNumber: "DE111222333",
      address: { street: "Parkweg 3", zip: "50667", city: "Köln", country: "DE" },
    },
    tags: [],
    freeFields: [],
  });
  fake.seedProducts(12);
});
afterAll(async () => {
  await fake?.close();
});

describe("the Xentral connection", () => {
  it("is saved by an admin with its token sealed; health warns 14 days before the token expires", async () => {
    await expect(
      saveXentralConnection(a.sales, {
        name: "ERP",
        instance: fake.url,
        tokenExpiresAt: inDays(100),
        token: fake.token,
      }),
    ).rejects.toMatchObject({ kind: "forbidden" });
    await expect(
      saveXentralConnection(a.admin, {
        name: "ERP",
        instance: "http://erp.example.com",
        tokenExpiresAt: inDays(100),
      }),
    ).rejects.toThrow();
    ({ id: connectionId } = await saveXentralConnection(a.admin, {
      name: "ERP",
      instance: fake.url,
      tokenExpiresAt: inDays(10),
      token: fake.token,
      webhookSecret: "xentral-signature-key-0123456789",
    }));
    const health = await getConnectionHealth(a.admin, connectionId);
    expect(health.tokenExpiry).toMatchObject({ expiresAt: inDays(10), warning: true, expired: false });
    expect(health.light).toBe("yellow");
    // An edit without a token keeps the stored one; the id form of the instance becomes its URL.
    await saveXentralConnection(a.admin, {
      id: connectionId,
      name: "ERP",
      instance: fake.url,
      tokenExpiresAt: inDays(60),
    });
    const overview = await getXentralOverview(a.admin);
    expect(overview.connection).toMatchObject({
      tokenSet: true,
      settings: { baseUrl: fake.url },
      tokenExpiry: { warning: false },
      webhookPath: `/api/webhooks/xentral/${connectionId}`,
    });
    expect((await getConnectionHealth(a.admin, connectionId)).tokenExpiry?.warning).toBe(false);
  });

  it("syncs now for an admin and lists the run", async () => {
    await expect(syncXentralNow(a.sales, "incremental")).rejects.toMatchObject({ kind: "forbidden" });
    expect(await syncXentralNow(a.admin, "incremental")).toMatchObject({ inserted: 12, pages: 1 });
    const overview = await getXentralOverview(a.admin);
    expect(overview.products).toEqual({ active: 12, inactive: 0 });
    expect(overview.runs[0]).toMatchObject({ kind: "incremental", error: null, counts: { inserted: 12 } });
    await expect(syncXentralNow(b.admin, "full")).rejects.toMatchObject({ kind: "unprocessable" });
  });

  it("tests the connection by reading one product page with the stored token", async () => {
    expect(await testConnection(a.admin, connectionId)).toMatchObject({
      ok: true,
      parts: [{ part: "xentral", ok: true, target: new URL(fake.url).host, detail: { products: 12 } }],
    });
    await saveXentralConnection(a.admin, {
      id: connectionId,
      name: "ERP",
      instance: fake.url,
      tokenExpiresAt: inDays(60),
      token: "pat_revoked_0123456789abcdef",
    });
    const refused = await testConnection(a.admin, connectionId);
    expect(refused).toMatchObject({ ok: false, parts: [{ part: "xentral", ok: false }] });
    expect(refused.parts[0].message).toMatch(/401/);
    await expect(testConnection(b.admin, connectionId)).rejects.toMatchObject({ kind: "not_found" });
    await saveXentralConnection(a.admin, {
      id: connectionId,
      name: "ERP",
      instance: fake.url,
      tokenExpiresAt: inDays(60),
      token: fake.token,
    });
  });
});

describe("GET /api/v1/leads/{id}/xentral and …/customers", () => {
  it("answers the lead's Xentral side by its schema; another organisation's lead is a 404", async () => {
    const own = await get(leadRoute, a.sales, `/leads/${leadId}/xentral`, leadId);
    expect(own.status).toBe(200);
    expect(ZLeadXentral.parse(own.body)).toMatchObject({
      configured: true,
      customer: null,
      orderable: false,
    });
    expect((await get(leadRoute, b.admin, `/leads/${leadId}/xentral`, leadId)).status).toBe(404);
    const anonymous = await get(leadRoute, null, `/leads/${leadId}/xentral`, leadId);
    expect(anonymous.status).toBe(401);
    expect(anonymous.type).toMatch(/problem\+json/);
  });

  it("searches customers for managers and admins, with 400, 401, 403 and 404 as problems", async () => {
    const path = (q: string) => `/leads/${leadId}/xentral/customers?${q}`;
    const found = await get(customersRoute, a.admin, path("vatNumber=DE111222333"), leadId);
    expect(found.status).toBe(200);
    expect((found.body.items as unknown[]).map((c) => ZCustomerCandidate.parse(c))).toEqual([
      {
        id: "90",
        number: "10090",
        name: "Mensa am Park e.V.",
        vatNumber: "DE111222333",
        zip: "50667",
        city: "Köln",
      },
    ]);
    const bad = await get(customersRoute, a.admin, path("zip=50667"), leadId);
    expect(bad).toMatchObject({ status: 400, type: expect.stringMatching(/problem\+json/) });
    expect((await get(customersRoute, a.admin, path("name=x"), leadId)).status).toBe(400);
    expect((await get(customersRoute, null, path("name=Mensa"), leadId)).status).toBe(401);
    expect((await get(customersRoute, a.sales, path("name=Mensa"), leadId)).status).toBe(403);
    expect((await get(customersRoute, b.admin, path("name=Mensa"), leadId)).status).toBe(404);
  });
});
