import { describe, expect, it } from "vitest";

import { asSuperuser } from "@/test/pg";
import { createTenant } from "@/test/tenants";

import { reserveBudget } from "@/lib/ai/budget";
import { cacheGet, cacheKey, cachePut } from "@/lib/ai/cache";
import { withOrg } from "@/lib/db";

import { runJob } from "./runner";

// The AI housekeeping job through the job runner: a reservation a crashed call left open is freed
// once it is stale (a fresh one is left alone), and expired cache entries are deleted.

describe("ai-housekeeping", () => {
  it("frees stale budget reservations and purges expired cache entries, and only those", async () => {
    const t = await createTenant("ai-housekeeping");
    const reserve = () => withOrg(t.sales, (tx) => reserveBudget(tx, t.sales, { amountEur: 2 }));
    const stale = await reserve();
    const fresh = await reserve();
    await asSuperuser((c) =>
      c.query(`UPDATE ai_budget_reservation SET created_at = now() - interval '1 hour' WHERE id = $1`, [
        stale.reservationId,
      ]),
    );
    const key = (text: string) =>
      cacheKey({
        useCase: "feedback.sentiment",
        tier: "small",
        model: "m",
        input: { text },
        schemaVersion: 1,
      });
    await withOrg(t.sales, async (tx) => {
      await cachePut(tx, t.sales, {
        key: key("old"),
        useCase: "feedback.sentiment",
        model: "m",
        output: {},
        ttlSeconds: 60,
      });
      await cachePut(tx, t.sales, {
        key: key("new"),
        useCase: "feedback.sentiment",
        model: "m",
        output: {},
        ttlSeconds: 3600,
      });
    });
    await asSuperuser((c) =>
      c.query(
        `UPDATE ai_cache SET created_at = now() - interval '2 hours', expires_at = now() - interval '1 hour' WHERE key = $1`,
        [key("old")],
      ),
    );

    const result = await runJob("ai-housekeeping", "manual");
    expect(result.status).toBe("succeeded");
    expect(result.counts).toMatchObject({ released: 1, purged: 1, failed: 0 });

    const { rows } = await asSuperuser((c) =>
      c.query<{ id: string; status: string }>(
        `SELECT id::text, status FROM ai_budget_reservation WHERE org_id = $1`,
        [t.orgId],
      ),
    );
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({
      [stale.reservationId]: "released",
      [fresh.reservationId]: "open",
    });
    const { rows: budget } = await asSuperuser((c) =>
      c.query(`SELECT reserved_eur::float8 AS reserved FROM ai_budget_org_month WHERE org_id = $1`, [
        t.orgId,
      ]),
    );
    expect(budget).toEqual([{ reserved: 2 }]);
    expect(await withOrg(t.sales, (tx) => cacheGet(tx, t.sales, key("new")))).not.toBeNull();
    const { rows: cached } = await asSuperuser((c) =>
      c.query(`SELECT key FROM ai_cache WHERE org_id = $1`, [t.orgId]),
    );
    expect(cached).toEqual([{ key: key("new") }]);
  });
});
