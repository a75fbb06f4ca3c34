import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { withOrg } from "@/lib/db";
import { insertXentralConnection } from "@/test/connections";
import { setTestEnv } from "@/test/env";
import { startFakeXentral, type FakeXentral } from "@/test/fakes/xentral";
import { asSuperuser } from "@/test/pg";
import { createTenant, type TestTenant } from "@/test/tenants";

import { resetPolicies } from "../resilience";
import { pullProducts } from "./products";

// The product pull against a fake Xentral on 127.0.0.1 speaking its wire format (paging, filters,
// quota headers, 429 with Retry-After, problem+json, 401 text/html): the production client, the
// XENTRAL policy and the catalogue under row-level security.

const KEY = randomBytes(32).toString("base64");
setTestEnv({ INTEGRATIONS_KEY: KEY });

let fake: FakeXentral;
let a: TestTenant;
let b: TestTenant;

const system = (t: TestTenant) => ({ orgId: t.orgId, userId: null, roles: ["system" as const] });
const catalogue = (t: TestTenant) =>
  withOrg(t.admin, (tx) =>
    tx.product.findMany({
      where: { orgId: t.orgId, source: "XENTRAL" },
      select: { sku: true, name: true, active: true, externalId: true, salesPriceNet: true, category: true },
      orderBy: { sku: "asc" },
    }),
  );
const productRequests = () => fake.requests.filter((r) => r.path === "/api/v1/products");

beforeAll(async () => {
  fake = await startFakeXentral();
  a = await createTenant("xentral-pull-a");
  b = await createTenant("xentral-pull-b");
  const settings = { baseUrl: fake.url, tokenExpiresAt: "2099-01-01", currency: "EUR", taxRate: "7" };
  await insertXentralConnection(a.orgId, KEY, settings, { token: fake.token });
  // Org b's connection points at the same instance but with a wrong token: 401 text/html.
  await insertXentralConnection(b.orgId, KEY, settings, { token: "pat_wrong_token_0123456789" });
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => {
  resetPolicies();
  fake.requests.length = 0;
});

describe("Xentral product pull", () => {
  it("pulls every page with the largest page size, then only what changed since the cursor", async () => {
    const old = new Date(Date.now() - 3_600_000);
    fake.seedProducts(120, { updatedAt: old });
    const first = await pullProducts(system(a), "incremental");
    expect(first).toMatchObject({ pages: 3, read: 120, inserted: 120, updated: 0, skipped: 0 });
    const requests = productRequests();
    expect(requests.map((r) => r.query.get("page[size]"))).toEqual(["50", "50", "50"]);
    expect(requests.map((r) => r.query.get("page[number]"))).toEqual(["1", "2", "3"]);
    expect(requests[0].query.get("order[0][field]")).toBe("updatedAt");
    expect(requests[0].query.has("filter[0][key]")).toBe(false);

    const rows = await catalogue(a);
    expect(rows).toHaveLength(120);
    expect(rows[0]).toMatchObject({ sku: "XN-00001", name: "Produkt 1", active: true, category: "Gemüse" });
    expect(rows[0].salesPriceNet?.toString()).toBe("1.1");

    // Two products change in Xentral; the next pull asks only for those after the cursor.
    const [p1, p2] = [...fake.products.values()];
    fake.touch(p1.id, { name: "Bio-Äpfel 1 kg" });
    fake.touch(p2.id, { isDisabled: true });
    fake.requests.length = 0;
    const second = await pullProducts(system(a), "incremental");
    expect(second).toMatchObject({ pages: 1, read: 2, updated: 2, inserted: 0 });
    const [req] = productRequests();
    expect(req.query.get("filter[0][key]")).toBe("updatedAt");
    expect(req.query.get("filter[0][op]")).toBe("greaterThan");
    expect(req.query.get("filter[0][value]")).toBe(old.toISOString());
    const after = await catalogue(a);
    expect(after.find((r) => r.externalId === p1.id)?.name).toBe("Bio-Äpfel 1 kg");
    expect(after.find((r) => r.externalId === p2.id)?.active).toBe(false);

    // The other organisation sees none of it.
    expect(await catalogue(b)).toEqual([]);
  });

  it("waits out a 429 (Retry-After) and goes on with the same page, losing none", async () => {
    fake.seedProducts(60, { from: 500, updatedAt: new Date(Date.now() + 1_000), prefix: "RL" });
    fake.throttleNext(1, 1, 1); // the second request (page 2) is refused once for one second
    const t0 = Date.now();
    const counts = await pullProducts(system(a), "incremental");
    const requests = productRequests();
    expect(requests.map((r) => r.status)).toEqual([200, 429, 200]);
    expect(requests.map((r) => r.query.get("page[number]"))).toEqual(["1", "2", "2"]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(counts).toMatchObject({ pages: 2, inserted: 60 });
    expect((await catalogue(a)).filter((r) => r.sku.startsWith("RL-"))).toHaveLength(60);
  });

  it("reconciles weekly: disabled and deleted products become inactive, moved ones stay", async () => {
    const all = [...fake.products.values()];
    const deleted = all[10];
    fake.products.delete(deleted.id);
    const disabled = fake.touch(all[11].id, { isDisabled: true });
    const counts = await pullProducts(system(a), "full");
    expect(counts.deactivated).toBe(1);
    const rows = await catalogue(a);
    expect(rows.find((r) => r.externalId === deleted.id)?.active).toBe(false);
    expect(rows.find((r) => r.externalId === disabled.id)?.active).toBe(false);
    expect(rows.filter((r) => r.active)).toHaveLength(fake.products.size - 2); // all[1] was disabled before
    // The missing one was asked for once more by number before it became inactive.
    const lookups = productRequests().filter((r) => r.query.get("filter[0][key]") === "number");
    expect(lookups).toHaveLength(1);
    expect(lookups[0].query.get("filter[0][op]")).toBe("in");
    expect(lookups[0].query.get("filter[0][value]")?.split(",")).toContain(deleted.number);
  });

  it("records each run with its cursor; a refused token is a failed run, nothing written", async () => {
    await expect(pullProducts(system(b), "incremental")).rejects.toThrow(/HTTP 401: Unauthorized/);
    const runs = await asSuperuser(async (client) => {
      const { rows } = await client.query<{
        org_id: string;
        kind: string;
        error: string | null;
        cursor: string | null;
      }>(
        `SELECT org_id::text, kind, error, cursor FROM sync_run WHERE kind LIKE 'xentral.products%' ORDER BY started_at`,
      );
      return rows;
    });
    const ofA = runs.filter((r) => r.org_id === a.orgId);
    expect(ofA.length).toBeGreaterThanOrEqual(4);
    expect(ofA.every((r) => r.error === null && r.cursor !== null)).toBe(true);
    const ofB = runs.filter((r) => r.org_id === b.orgId);
    expect(ofB).toHaveLength(1);
    expect(ofB[0].error).toMatch(/401/);
    expect(await catalogue(b)).toEqual([]);
  });
});
