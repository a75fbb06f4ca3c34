import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import * as credit from "@/app/api/v1/leads/[id]/credit/route";
import * as checks from "@/app/api/v1/leads/[id]/credit-checks/route";
import { insertAllianzConnection } from "@/test/connections";
import { setTestEnv } from "@/test/env";
import { startFakeAllianz, type FakeAllianz } from "@/test/fakes/allianz-trade";
import { addTenantMember, createTenant, registerLead, type TestTenant } from "@/test/tenants";

import { createToken } from "@/lib/auth/tokens";
import type { MemberContext } from "@/lib/db";
import { withOrg } from "@/lib/db";
import { saveAllianzConnection } from "@/lib/integrations/allianz-trade/service";
import { flushCallRecords } from "@/lib/integrations/resilience";
import { testConnection } from "@/lib/integrations/service";

import { ZLeadCredit, ZLimitRequestAccepted } from "./schemas";

// The credit REST API through the real route handlers with Bearer tokens, against the fake Allianz
// Trade: answers match their schemas, problems are problem+json, and access is the managers'.

type Handler = (request: Request, route: { params: Promise<unknown> }) => Promise<Response>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies under test

const KEY = randomBytes(32).toString("base64");
let fake: FakeAllianz;
let org: TestTenant;
let other: TestTenant;
let leadId: string;
let otherLeadId: string;
const tokens: Record<string, string> = {};

const tokenOf = async (ctx: MemberContext) => (await createToken(ctx, { name: "t", expiresInDays: 1 })).token;

async function call(handler: Handler, token: string, id: string, body?: unknown) {
  const response = await handler(
    new Request(`http://localhost/api/v1/leads/${id}/credit`, {
      method: body === undefined ? "GET" : "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    { params: Promise.resolve({ id }) },
  );
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    body: JSON.parse(text) as Json,
  };
}

beforeAll(async () => {
  fake = await startFakeAllianz();
  fake.addCompany({ companyId: "API-1", companyName: "Kantine Api GmbH", city: "Berlin", grade: 4 });
  setTestEnv({ INTEGRATIONS_KEY: KEY });
  org = await createTenant("credit-api-a");
  other = await createTenant("credit-api-b");
  await insertAllianzConnection(org.orgId, KEY, fake.url, fake.apiKey);
  const manager = await addTenantMember(org, "credit-api-a", "manager", "manager");
  tokens.manager = await tokenOf(manager);
  tokens.admin = await tokenOf(org.admin);
  tokens.sales = await tokenOf(org.sales);
  tokens.otherAdmin = await tokenOf(other.admin);
  ({ leadId } = await registerLead(org, "Kantine Api"));
  ({ leadId: otherLeadId } = await registerLead(other, "Kantine Anders"));
});
afterAll(async () => {
  await flushCallRecords();
  await fake?.close();
});

describe("GET /leads/{id}/credit and POST /leads/{id}/credit-checks", () => {
  it("checks, answers in its schema, requests a limit (202) and audits both", async () => {
    const before = await call(credit.GET, tokens.manager, leadId);
    expect(before.status).toBe(200);
    expect(ZLeadCredit.parse(before.body)).toMatchObject({ company: null, source: null });

    const checked = await call(checks.POST, tokens.manager, leadId, { kind: "check" });
    expect(checked.status).toBe(200);
    expect(ZLeadCredit.parse(checked.body)).toMatchObject({
      company: { companyId: "API-1" },
      grade: 4,
      source: "provider",
    });
    const read = await call(credit.GET, tokens.admin, leadId);
    expect(ZLeadCredit.parse(read.body)).toMatchObject({
      grade: 4,
      source: "cache",
      age: expect.any(Number),
    });

    const limit = await call(checks.POST, tokens.manager, leadId, { kind: "limit", amount: 5000 });
    expect(limit.status).toBe(202);
    expect(ZLimitRequestAccepted.parse(limit.body).request).toMatchObject({
      state: "PENDING",
      amount: 5000,
      currency: "EUR",
    });
    const again = await call(checks.POST, tokens.manager, leadId, { kind: "limit", amount: 10 });
    expect(again.status).toBe(409);

    const actions = await withOrg(org.admin, (tx) =>
      tx.auditEvent.findMany({
        where: { resourceId: leadId, action: { startsWith: "credit." } },
        select: { action: true },
      }),
    );
    expect(actions.map((a) => a.action).sort()).toEqual([
      "credit.checked",
      "credit.company.linked",
      "credit.limit.requested",
    ]);
  });

  it("answers 400 problems for a malformed request, 401 without a token, 403 to a partner, 404 for another organisation's lead", async () => {
    const bad = await call(checks.POST, tokens.manager, leadId, { kind: "limit" });
    expect(bad.status).toBe(400);
    expect(bad.type).toContain("application/problem+json");
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: "body.amount" })]),
    );
    const unknown = await call(checks.POST, tokens.manager, leadId, { kind: "check", grade: 1 });
    expect(unknown.status).toBe(400);
    const badId = await call(credit.GET, tokens.manager, "not-a-uuid");
    expect(badId.status).toBe(400);

    const anonymous = await call(credit.GET, "fpa_no-such-token", leadId);
    expect(anonymous.status).toBe(401);
    expect(anonymous.type).toContain("application/problem+json");

    // The partner owns the lead and may read it, but not its credit.
    const partner = await call(credit.GET, tokens.sales, leadId);
    expect(partner.status).toBe(403);
    expect((await call(checks.POST, tokens.sales, leadId, { kind: "check" })).status).toBe(403);

    const foreign = await call(credit.GET, tokens.otherAdmin, leadId);
    expect(foreign.status).toBe(404);
    expect(foreign.type).toContain("application/problem+json");
    expect((await call(checks.POST, tokens.manager, otherLeadId, { kind: "check" })).status).toBe(404);
  });

  it("lets an admin create the organisation's one Allianz Trade connection, its key sealed", async () => {
    const input = { name: "Allianz Trade", baseUrl: fake.url, apiKey: fake.apiKey };
    await expect(saveAllianzConnection(other.sales, input)).rejects.toMatchObject({ kind: "forbidden" });
    const { id } = await saveAllianzConnection(other.admin, input);
    const row = await withOrg(other.admin, (tx) =>
      tx.integrationConnection.findUniqueOrThrow({ where: { id } }),
    );
    expect(row).toMatchObject({ provider: "ALLIANZ_TRADE", settings: { baseUrl: fake.url }, enabled: true });
    expect(Buffer.from(row.secrets!).includes(Buffer.from(fake.apiKey))).toBe(false);
    await expect(saveAllianzConnection(other.admin, { ...input, name: "Second" })).rejects.toMatchObject({
      kind: "conflict",
    });
    // "Test connection" asks for a new token with the stored key; a wrong key fails with the answer.
    expect(await testConnection(other.admin, id)).toMatchObject({
      ok: true,
      parts: [{ part: "allianz", ok: true, target: new URL(fake.url).host, detail: { minutes: 60 } }],
    });
    const third = await createTenant("credit-api-c");
    const wrong = await insertAllianzConnection(third.orgId, KEY, fake.url, "not-the-key");
    const refused = await testConnection(third.admin, wrong);
    expect(refused).toMatchObject({ ok: false, parts: [{ part: "allianz", ok: false }] });
    expect(refused.parts[0].message).toMatch(/401/);
    await expect(testConnection(third.admin, id)).rejects.toMatchObject({ kind: "not_found" });
    // An edit without a key keeps it; with a new one the next token is asked with the new key.
    await saveAllianzConnection(other.admin, { id, name: "Allianz", baseUrl: fake.url });
    expect((await testConnection(other.admin, id)).ok).toBe(true);
    await saveAllianzConnection(other.admin, {
      id,
      name: "Allianz",
      baseUrl: fake.url,
      apiKey: "rotated-wrong-key",
    });
    expect((await testConnection(other.admin, id)).ok).toBe(false);
    await saveAllianzConnection(other.admin, { id, name: "Allianz", baseUrl: fake.url, apiKey: fake.apiKey });
    await expect(
      saveAllianzConnection(third.admin, { id, name: "x", baseUrl: fake.url }),
    ).rejects.toMatchObject({
      kind: "not_found",
    });
    await expect(
      saveAllianzConnection(third.admin, { name: "No key", baseUrl: fake.url }),
    ).rejects.toMatchObject({
      kind: "unprocessable",
    });
    // The other organisation's lead can now be checked by its admin.
    fake.addCompany({ companyId: "API-2", companyName: "Kantine Anders GmbH", city: "Berlin" });
    const checked = await call(checks.POST, tokens.otherAdmin, otherLeadId, { kind: "check" });
    expect(checked.status).toBe(200);
    expect(checked.body).toMatchObject({ company: { companyId: "API-2" }, source: "provider" });
  });
});
