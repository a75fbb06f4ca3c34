import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import { insertAllianzConnection } from "@/test/connections";
import { setTestEnv } from "@/test/env";
import { startFakeAllianz, type FakeAllianz } from "@/test/fakes/allianz-trade";
import { asSuperuser } from "@/test/pg";
import { addTenantMember, createTenant, registerLead, type TestTenant } from "@/test/tenants";

import { withOrg, type MemberContext } from "@/lib/db";
import { AllianzTradeClient, resetAllianzTokens } from "@/lib/integrations/allianz-trade/client";
import { forgetAllianzClients } from "@/lib/integrations/allianz-trade/connection";
import { flushCallRecords, policyFor, PROVIDER_POLICIES, resetPolicies } from "@/lib/integrations/resilience";

import { pollLimitRequests } from "./limits";
import { isRefreshing } from "./refresh";
import { findCreditCompanies, getLeadCredit, requestCreditLimit, runCreditCheck } from "./service";

// The credit domain against a fake Allianz Trade on 127.0.0.1 (test/fakes/allianz-trade.ts) that
// speaks the client's wire format: token renewal, single-flight, stale-while-revalidate, the
// breaker failing fast with the cached answer, limit requests polled to their decision, and
// another organisation seeing nothing.

const KEY = randomBytes(32).toString("base64");
let fake: FakeAllianz;
let org: TestTenant;
let other: TestTenant;
let manager: MemberContext;
let connectionId: string;

const setFetchedAt = (companyId: string, at: Date | null) =>
  asSuperuser((client) =>
    client.query(`UPDATE credit_company SET fetched_at = $2 WHERE org_id = $1 AND company_id = $3`, [
      org.orgId,
      at,
      companyId,
    ]),
  );

/** A lead of the tenant linked to a fresh company of the fake, checked once. */
async function linkedLead(name: string, companyId: string, grade = 3) {
  fake.addCompany({ companyId, companyName: `${name} GmbH`, city: "Berlin", grade });
  const { leadId } = await registerLead(org, name);
  await runCreditCheck(manager, leadId, { kind: "check" });
  return leadId;
}

const gradeRequests = () => fake.requests.filter((r) => r.path.startsWith("/v1/companies/grade")).length;

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 5_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > end) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

beforeAll(async () => {
  fake = await startFakeAllianz();
  setTestEnv({ INTEGRATIONS_KEY: KEY });
  org = await createTenant("credit-a");
  other = await createTenant("credit-b");
  manager = await addTenantMember(org, "credit-a", "manager", "manager");
  connectionId = await insertAllianzConnection(org.orgId, KEY, fake.url, fake.apiKey);
  await insertAllianzConnection(other.orgId, KEY, fake.url, fake.apiKey);
});
afterAll(async () => {
  await flushCallRecords();
  await fake?.close();
});
beforeEach(() => {
  resetPolicies();
  resetAllianzTokens();
  forgetAllianzClients();
  fake.options.latencyMs = 0;
  fake.options.failureRate = 0;
});

describe("the Allianz Trade client's token", () => {
  it("is fetched once for many concurrent calls, and renewed once when it nears its expiry or is refused", async () => {
    fake.addCompany({ companyId: "TOK-1", companyName: "Token AG" });
    fake.options.latencyMs = 30;
    const client = new AllianzTradeClient({
      orgId: org.orgId,
      connectionId,
      baseUrl: fake.url,
      apiKey: fake.apiKey,
    });
    const issued = fake.tokensIssued;
    const burst = () => Promise.all(Array.from({ length: 50 }, () => client.readGrade("TOK-1")));
    expect((await burst()).every((g) => g.grade === 3)).toBe(true);
    expect(fake.tokensIssued - issued).toBe(1);
    await burst(); // still valid: no new token
    expect(fake.tokensIssued - issued).toBe(1);

    // 58 minutes later the token has 2 minutes left, less than the 5 the client keeps: one renewal.
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 58 * 60_000);
      await burst();
      expect(fake.tokensIssued - issued).toBe(2);
    } finally {
      vi.useRealTimers();
    }

    // The vendor drops its tokens: every call gets 401, one renewal serves them all.
    fake.revokeTokens();
    const refused = fake.requests.length;
    const client2 = new AllianzTradeClient({
      orgId: org.orgId,
      connectionId,
      baseUrl: fake.url,
      apiKey: fake.apiKey,
    });
    await Promise.all(Array.from({ length: 50 }, () => client2.readGrade("TOK-1")));
    expect(fake.tokensIssued - issued).toBe(3);
    expect(fake.requests.slice(refused).filter((r) => r.status === 401).length).toBeGreaterThan(0);
  });
});

describe("credit checks on a lead", () => {
  it("links the lead's company by search and reads its grade and cover; a sales partner may not", async () => {
    fake.addCompany({
      companyId: "DE-100",
      companyName: "Kantine Nord GmbH",
      city: "Berlin",
      grade: 2,
      cover: {
        coverStatus: "GRANTED",
        amount: { value: 25_000, currency: "EUR" },
        decisionDate: "2026-10-01T08:00:00Z",
      },
    });
    const { leadId } = await registerLead(org, "Kantine Nord");
    expect(await getLeadCredit(manager, leadId)).toMatchObject({ company: null, source: null });
    const checked = await runCreditCheck(manager, leadId, { kind: "check" });
    expect(checked).toMatchObject({
      company: { companyId: "DE-100", name: "Kantine Nord GmbH", city: "Berlin" },
      grade: 2,
      limit: 25_000,
      currency: "EUR",
      coverStatus: "GRANTED",
      decidedAt: "2026-10-01T08:00:00.000Z",
      source: "provider",
      age: 0,
    });
    expect(await getLeadCredit(manager, leadId)).toMatchObject({ grade: 2, source: "cache" });
    await expect(getLeadCredit(org.sales, leadId)).rejects.toMatchObject({ kind: "forbidden" });
  });

  it("lets the manager choose when several companies match, and takes the one with the lead's VAT number", async () => {
    fake.addCompany({ companyId: "DE-310", companyName: "Café Auswahl GmbH", city: "Berlin" });
    fake.addCompany({ companyId: "DE-311", companyName: "Café Auswahl Catering GmbH", city: "Berlin" });
    const { leadId } = await registerLead(org, "Café Auswahl");
    await expect(runCreditCheck(manager, leadId, { kind: "check" })).rejects.toMatchObject({
      kind: "conflict",
      text: { code: "credit.errors.chooseCompany" },
    });
    const candidates = await findCreditCompanies(manager, leadId);
    expect(candidates.map((c) => [c.companyId, c.vatMatch, c.linked])).toEqual([
      ["DE-310", false, false],
      ["DE-311", false, false],
    ]);
    await expect(findCreditCompanies(org.sales, leadId)).rejects.toMatchObject({ kind: "forbidden" });
    await expect(findCreditCompanies(other.admin, leadId)).rejects.toMatchObject({ kind: "not_found" });
    expect(await runCreditCheck(manager, leadId, { kind: "check", companyId: "DE-311" })).toMatchObject({
      company: { companyId: "DE-311" },
    });
    expect((await findCreditCompanies(manager, leadId)).find((c) => c.linked)?.companyId).toBe("DE-311");

    // With the lead's VAT number (written as people write it) that company comes first and is taken.
    fake.addCompany({
      companyId: "DE-312",
      companyName: "Imbiss Steuer GmbH",
      city: "Berlin",
      vatNumber: "DE123456789",
    });
    fake.addCompany({ companyId: "DE-313", companyName: "Imbiss Steuer Service GmbH", city: "Berlin" });
    const { leadId: westId } = await registerLead(org, "Imbiss Steuer");
    await asSuperuser((client) =>
      client.query(`UPDATE lead SET vat_id = 'DE 123 456 789' WHERE id = $1`, [westId]),
    );
    expect((await findCreditCompanies(manager, westId))[0]).toMatchObject({
      companyId: "DE-312",
      vatMatch: true,
    });
    expect(await runCreditCheck(manager, westId, { kind: "check" })).toMatchObject({
      company: { companyId: "DE-312" },
    });
  });

  it("asks the provider once for 100 concurrent checks of one company (single-flight)", async () => {
    const leadId = await linkedLead("Mensa Süd", "DE-200");
    await setFetchedAt("DE-200", null);
    await asSuperuser((c) => c.query(`UPDATE credit_company SET grade = NULL WHERE company_id = 'DE-200'`));
    fake.options.latencyMs = 100;
    const before = gradeRequests();
    const answers = await Promise.all(Array.from({ length: 100 }, () => getLeadCredit(manager, leadId)));
    expect(gradeRequests() - before).toBe(1);
    // Each read now, or from the cache the one read filled.
    expect(answers.filter((a) => a.grade === 3 && a.source !== "stale")).toHaveLength(100);
    expect(answers.some((a) => a.source === "provider")).toBe(true);
  });

  it("answers a stale result at once with its age while one background read refreshes it", async () => {
    const leadId = await linkedLead("Bistro West", "DE-300");
    await setFetchedAt("DE-300", new Date(Date.now() - 9 * 3_600_000));
    fake.companies.get("DE-300")!.grade = 6;
    // The provider takes 2 s: every answer is back while its one read is still under way.
    fake.options.latencyMs = 2_000;
    const before = gradeRequests();
    const answers = await Promise.all(Array.from({ length: 20 }, () => getLeadCredit(manager, leadId)));
    expect(isRefreshing(org.orgId, "DE-300")).toBe(true);
    for (const a of answers) {
      expect(a).toMatchObject({ source: "stale", grade: 3 });
      expect(a.age).toBeGreaterThanOrEqual(9 * 3600);
    }
    expect(answers.some((a) => a.refreshing)).toBe(true);
    const fresh = await until(
      () => getLeadCredit(manager, leadId),
      (a) => a.source === "cache",
      10_000,
    );
    expect(fresh).toMatchObject({ source: "cache", grade: 6 });
    expect(gradeRequests() - before).toBe(1);
  });

  it("fails fast with the cached answer and its age while the breaker is open", async () => {
    const cached = await linkedLead("Hotel Ost", "DE-400");
    const never = await linkedLead("Hotel Süd", "DE-401");
    await setFetchedAt("DE-400", new Date(Date.now() - 10 * 3_600_000));
    await setFetchedAt("DE-401", null);
    resetPolicies();
    const policy = policyFor("ALLIANZ_TRADE", connectionId, {
      ...PROVIDER_POLICIES.ALLIANZ_TRADE,
      retry: { ...PROVIDER_POLICIES.ALLIANZ_TRADE.retry, maxAttempts: 1 },
      breaker: { consecutiveFailures: 2, halfOpenAfterMs: 60_000 },
    });
    fake.options.failureRate = 1;
    const client = new AllianzTradeClient({
      orgId: org.orgId,
      connectionId,
      baseUrl: fake.url,
      apiKey: fake.apiKey,
    });
    await expect(client.readGrade("DE-400")).rejects.toThrow();
    expect(policy.state).toBe("open");

    const before = fake.requests.length;
    const answer = await getLeadCredit(manager, cached);
    expect(answer).toMatchObject({ source: "stale", grade: 3, refreshing: false });
    expect(answer.age).toBeGreaterThanOrEqual(10 * 3600);
    expect(answer.unavailable?.until).toBe(policy.openUntil?.toISOString());
    // Never read, nothing cached: refused at once, without a request.
    await expect(getLeadCredit(manager, never)).rejects.toMatchObject({ kind: "integration_unavailable" });
    expect(fake.requests.length).toBe(before);
  });

  it("requests a limit, polls the provider's job to its decision, and tells the requester", async () => {
    const leadId = await linkedLead("Kita Nord", "DE-500", 7);
    fake.options.pendingPolls = 1;
    const request = await requestCreditLimit(manager, leadId, {
      kind: "limit",
      amount: 40_000,
      currency: "EUR",
    });
    expect(request).toMatchObject({ state: "PENDING", amount: 40_000, currency: "EUR" });
    await expect(
      requestCreditLimit(manager, leadId, { kind: "limit", amount: 1_000, currency: "EUR" }),
    ).rejects.toMatchObject({ kind: "conflict" });

    expect(await pollLimitRequests()).toMatchObject({ polled: 1, processed: 0 });
    expect((await getLeadCredit(manager, leadId)).pendingRequest).toMatchObject({ id: request.id });
    expect(await pollLimitRequests()).toMatchObject({ polled: 1, processed: 1 });
    const after = await getLeadCredit(manager, leadId);
    expect(after.pendingRequest).toBeNull();
    expect(after.lastRequest).toMatchObject({
      id: request.id,
      state: "PROCESSED",
      coverStatus: "PARTIALLY_GRANTED",
      grantedAmount: 20_000,
    });
    expect(after).toMatchObject({ limit: 20_000, coverStatus: "PARTIALLY_GRANTED" });
    const inbox = await withOrg(manager, (tx) =>
      tx.notificationOutbox.findMany({
        where: { recipientUserId: manager.userId, template: "credit.limit.decided" },
      }),
    );
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({
      channel: "INAPP",
      payload: { leadId, state: "PROCESSED", granted: 20_000 },
    });
    // Polling again changes nothing.
    expect(await pollLimitRequests()).toMatchObject({ polled: 0 });
  });

  it("shows another organisation nothing", async () => {
    const leadId = await linkedLead("Kantine Ost", "DE-600");
    await expect(getLeadCredit(other.admin, leadId)).rejects.toMatchObject({ kind: "not_found" });
    await expect(runCreditCheck(other.admin, leadId, { kind: "check" })).rejects.toMatchObject({
      kind: "not_found",
    });
    const seen = await withOrg(other.admin, async (tx) => ({
      companies: await tx.creditCompany.count(),
      links: await tx.leadCredit.count(),
      requests: await tx.creditLimitRequest.count(),
    }));
    expect(seen).toEqual({ companies: 0, links: 0, requests: 0 });
  });
});
