import { beforeAll, describe, expect, it } from "vitest";

import { postgresCode, rejectionOf } from "@/test/errors";
import { asSuperuser } from "@/test/pg";
import { createTenant, type TestTenant } from "@/test/tenants";

import { addMember } from "@/lib/auth/service";
import { withOrg, type OrgContext } from "@/lib/db";
import { type AppError } from "@/lib/errors";
import { setSetting } from "@/lib/settings/service";

import { reserveBudget, settleBudget } from "./budget";
import { recordCall } from "./calls";
import { aiDashboard, routingStats } from "./queries";
import type { TAiCallRecord } from "./schemas";

// The call log and the dashboard: insert-only for the app, own rows for members and all rows for
// overseers, nothing across organisations; the dashboard's figures from a known set of calls.

let a: TestTenant;
let b: TestTenant;
let auditor: OrgContext;
let system: OrgContext;

const call: TAiCallRecord = {
  useCase: "lead.classify",
  provider: "openai",
  model: "gpt-4o-mini",
  tier: "small",
  tokensIn: 120,
  tokensOut: 30,
  costEur: 0.0000333,
  latencyMs: 412.6,
  outcome: "ok",
  confidence: 0.87,
};

beforeAll(async () => {
  a = await createTenant("calls-a");
  b = await createTenant("calls-b");
  const { userId } = await addMember({
    email: "auditor@calls-a.example",
    name: "Auditor",
    orgSlug: "calls-a",
    role: "auditor",
    locale: "de",
  });
  auditor = { orgId: a.orgId, userId, roles: ["auditor"] };
  system = { orgId: a.orgId, userId: null, roles: ["system"] };
});

const userIdsSeenBy = (ctx: OrgContext) =>
  withOrg(
    ctx,
    (tx) =>
      tx.$queryRaw<{ user: string | null }[]>`SELECT user_id::text AS user FROM ai_call ORDER BY created_at`,
  );

describe("recordCall", () => {
  it("logs a call for its user; members read their own rows, overseers all, other organisations none", async () => {
    const { id } = await withOrg(a.sales, (tx) => recordCall(tx, a.sales, call));
    await withOrg(a.admin, (tx) =>
      recordCall(tx, a.admin, { ...call, outcome: "error", provider: "anthropic", error: "x".repeat(3000) }),
    );
    await withOrg(system, (tx) =>
      recordCall(tx, system, {
        ...call,
        useCase: "lead.brief",
        tier: "large",
        escalated: true,
        escalationReason: "confidence 0.41 < 0.70",
      }),
    );

    const { rows } = await asSuperuser((c) =>
      c.query(
        `SELECT user_id, cost_eur::text AS cost, latency_ms, confidence::text AS confidence, cache_hit, escalated
         FROM ai_call WHERE id = $1`,
        [id],
      ),
    );
    expect(rows).toEqual([
      {
        user_id: a.sales.userId,
        cost: "0.00003330",
        latency_ms: 413,
        confidence: "0.8700",
        cache_hit: false,
        escalated: false,
      },
    ]);
    const { rows: errors } = await asSuperuser((c) =>
      c.query(`SELECT length(error) AS n FROM ai_call WHERE error IS NOT NULL`),
    );
    expect(errors).toEqual([{ n: 2000 }]);

    expect(await userIdsSeenBy(a.sales)).toEqual([{ user: a.sales.userId }]);
    expect(await userIdsSeenBy(a.admin)).toHaveLength(3);
    expect(await userIdsSeenBy(auditor)).toHaveLength(3);
    expect(await userIdsSeenBy(b.admin)).toEqual([]);
  });

  it("is insert-only, and a member logs only their own calls", async () => {
    const update = await rejectionOf(
      withOrg(a.admin, (tx) => tx.$executeRaw`UPDATE ai_call SET cost_eur = 0`),
    );
    expect(postgresCode(update)).toBe("42501");
    const remove = await rejectionOf(withOrg(a.admin, (tx) => tx.$executeRaw`DELETE FROM ai_call`));
    expect(postgresCode(remove)).toBe("42501");
    const forged = await rejectionOf(
      withOrg(
        a.sales,
        (tx) => tx.$executeRaw`
          INSERT INTO ai_call (org_id, user_id, use_case, tier, outcome)
          VALUES (${a.orgId}::uuid, ${a.admin.userId}::uuid, 'lead.classify', 'small', 'ok')`,
      ),
    );
    expect(postgresCode(forged)).toBe("42501");
    const elsewhere = await rejectionOf(
      withOrg(
        b.admin,
        (tx) => tx.$executeRaw`
          INSERT INTO ai_call (org_id, user_id, use_case, tier, outcome)
          VALUES (${a.orgId}::uuid, ${b.admin.userId}::uuid, 'lead.classify', 'small', 'ok')`,
      ),
    );
    expect(postgresCode(elsewhere)).toBe("42501");
  });

  it("refuses a malformed record", async () => {
    await expect(
      withOrg(a.sales, (tx) => recordCall(tx, a.sales, { ...call, tokensIn: -1 })),
    ).rejects.toThrow();
    await expect(
      withOrg(a.sales, (tx) => recordCall(tx, a.sales, { ...call, outcome: "maybe" as "ok" })),
    ).rejects.toThrow();
  });
});

describe("the dashboard", () => {
  const period = { from: new Date("2026-03-01T00:00:00Z"), to: new Date("2026-03-04T00:00:00Z") };

  beforeAll(async () => {
    // [user, use case, tier, escalated, cache hit, cost, latency, outcome, at]
    const rows: [string | null, string, string, boolean, boolean, number, number, string, string][] = [
      [a.sales.userId, "lead.classify", "small", false, false, 0.001, 100, "ok", "2026-03-01T10:00Z"],
      [a.sales.userId, "lead.classify", "large", true, false, 0.01, 900, "ok", "2026-03-01T11:00Z"],
      [a.admin.userId, "email.triage", "small", false, true, 0, 5, "ok", "2026-03-02T09:00Z"],
      [a.admin.userId, "email.triage", "small", false, false, 0.002, 200, "ok", "2026-03-02T10:00Z"],
      [a.admin.userId, "help.answer", "large", false, false, 0, 3000, "error", "2026-03-03T08:00Z"],
      [a.sales.userId, "lead.classify", "small", false, false, 0, 0, "refused_budget", "2026-03-03T09:00Z"],
      [null, "lead.brief", "large", false, false, 0.02, 400, "ok", "2026-03-03T10:00Z"],
      // Outside the period ([from, to)): the first moment after it.
      [a.admin.userId, "lead.classify", "large", false, false, 5, 100, "ok", "2026-03-04T00:00Z"],
    ];
    await asSuperuser(async (c) => {
      for (const [user, useCase, tier, escalated, cacheHit, cost, latency, outcome, at] of rows) {
        await c.query(
          `INSERT INTO ai_call (org_id, user_id, use_case, provider, model, tier, escalated, cache_hit,
                                cost_eur, latency_ms, outcome, created_at)
           VALUES ($1, $2, $3, 'openai', 'gpt-4o-mini', $4, $5, $6, $7, $8, $9, $10)`,
          [a.orgId, user, useCase, tier, escalated, cacheHit, cost, latency, outcome, at],
        );
      }
      // Another organisation's call in the period.
      await c.query(
        `INSERT INTO ai_call (org_id, user_id, use_case, tier, cost_eur, outcome, created_at)
         VALUES ($1, $2, 'lead.classify', 'small', 100, 'ok', '2026-03-02T12:00Z')`,
        [b.orgId, b.admin.userId],
      );
    });
    await withOrg(a.sales, async (tx) => {
      const { reservationId } = await reserveBudget(tx, a.sales, { amountEur: 1, month: "2026-03" });
      await settleBudget(tx, a.sales, reservationId, 0.5);
    });
  });

  it("sums spend by day, use case and user, and computes the routing figures", async () => {
    const dashboard = await withOrg(a.admin, (tx) => aiDashboard(tx, a.admin, period, "2026-03"));
    expect(dashboard.stats).toEqual({
      calls: 7,
      costEur: 0.033,
      answered: 5,
      smallShare: 0.5,
      largeShare: 0.5,
      escalationRate: 0.25,
      cacheHitRate: 0.2,
      errorRate: 0.2,
      // Latencies of the calls that reached a provider: 100, 200, 400, 900, 3000; the 95th
      // percentile interpolates 80 % of the way from 900 to 3000.
      p95LatencyMs: 2580,
      refusedBudget: 1,
      notConfigured: 0,
    });
    expect(dashboard.byDay).toEqual([
      { day: "2026-03-01", calls: 2, costEur: 0.011 },
      { day: "2026-03-02", calls: 2, costEur: 0.002 },
      { day: "2026-03-03", calls: 3, costEur: 0.02 },
    ]);
    expect(dashboard.byUseCase.map((u) => [u.useCase, u.calls, u.costEur])).toEqual([
      ["lead.brief", 1, 0.02],
      ["lead.classify", 3, 0.011],
      ["email.triage", 2, 0.002],
      ["help.answer", 1, 0],
    ]);
    expect(dashboard.byUser).toEqual([
      { userId: null, name: null, calls: 1, costEur: 0.02 },
      { userId: a.sales.userId, name: "Sales", calls: 3, costEur: 0.011 },
      { userId: a.admin.userId, name: "Admin", calls: 3, costEur: 0.002 },
    ]);
    expect(dashboard.budget).toEqual({
      month: "2026-03",
      orgCapEur: 1000,
      memberCapEur: null,
      users: [{ userId: a.sales.userId, name: "Sales", spentEur: 0.5, reservedEur: 0 }],
    });
    // The auditor oversees too.
    expect((await withOrg(auditor, (tx) => aiDashboard(tx, auditor, period, "2026-03"))).stats.calls).toBe(7);
  });

  it("shows the cap the organisation sets per member, not the admin's own lower one", async () => {
    const key = "ai.budget.user.monthly.cap";
    await setSetting(a.admin, { key, scope: "org", value: 25 });
    await setSetting(a.admin, { key, scope: "user", value: 5 });
    try {
      const dashboard = await withOrg(a.admin, (tx) => aiDashboard(tx, a.admin, period, "2026-03"));
      expect(dashboard.budget.memberCapEur).toBe(25);
    } finally {
      await setSetting(a.admin, { key, scope: "user", value: null });
      await setSetting(a.admin, { key, scope: "org", value: null });
    }
  });

  it("is for overseers: a partner is refused, and the database would show them only their own calls", async () => {
    const refused = await rejectionOf(withOrg(a.sales, (tx) => aiDashboard(tx, a.sales, period)));
    expect((refused as AppError).kind).toBe("forbidden");
    const own = await withOrg(a.sales, (tx) => routingStats(tx, a.orgId, period));
    expect(own.calls).toBe(3);
    const empty = await withOrg(b.admin, (tx) => routingStats(tx, a.orgId, period));
    expect(empty).toMatchObject({ calls: 0, costEur: 0, smallShare: null, p95LatencyMs: null });
  });
});
