import { beforeAll, describe, expect, it } from "vitest";

import { setTestEnv } from "@/test/env";
import { postgresCode, rejectionOf } from "@/test/errors";
import { asSuperuser } from "@/test/pg";
import { createTenant, type TestTenant } from "@/test/tenants";

import { addMember } from "@/lib/auth/service";
import { withOrg, type MemberContext, type OrgContext } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { setSetting } from "@/lib/settings/service";

import {
  budgetStatus,
  releaseBudget,
  releaseStaleReservations,
  releaseStaleReservationsEverywhere,
  reserveBudget,
  settleBudget,
} from "./budget";

// The monthly AI budget against a real PostgreSQL: reserve / settle / release arithmetic, refusals
// at the organisation's and the member's cap, 200 concurrent reservations against a nearly spent
// cap, the 80 % / 100 % notifications (once, also when crossed concurrently), the stale job, and
// another organisation that sees and touches nothing.

// 200 transactions at once: enough connections that many of them really race for the row.
setTestEnv({ DATABASE_POOL_MAX: "24" });

const reserve = (ctx: OrgContext, amountEur: number, month: string) =>
  withOrg(ctx, (tx) => reserveBudget(tx, ctx, { amountEur, month }));
const settle = (ctx: OrgContext, id: string, actualEur: number) =>
  withOrg(ctx, (tx) => settleBudget(tx, ctx, id, actualEur));
const release = (ctx: OrgContext, id: string) => withOrg(ctx, (tx) => releaseBudget(tx, ctx, id));
const status = (ctx: OrgContext, month: string) => withOrg(ctx, (tx) => budgetStatus(tx, ctx, month));

const setOrgCap = (t: TestTenant, cap: number) =>
  setSetting(t.admin, { key: "ai.budget.monthly.cap", scope: "org", value: cap });
const setUserCap = (m: MemberContext, cap: number | null) =>
  setSetting(m, { key: "ai.budget.user.monthly.cap", scope: "user", value: cap });

/** The stored row of an organisation's month, as exact numeric text. */
async function orgRow(orgId: string, month: string) {
  const { rows } = await asSuperuser((c) =>
    c.query<{ spent: string; reserved: string }>(
      `SELECT spent_eur::text AS spent, reserved_eur::text AS reserved FROM ai_budget_org_month
       WHERE org_id = $1 AND month = ($2 || '-01')::date`,
      [orgId, month],
    ),
  );
  return rows[0];
}

async function thresholdMessages(orgId: string) {
  const { rows } = await asSuperuser((c) =>
    c.query<{ recipient: string; channel: string; dedupe: string; payload: Record<string, unknown> }>(
      `SELECT recipient_user_id AS recipient, channel, dedupe_key AS dedupe, payload
       FROM notification_outbox WHERE org_id = $1 AND template = 'ai.budget.threshold'
       ORDER BY dedupe_key, channel`,
      [orgId],
    ),
  );
  return rows;
}

async function budgetError(promise: Promise<unknown>): Promise<AppError> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).kind).toBe("ai_budget_exceeded");
  expect((error as AppError).status).toBe(402);
  return error as AppError;
}

let a: TestTenant;
let b: TestTenant;
let auditor: OrgContext;

beforeAll(async () => {
  a = await createTenant("budget-a");
  b = await createTenant("budget-b");
  const { userId } = await addMember({
    email: "auditor@budget-a.example",
    name: "Auditor",
    orgSlug: "budget-a",
    role: "auditor",
    locale: "de",
  });
  auditor = { orgId: a.orgId, userId, roles: ["auditor"] };
  await setOrgCap(a, 100);
});

describe("reserve, settle, release", () => {
  it("moves money between reserved and spent, on the organisation's row and the member's", async () => {
    const month = "2026-01";
    const { reservationId: first } = await reserve(a.sales, 2.5, month);
    expect(await orgRow(a.orgId, month)).toEqual({ spent: "0.00000000", reserved: "2.50000000" });

    await settle(a.sales, first, 1.25);
    expect(await orgRow(a.orgId, month)).toEqual({ spent: "1.25000000", reserved: "0.00000000" });

    const { reservationId: second } = await reserve(a.sales, 3, month);
    expect(await release(a.sales, second)).toBe(true);
    expect(await release(a.sales, second)).toBe(false);

    const seen = await status(a.sales, month);
    expect(seen.org).toEqual({ capEur: 100, spentEur: 1.25, reservedEur: 0, remainingEur: 98.75 });
    expect(seen.user).toEqual({ capEur: null, spentEur: 1.25, reservedEur: 0, remainingEur: null });
    expect((await status(a.admin, month)).user).toEqual({
      capEur: null,
      spentEur: 0,
      reservedEur: 0,
      remainingEur: null,
    });

    const { rows } = await asSuperuser((c) =>
      c.query(
        `SELECT status, actual_eur::text AS actual, settled_at IS NOT NULL AS closed
         FROM ai_budget_reservation WHERE id = ANY($1::uuid[]) ORDER BY created_at`,
        [[first, second]],
      ),
    );
    expect(rows).toEqual([
      { status: "settled", actual: "1.25000000", closed: true },
      { status: "released", actual: null, closed: true },
    ]);
  });

  it("refuses to settle twice, and refuses amounts that are no money", async () => {
    const { reservationId } = await reserve(a.sales, 1, "2026-01");
    await settle(a.sales, reservationId, 0.5);
    const again = await rejectionOf(settle(a.sales, reservationId, 0.5));
    expect((again as AppError).kind).toBe("conflict");
    for (const amountEur of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(((await rejectionOf(reserve(a.sales, amountEur, "2026-01"))) as AppError).kind).toBe(
        "bad_request",
      );
    }
    expect(await orgRow(a.orgId, "2026-01")).toEqual({ spent: "1.75000000", reserved: "0.00000000" });
  });

  it("charges the month a call was reserved in, even when it settles in the next", async () => {
    const { reservationId } = await reserve(a.sales, 1, "2026-02");
    await settle(a.sales, reservationId, 0.75);
    expect(await orgRow(a.orgId, "2026-02")).toEqual({ spent: "0.75000000", reserved: "0.00000000" });
    expect(await orgRow(a.orgId, "2026-03")).toBeUndefined();
  });
});

describe("caps", () => {
  it("refuses a call that would pass the organisation's cap, reserving nothing, and allows one that fits exactly", async () => {
    const t = await createTenant("budget-cap");
    await setOrgCap(t, 10);
    const month = "2026-04";
    await reserve(t.sales, 9, month);
    const error = await budgetError(reserve(t.sales, 1.5, month));
    expect(error.message).toMatch(/organisation's monthly AI budget for 2026-04 is 10\.00 EUR/);
    expect(error.message).toMatch(/1\.00 EUR remain/);
    expect(error.message).toMatch(/up to 1\.50 EUR/);
    expect(await orgRow(t.orgId, month)).toEqual({ spent: "0.00000000", reserved: "9.00000000" });
    expect((await status(t.sales, month)).user?.reservedEur).toBe(9);

    await reserve(t.admin, 1, month); // exactly to the cap
    await budgetError(reserve(t.admin, 0.00000001, month));
  });

  it("refuses a call that would pass the member's personal cap while the organisation's has room", async () => {
    const month = "2026-05";
    await setUserCap(a.sales, 2);
    try {
      await reserve(a.sales, 1.5, month);
      const error = await budgetError(reserve(a.sales, 1, month));
      expect(error.message).toMatch(/Your monthly AI budget for 2026-05 is 2\.00 EUR/);
      expect(error.message).toMatch(/0\.50 EUR remain/);
      // The organisation's charge of the refused call was rolled back with it.
      expect(await orgRow(a.orgId, month)).toEqual({ spent: "0.00000000", reserved: "1.50000000" });
      expect((await status(a.sales, month)).user).toEqual({
        capEur: 2,
        spentEur: 0,
        reservedEur: 1.5,
        remainingEur: 0.5,
      });
      // Someone else's personal cap is not the admin's.
      await reserve(a.admin, 50, month);
    } finally {
      await setUserCap(a.sales, null);
    }
  });

  it("caps every member at the organisation's per-member budget; a member can lower it, not raise it", async () => {
    const month = "2026-04";
    const setMemberCap = (cap: number | null) =>
      setSetting(a.admin, { key: "ai.budget.user.monthly.cap", scope: "org", value: cap });
    await setMemberCap(3);
    await setUserCap(a.sales, 10); // higher than the organisation allows: the tighter limit wins
    try {
      expect((await status(a.sales, month)).user?.capEur).toBe(3);
      await reserve(a.sales, 2.5, month);
      const error = await budgetError(reserve(a.sales, 1, month));
      expect(error.message).toMatch(/Your monthly AI budget for 2026-04 is 3\.00 EUR/);
      // The admin falls under the same per-member cap.
      await budgetError(reserve(a.admin, 3.5, month));

      await setUserCap(a.sales, 2.5); // lower than the organisation's: this one applies
      expect((await status(a.sales, month)).user?.capEur).toBe(2.5);
      await budgetError(reserve(a.sales, 0.01, month));
    } finally {
      await setUserCap(a.sales, null);
      await setMemberCap(null);
    }
  });

  it("lets only members who may use AI reserve", async () => {
    const error = await rejectionOf(reserve(auditor, 1, "2026-05"));
    expect((error as AppError).kind).toBe("forbidden");
    // And the database refuses the auditor's write too, should a service forget to ask.
    const raw = await rejectionOf(
      withOrg(
        auditor,
        (tx) =>
          tx.$executeRaw`INSERT INTO ai_budget_org_month (org_id, month) VALUES (${a.orgId}::uuid, '2030-01-01')`,
      ),
    );
    expect(postgresCode(raw)).toBe("42501");
  });
});

describe("200 concurrent reservations against a nearly spent cap", () => {
  it("grant exactly floor(room / amount), never pass the cap, and notify at 80 % and 100 % once each", async () => {
    const t = await createTenant("budget-race");
    await setOrgCap(t, 50);
    const month = "2026-06";
    // 39.50 of 50 spent (79 %): room for 10.50, i.e. floor(10.50 / 0.25) = 42 calls of 0.25.
    await asSuperuser((c) =>
      c.query(`INSERT INTO ai_budget_org_month (org_id, month, spent_eur) VALUES ($1, '2026-06-01', 39.5)`, [
        t.orgId,
      ]),
    );
    const attempt = (i: number) => {
      const member = i % 2 === 0 ? t.sales : t.admin;
      return reserve(member, 0.25, month).then(
        (r) => ({ ok: true as const, id: r.reservationId, member }),
        (error: unknown) => ({ ok: false as const, error }),
      );
    };
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => attempt(i)));

    const granted = results.filter((r) => r.ok);
    expect(granted).toHaveLength(42);
    for (const r of results) {
      if (!r.ok) expect((r.error as AppError).kind).toBe("ai_budget_exceeded");
    }
    expect(await orgRow(t.orgId, month)).toEqual({ spent: "39.50000000", reserved: "10.50000000" });
    const { rows } = await asSuperuser((c) =>
      c.query<{ reservations: string; users: string; open: string }>(
        `SELECT (SELECT sum(amount_eur) FROM ai_budget_reservation WHERE org_id = $1)::text AS reservations,
                (SELECT sum(reserved_eur) FROM ai_budget_user_month WHERE org_id = $1)::text AS users,
                (SELECT count(*) FROM ai_budget_reservation WHERE org_id = $1 AND status = 'open')::text AS open`,
        [t.orgId],
      ),
    );
    expect(rows[0]).toEqual({ reservations: "10.50000000", users: "10.50000000", open: "42" });

    // The admin (the only one) got each threshold once, by e-mail and in-app; the partner nothing.
    const expected = [
      { recipient: t.admin.userId, channel: "EMAIL", dedupe: "ai.budget:2026-06:100" },
      { recipient: t.admin.userId, channel: "INAPP", dedupe: "ai.budget:2026-06:100" },
      { recipient: t.admin.userId, channel: "EMAIL", dedupe: "ai.budget:2026-06:80" },
      { recipient: t.admin.userId, channel: "INAPP", dedupe: "ai.budget:2026-06:80" },
    ];
    const messages = await thresholdMessages(t.orgId);
    expect(messages.map(({ recipient, channel, dedupe }) => ({ recipient, channel, dedupe }))).toEqual(
      expected,
    );
    expect(messages[0].payload).toMatchObject({ month: "2026-06", threshold: 100, capEur: 50 });

    // Falling below and crossing again the same month queues nothing new.
    const freed = await Promise.all(
      granted.slice(0, 10).map((r) => (r.ok ? release(r.member, r.id) : false)),
    );
    expect(freed.every(Boolean)).toBe(true);
    const again = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(i)));
    expect(again.filter((r) => r.ok)).toHaveLength(10);
    expect(await orgRow(t.orgId, month)).toEqual({ spent: "39.50000000", reserved: "10.50000000" });
    expect(await thresholdMessages(t.orgId)).toHaveLength(4);
  });
});

describe("thresholds", () => {
  it("notify the admins at 80 % and at 100 % of the organisation's cap, once per month", async () => {
    const t = await createTenant("budget-thresholds");
    await setOrgCap(t, 10);
    await reserve(t.sales, 7.9, "2026-07");
    expect(await thresholdMessages(t.orgId)).toEqual([]);
    const { reservationId } = await reserve(t.sales, 0.1, "2026-07");
    expect((await thresholdMessages(t.orgId)).map((m) => m.dedupe)).toEqual([
      "ai.budget:2026-07:80",
      "ai.budget:2026-07:80",
    ]);
    // Settling for more than estimated crosses 100 % on spending alone.
    await settle(t.sales, reservationId, 2.1);
    expect((await thresholdMessages(t.orgId)).map((m) => m.dedupe)).toEqual([
      "ai.budget:2026-07:100",
      "ai.budget:2026-07:100",
      "ai.budget:2026-07:80",
      "ai.budget:2026-07:80",
    ]);
    // Another month starts over.
    await reserve(t.sales, 8, "2026-08");
    expect(await thresholdMessages(t.orgId)).toHaveLength(6);
  });

  it("cannot be queued by a caller whose organisation has not reached the threshold", async () => {
    const queued = await withOrg(
      b.admin,
      (tx) => tx.$queryRaw<{ n: number }[]>`SELECT app_ai_budget_notify('2026-01-01', 1) AS n`,
    );
    expect(queued).toEqual([{ n: 0 }]);
    expect(await thresholdMessages(b.orgId)).toEqual([]);
  });
});

describe("another organisation", () => {
  it("sees none of the budget rows and cannot settle, release or write them", async () => {
    const month = "2026-09";
    const { reservationId } = await reserve(a.sales, 1, month);
    const counts = await withOrg(
      b.admin,
      (tx) => tx.$queryRaw<{ orgs: number; users: number; reservations: number }[]>`
        SELECT (SELECT count(*) FROM ai_budget_org_month)::int AS orgs,
               (SELECT count(*) FROM ai_budget_user_month)::int AS users,
               (SELECT count(*) FROM ai_budget_reservation)::int AS reservations`,
    );
    expect(counts).toEqual([{ orgs: 0, users: 0, reservations: 0 }]);
    expect(((await rejectionOf(settle(b.admin, reservationId, 0))) as AppError).kind).toBe("not_found");
    expect(((await rejectionOf(release(b.admin, reservationId))) as AppError).kind).toBe("not_found");
    expect((await status(b.admin, month)).org.spentEur).toBe(0);

    const updated = await withOrg(
      b.admin,
      (tx) => tx.$executeRaw`UPDATE ai_budget_org_month SET reserved_eur = 0 WHERE org_id = ${a.orgId}::uuid`,
    );
    expect(updated).toBe(0);
    const inserted = await rejectionOf(
      withOrg(
        b.admin,
        (tx) => tx.$executeRaw`
          INSERT INTO ai_budget_reservation (org_id, user_id, month, amount_eur)
          VALUES (${a.orgId}::uuid, ${b.admin.userId}::uuid, '2026-09-01', 1)`,
      ),
    );
    expect(postgresCode(inserted)).toBe("42501");
    expect(await orgRow(a.orgId, month)).toEqual({ spent: "0.00000000", reserved: "1.00000000" });
  });

  it("and inside one organisation, a partner neither sees nor closes the admin's reservations", async () => {
    const { reservationId } = await reserve(a.admin, 1, "2026-10");
    expect(((await rejectionOf(release(a.sales, reservationId))) as AppError).kind).toBe("not_found");
    const seen = await withOrg(
      a.sales,
      (tx) => tx.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM ai_budget_reservation WHERE user_id = ${a.admin.userId}::uuid`,
    );
    expect(seen).toEqual([{ n: 0 }]);
    expect(await release(a.admin, reservationId)).toBe(true);
  });
});

describe("stale reservations", () => {
  it("are released by the system context only, and a late settle still charges the cost", async () => {
    const t = await createTenant("budget-stale");
    const system: OrgContext = { orgId: t.orgId, userId: null, roles: ["system"] };
    const month = "2026-11";
    const { reservationId: crashed } = await reserve(t.sales, 2, month);
    const { reservationId: running } = await reserve(t.sales, 3, month);
    const { reservationId: job } = await reserve(system, 1, month);
    expect((await status(system, month)).user).toBeNull();
    await asSuperuser((c) =>
      c.query(`UPDATE ai_budget_reservation SET created_at = now() - interval '1 hour' WHERE id = $1`, [
        crashed,
      ]),
    );

    const refused = await rejectionOf(withOrg(t.sales, (tx) => releaseStaleReservations(tx, t.sales)));
    expect((refused as AppError).kind).toBe("forbidden");
    expect(await withOrg(system, (tx) => releaseStaleReservations(tx, system))).toBe(1);
    expect(await orgRow(t.orgId, month)).toEqual({ spent: "0.00000000", reserved: "4.00000000" });
    expect((await status(t.sales, month)).user?.reservedEur).toBe(3);

    // The crashed call's process was only slow: its settle charges what it spent, frees nothing.
    await settle(t.sales, crashed, 0.5);
    await settle(t.sales, running, 2.5);
    await settle(system, job, 1);
    expect(await orgRow(t.orgId, month)).toEqual({ spent: "4.00000000", reserved: "0.00000000" });
    expect((await status(t.sales, month)).user).toMatchObject({ spentEur: 3, reservedEur: 0 });

    const everywhere = await releaseStaleReservationsEverywhere({ olderThanSeconds: 0 });
    expect(everywhere.failed).toBe(0);
    expect(everywhere.released).toBeGreaterThan(0); // what earlier tests left open in budget-a
    expect(everywhere.orgs).toBeGreaterThanOrEqual(2);
  });
});
