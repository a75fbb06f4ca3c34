import { createHash } from "node:crypto";

import { beforeAll, describe, expect, it } from "vitest";

import { postgresCode, rejectionOf } from "@/test/errors";
import { asSuperuser } from "@/test/pg";
import { createTenant, type TestTenant } from "@/test/tenants";

import { addMember } from "@/lib/auth/service";
import { withOrg, type OrgContext } from "@/lib/db";
import { setSetting } from "@/lib/settings/service";

import { cacheGet, cacheKey, cachePurgeExpired, cachePut, cacheTtlSeconds, canonicalJson } from "./cache";

// The answer cache: keys that ignore what does not change an answer (key order, whitespace,
// Unicode composition) and respect what does; per-organisation entries that expire after
// ai.cache.ttl and are replaced on the next put; the purge; another organisation sees nothing.

const base = {
  useCase: "lead.classify" as const,
  tier: "small" as const,
  model: "gpt-4o-mini",
  schemaVersion: 1,
  input: { company: "Bäckerei Müller", city: "Berlin", notes: ["a", "b"] },
};

let a: TestTenant;
let b: TestTenant;

beforeAll(async () => {
  a = await createTenant("cache-a");
  b = await createTenant("cache-b");
});

describe("cacheKey", () => {
  it("hashes canonical JSON: sorted keys, trimmed and collapsed whitespace, NFC", () => {
    expect(canonicalJson({ b: "  x \n\t y ", a: [2, "A\u0308", { d: 1, c: undefined }] })).toBe(
      '{"a":[2,"\u00c4",{"d":1}],"b":"x y"}',
    );
    const key = cacheKey(base);
    expect(key).toBe(
      createHash("sha256")
        .update(
          '{"input":{"city":"Berlin","company":"Bäckerei Müller","notes":["a","b"]},"model":"gpt-4o-mini",' +
            '"schemaVersion":1,"tier":"small","useCase":"lead.classify","v":1}',
        )
        .digest("hex"),
    );
  });

  it("is the same for inputs that differ only in key order, whitespace or composition", () => {
    const key = cacheKey(base);
    expect(
      cacheKey({
        ...base,
        input: { notes: ["a", " b "], city: "Berlin\n", company: "Ba\u0308ckerei   Mu\u0308ller" },
      }),
    ).toBe(key);
  });

  it("differs for anything that may change the answer", () => {
    const key = cacheKey(base);
    const others = [
      { ...base, useCase: "email.triage" as const },
      { ...base, tier: "large" as const },
      { ...base, model: "gpt-4o" },
      { ...base, schemaVersion: 2 },
      { ...base, input: { ...base.input, city: "Potsdam" } },
      { ...base, input: { ...base.input, notes: ["b", "a"] } },
      { ...base, input: { ...base.input, notes: ["ab"] } },
    ];
    const keys = others.map(cacheKey);
    expect(keys).not.toContain(key);
    expect(new Set(keys).size).toBe(others.length);
    for (const k of [key, ...keys]) expect(k).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("cachePut and cacheGet", () => {
  const put = (ctx: OrgContext, key: string, output: Record<string, string | number>, ttlSeconds?: number) =>
    withOrg(ctx, (tx) =>
      cachePut(tx, ctx, { key, useCase: "lead.classify", model: "gpt-4o-mini", output, ttlSeconds }),
    );
  const get = (ctx: OrgContext, key: string) => withOrg(ctx, (tx) => cacheGet(tx, ctx, key));

  it("answers every member of the organisation until the TTL (ai.cache.ttl) runs out", async () => {
    const key = cacheKey({ ...base, input: "ttl" });
    await put(a.admin, key, { label: "hot", confidence: 0.9 });
    const hit = await get(a.sales, key);
    expect(hit).toMatchObject({
      useCase: "lead.classify",
      model: "gpt-4o-mini",
      output: { label: "hot", confidence: 0.9 },
    });
    // The default ai.cache.ttl is PT8H.
    expect(hit!.expiresAt.getTime() - hit!.createdAt.getTime()).toBe(8 * 3600 * 1000);

    await asSuperuser((c) =>
      c.query(
        `UPDATE ai_cache SET created_at = now() - interval '9 hours', expires_at = now() - interval '1 hour' WHERE key = $1`,
        [key],
      ),
    );
    expect(await get(a.sales, key)).toBeNull();
    // An expired entry is replaced by the next answer.
    await put(a.sales, key, { label: "cold" }, 60);
    const fresh = await get(a.admin, key);
    expect(fresh?.output).toEqual({ label: "cold" });
    expect(fresh!.expiresAt.getTime() - fresh!.createdAt.getTime()).toBe(60_000);
  });

  it("takes its TTL from the global setting", async () => {
    const platformAdmin = { ...a.admin, roles: ["admin", "platform_admin"] };
    expect(await withOrg(a.sales, (tx) => cacheTtlSeconds(tx, a.sales))).toBe(8 * 3600);
    await setSetting(platformAdmin, { key: "ai.cache.ttl", scope: "global", value: "PT30M" });
    try {
      expect(await withOrg(b.sales, (tx) => cacheTtlSeconds(tx, b.sales))).toBe(1800);
      const key = cacheKey({ ...base, input: "setting" });
      await put(b.sales, key, { label: "warm" });
      const hit = await get(b.sales, key);
      expect(hit!.expiresAt.getTime() - hit!.createdAt.getTime()).toBe(1_800_000);
    } finally {
      await setSetting(platformAdmin, { key: "ai.cache.ttl", scope: "global", value: "PT8H" });
    }
  });

  it("keeps each organisation's answers to itself", async () => {
    const key = cacheKey({ ...base, input: "tenancy" });
    await put(a.sales, key, { label: "a" });
    expect(await get(b.sales, key)).toBeNull();
    await put(b.sales, key, { label: "b" });
    expect((await get(a.sales, key))?.output).toEqual({ label: "a" });
    expect((await get(b.admin, key))?.output).toEqual({ label: "b" });
    const visible = await withOrg(
      b.admin,
      (tx) => tx.$queryRaw<{ org: string }[]>`SELECT DISTINCT org_id::text AS org FROM ai_cache`,
    );
    expect(visible).toEqual([{ org: b.orgId }]);
    const overwritten = await withOrg(
      b.admin,
      (tx) => tx.$executeRaw`UPDATE ai_cache SET output = '{"label":"evil"}' WHERE org_id = ${a.orgId}::uuid`,
    );
    expect(overwritten).toBe(0);
  });

  it("is written only by members who may use AI", async () => {
    const { userId } = await addMember({
      email: "auditor@cache-a.example",
      name: "Auditor",
      orgSlug: "cache-a",
      role: "auditor",
      locale: "de",
    });
    const auditor: OrgContext = { orgId: a.orgId, userId, roles: ["auditor"] };
    const error = await rejectionOf(
      put(auditor, cacheKey({ ...base, input: "auditor" }), { label: "x" }, 60),
    );
    expect(postgresCode(error)).toBe("42501");
  });

  it("purges only expired entries, and nobody deletes a fresh one", async () => {
    const stale = cacheKey({ ...base, input: "stale" });
    const live = cacheKey({ ...base, input: "live" });
    await put(a.sales, stale, { label: "old" }, 60);
    await put(a.sales, live, { label: "new" }, 60);
    await asSuperuser((c) =>
      c.query(
        `UPDATE ai_cache SET created_at = now() - interval '2 hours', expires_at = now() - interval '1 hour' WHERE key = $1`,
        [stale],
      ),
    );
    const deleted = await withOrg(a.admin, (tx) => tx.$executeRaw`DELETE FROM ai_cache WHERE key = ${live}`);
    expect(deleted).toBe(0);
    expect(await withOrg(a.sales, (tx) => cachePurgeExpired(tx, a.sales))).toBeGreaterThanOrEqual(1);
    const { rows } = await asSuperuser((c) =>
      c.query(`SELECT key FROM ai_cache WHERE key = ANY($1::text[]) ORDER BY key`, [[stale, live]]),
    );
    expect(rows).toEqual([{ key: live }]);
  });
});
