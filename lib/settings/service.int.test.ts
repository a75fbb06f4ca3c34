import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";

import * as settingsRoute from "@/app/api/v1/settings/route";
import { createToken } from "@/lib/auth/tokens";
import { withOrg, withoutOrg, type Tx, type OrgContext } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { postgresCode, rejectionOf } from "@/test/errors";
import { asSuperuser } from "@/test/pg";
import { createTenant } from "@/test/tenants";

import { readEffectiveValue } from "./queries";
import { buildRegistry, REGISTRY } from "./registry";
import { ZSettingRow } from "./schemas";
import { clearSetting, getEffective, getEffectiveMany, listSettings, setSetting } from "./service";

// The settings registry against the real database: resolution across scopes, validation, ABAC in
// the service and RLS in PostgreSQL, and the audit event in the change's own transaction.

interface Tenant {
  orgId: string;
  admin: OrgContext & { userId: string };
  sales: OrgContext & { userId: string };
}

let a: Tenant;
let b: Tenant;
/** An admin of org A who is also platform admin (A plays the operator's organisation). */
let platform: OrgContext;

function tenant(slug: string): Promise<Tenant> {
  return createTenant(slug);
}

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** Rows of setting_value as they really are, outside RLS. */
async function storedRows(key: string) {
  return asSuperuser(async (client) => {
    const { rows } = await client.query<{
      scope: string;
      org_id: string | null;
      user_id: string | null;
      value: unknown;
    }>(
      "SELECT scope, org_id, user_id, value FROM setting_value WHERE key = $1 ORDER BY scope, org_id, user_id",
      [key],
    );
    return rows;
  });
}

async function auditRows(resourceId: string) {
  return asSuperuser(async (client) => {
    const { rows } = await client.query<{
      org_id: string | null;
      actor_type: string;
      actor_id: string | null;
      action: string;
      before: unknown;
      after: unknown;
      xmin: string;
    }>(
      `SELECT org_id, actor_type, actor_id, action, before, after, xmin::text AS xmin
       FROM audit_event WHERE resource_type = 'setting' AND resource_id = $1 ORDER BY id`,
      [resourceId],
    );
    return rows;
  });
}

beforeAll(async () => {
  a = await tenant("settings-a");
  b = await tenant("settings-b");
  platform = { ...a.admin, roles: ["admin", "platform_admin"] };
});

describe("getEffective", () => {
  it("is the registry's default when nothing is stored", async () => {
    expect(await getEffective("lead.protection.baseMonths", a.sales)).toEqual({
      key: "lead.protection.baseMonths",
      value: 6,
      sources: [{ scope: "default", value: 6 }],
    });
    expect(await getEffective("ai.budget.user.monthly.cap", a.sales)).toMatchObject({ value: null });
  });

  it("resolves default → global → org → user, the narrowest stored scope winning", async () => {
    const key = "ai.routing.confidence.threshold";
    await setSetting(platform, { key, scope: "global", value: 0.6 });
    await setSetting(a.admin, { key, scope: "org", value: 0.8 });
    await setSetting(a.sales, { key, scope: "user", value: 0.9 });

    expect(await getEffective(key, a.sales)).toEqual({
      key,
      value: 0.9,
      sources: [{ scope: "user", value: 0.9 }],
    });
    expect(await getEffective(key, a.admin)).toEqual({
      key,
      value: 0.8,
      sources: [{ scope: "org", value: 0.8 }],
    });
    // B stored nothing of its own: the global value, not A's org or user values.
    expect(await getEffective(key, b.sales)).toEqual({
      key,
      value: 0.6,
      sources: [{ scope: "global", value: 0.6 }],
    });

    // Removing A's org value lets the global one through again for A's admin.
    expect((await clearSetting(a.admin, { key, scope: "org" })).effective).toEqual({
      key,
      value: 0.6,
      sources: [{ scope: "global", value: 0.6 }],
    });
  });

  it("lets a global list replace the default, so a default channel can be switched off (seeded key)", async () => {
    const key = "lead.protection.reminder.channels";
    await setSetting(platform, { key, scope: "global", value: ["INAPP"] });
    expect(await getEffective(key, b.sales)).toEqual({
      key,
      value: ["INAPP"],
      sources: [{ scope: "global", value: ["INAPP"] }],
    });
    await clearSetting(platform, { key, scope: "global" });
  });

  it("appends across global, org and user, each caller seeing only their own org's and user's part", async () => {
    const registry = buildRegistry({
      "test.tags": {
        group: "ai",
        kind: "list",
        scopes: ["global", "org", "user"],
        schema: z.array(z.string()),
        default: ["base"],
        merge: "append",
        input: { control: "multiselect" },
      },
    });
    // Stored directly: the service refuses keys that are not in the product's registry.
    await asSuperuser((client) =>
      client.query(
        `INSERT INTO setting_value (scope, org_id, user_id, key, value) VALUES
           ('global', NULL, NULL, 'test.tags', '["g", "base"]'),
           ('org', $1, NULL, 'test.tags', '["a-org"]'),
           ('user', $1, $2, 'test.tags', '["a-sales"]'),
           ('user', $1, $3, 'test.tags', '["a-admin"]'),
           ('org', $4, NULL, 'test.tags', '["b-org"]')`,
        [a.orgId, a.sales.userId, a.admin.userId, b.orgId],
      ),
    );

    expect(await getEffective("test.tags", a.sales, registry)).toEqual({
      key: "test.tags",
      value: ["base", "g", "a-org", "a-sales"],
      sources: [
        { scope: "default", value: ["base"] },
        { scope: "global", value: ["g"] },
        { scope: "org", value: ["a-org"] },
        { scope: "user", value: ["a-sales"] },
      ],
    });
    expect((await getEffective("test.tags", a.admin, registry)).value).toEqual([
      "base",
      "g",
      "a-org",
      "a-admin",
    ]);
    expect((await getEffective("test.tags", b.admin, registry)).value).toEqual(["base", "g", "b-org"]);
  });

  it("can be read inside another domain's transaction, typed by key", async () => {
    const threshold = await withOrg(b.sales, (tx) =>
      readEffectiveValue(tx, b.sales, "ai.routing.confidence.threshold"),
    );
    expect(threshold).toBe(0.6);
  });

  it("answers several keys at once, and refuses an unknown key with 404", async () => {
    const many = await getEffectiveMany(a.sales, ["lead.protection.mode", "credit.batch.window.ms"]);
    expect(many.map((e) => [e.key, e.value])).toEqual([
      ["lead.protection.mode", "GREATEST"],
      ["credit.batch.window.ms", 50],
    ]);
    expect((await getEffectiveMany(a.sales)).length).toBe(REGISTRY.size);
    expect((await appError(getEffective("no.such.key", a.sales))).kind).toBe("not_found");
  });
});

describe("setSetting validation", () => {
  it("refuses an invalid value in the caller's language, as the forms word it, and stores nothing", async () => {
    const key = "ai.budget.monthly.cap";
    const error = await appError(setSetting(a.admin, { key, scope: "org", value: -5 }));
    expect(error.kind).toBe("unprocessable");
    expect(error.fieldErrors).toEqual([{ path: "value", message: "Please enter at least 0." }]);
    expect(error.message).toBe(`Invalid value for ${key}: Please enter at least 0.`);

    const german = await appError(
      setSetting(a.admin, { key, scope: "org", value: "viel" }, { locale: "de" }),
    );
    expect(german.fieldErrors[0].message).toBe("Bitte eine Zahl eingeben, z. B. 12 oder 0,55.");

    const duration = await appError(
      setSetting(platform, { key: "ai.cache.ttl", scope: "global", value: "8h" }),
    );
    expect(duration.fieldErrors[0].message).toMatch(/ISO 8601 duration/);

    expect(await storedRows(key)).toEqual([]);
    expect(await storedRows("ai.cache.ttl")).toEqual([]);
  });

  it("refuses an unknown key and a scope the key does not allow", async () => {
    const unknown = await appError(
      setSetting(platform, { key: "lead.protection.bogus", scope: "global", value: 1 }),
    );
    expect(unknown.kind).toBe("unprocessable");
    expect(unknown.fieldErrors[0].path).toBe("key");
    expect(await storedRows("lead.protection.bogus")).toEqual([]);

    const scope = await appError(
      setSetting(platform, { key: "lead.protection.baseMonths", scope: "org", value: 3 }),
    );
    expect(scope.kind).toBe("unprocessable");
    expect(scope.fieldErrors).toEqual([
      { path: "scope", message: "lead.protection.baseMonths cannot be set at org scope (allowed: global)." },
    ]);
  });

  it("refuses malformed input as a bad request", async () => {
    const error = await appError(
      setSetting(a.admin, { key: "ai.budget.monthly.cap", scope: "tenant", value: 1 }),
    );
    expect(error.kind).toBe("bad_request");
    expect(error.fieldErrors[0].path).toBe("scope");
  });

  it("refuses a value whose objects name a prototype key, in the caller's language, before anything else", async () => {
    const key = "ai.budget.user.monthly.cap";
    // As the CLI and a JSON form field hand them over: JSON.parse makes `__proto__` an own key.
    const forged = [
      '{"__proto__": {"polluted": true}}',
      '{"constructor": {"prototype": {"polluted": true}}}',
      '[1, {"a": {"__proto__": {"polluted": true}}}]',
    ].map((text) => JSON.parse(text) as unknown);
    for (const value of forged) {
      const error = await appError(setSetting(a.sales, { key, scope: "user", value }));
      expect(error.kind).toBe("bad_request");
      expect(error.fieldErrors).toEqual([
        { path: "value", message: "Keys named __proto__, constructor or prototype are not allowed." },
      ]);
    }
    const german = await appError(
      setSetting(a.sales, { key, scope: "user", value: forged[0] }, { locale: "de" }),
    );
    expect(german.fieldErrors[0].message).toBe(
      "Schlüssel namens __proto__, constructor oder prototype sind nicht erlaubt.",
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await storedRows(key)).toEqual([]);
  });

  it("stores a valid value once per scope, replacing the previous one", async () => {
    const key = "ai.budget.monthly.cap";
    await setSetting(a.admin, { key, scope: "org", value: 250 });
    const effective = await setSetting(a.admin, { key, scope: "org", value: 300 });
    expect(effective).toEqual({ key, value: 300, sources: [{ scope: "org", value: 300 }] });
    expect(await storedRows(key)).toEqual([{ scope: "org", org_id: a.orgId, user_id: null, value: 300 }]);
  });
});

describe("who may write (ABAC in the service)", () => {
  it("refuses org values to a non-admin", async () => {
    const error = await appError(
      setSetting(a.sales, { key: "ai.budget.monthly.cap", scope: "org", value: 5 }),
    );
    expect(error.kind).toBe("forbidden");
    expect((await appError(clearSetting(a.sales, { key: "ai.budget.monthly.cap", scope: "org" }))).kind).toBe(
      "forbidden",
    );
  });

  it("refuses global values to an org admin who is not a platform admin", async () => {
    const error = await appError(
      setSetting(a.admin, { key: "credit.batch.window.ms", scope: "global", value: 80 }),
    );
    expect(error.kind).toBe("forbidden");
    expect(await storedRows("credit.batch.window.ms")).toEqual([]);
  });

  it("lets every user set their own user values, and nobody without a user", async () => {
    const key = "ai.budget.user.monthly.cap";
    await setSetting(b.sales, { key, scope: "user", value: 40 });
    expect(await getEffective(key, b.sales)).toMatchObject({
      value: 40,
      sources: [{ scope: "user", value: 40 }],
    });
    expect((await getEffective(key, b.admin)).value).toBeNull();

    const operator: OrgContext = { orgId: b.orgId, userId: null, roles: ["admin"] };
    expect((await appError(setSetting(operator, { key, scope: "user", value: 1 }))).kind).toBe("forbidden");
  });

  it("lists every key with what the caller may edit", async () => {
    const salesRows = await listSettings(a.sales);
    expect(salesRows).toHaveLength(REGISTRY.size);
    const editable = (rows: typeof salesRows, key: string) => rows.find((r) => r.key === key)?.editable;
    expect(editable(salesRows, "ai.routing.confidence.threshold")).toEqual(["user"]);
    expect(editable(salesRows, "ai.budget.monthly.cap")).toEqual([]);
    const adminRows = await listSettings(a.admin);
    expect(editable(adminRows, "ai.routing.confidence.threshold")).toEqual(["org", "user"]);
    expect(editable(adminRows, "lead.protection.baseMonths")).toEqual([]);
    expect(editable(await listSettings(platform), "lead.protection.baseMonths")).toEqual(["global"]);
    expect(salesRows.find((r) => r.key === "ai.routing.confidence.threshold")?.stored).toMatchObject({
      global: { value: 0.6 },
      user: { value: 0.9 },
    });
  });

  it("GET /api/v1/settings answers the same rows, as its schema says, and not another member's own values", async () => {
    const get = async (who: OrgContext & { userId: string }) => {
      const { token } = await createToken(who, { name: "t", expiresInDays: 1 });
      const response = await settingsRoute.GET(
        new Request("http://localhost/api/v1/settings", { headers: { authorization: `Bearer ${token}` } }),
        { params: Promise.resolve({}) },
      );
      expect(response.status).toBe(200);
      return ((await response.json()) as { items: unknown[] }).items;
    };
    const rows = await get(a.sales);
    expect(rows).toEqual(JSON.parse(JSON.stringify(await listSettings(a.sales))));
    expect(rows.map((row) => ZSettingRow.safeParse(row).error)).toEqual(rows.map(() => undefined));
    const threshold = (await get(b.sales)).find(
      (r) => ZSettingRow.parse(r).key === "ai.routing.confidence.threshold",
    );
    expect(ZSettingRow.parse(threshold).stored.user).toBeUndefined();
  });
});

describe("row-level security, underneath the service", () => {
  const insert = (tx: Tx, scope: string, orgId: string | null, userId: string | null, key: string) =>
    tx.$executeRaw`INSERT INTO setting_value (scope, org_id, user_id, key, value)
                   VALUES (${scope}, ${orgId}::uuid, ${userId}::uuid, ${key}, '1'::jsonb)`;

  it("refuses a non-admin's org value (42501) and lets them change or delete none (0 rows)", async () => {
    const error = await rejectionOf(
      withOrg(a.sales, (tx) => insert(tx, "org", a.orgId, null, "ai.budget.monthly.cap")),
    );
    expect(postgresCode(error)).toBe("42501");

    const [updated, deleted] = await withOrg(a.sales, async (tx) => [
      await tx.$executeRaw`UPDATE setting_value SET value = '1'::jsonb WHERE scope = 'org'`,
      await tx.$executeRaw`DELETE FROM setting_value WHERE scope = 'org'`,
    ]);
    expect([updated, deleted]).toEqual([0, 0]);
    expect(await storedRows("ai.budget.monthly.cap")).toEqual([
      { scope: "org", org_id: a.orgId, user_id: null, value: 300 },
    ]);
  });

  it("refuses a global value without platform_admin (42501)", async () => {
    const error = await rejectionOf(
      withOrg(a.admin, (tx) => insert(tx, "global", null, null, "credit.cache.ttl")),
    );
    expect(postgresCode(error)).toBe("42501");
    const updated = await withOrg(
      a.admin,
      (tx) => tx.$executeRaw`UPDATE setting_value SET value = '1'::jsonb WHERE scope = 'global'`,
    );
    expect(updated).toBe(0);
  });

  it("keeps org B's values out of org A, even by id", async () => {
    await setSetting(b.admin, { key: "ai.budget.monthly.cap", scope: "org", value: 777 });
    expect((await storedRows("ai.budget.monthly.cap")).map((r) => r.org_id)).toContain(b.orgId);
    await withOrg(a.admin, async (tx) => {
      expect(await tx.settingValue.count({ where: { orgId: b.orgId } })).toBe(0);
      expect(await tx.settingValue.count({ where: { scope: "org", NOT: { orgId: a.orgId } } })).toBe(0);
      expect(
        await tx.$queryRaw`SELECT count(*)::int AS n FROM setting_value WHERE org_id = ${b.orgId}::uuid`,
      ).toEqual([{ n: 0 }]);
    });
    expect((await getEffective("ai.budget.monthly.cap", a.sales)).value).toBe(300);
    expect((await getEffective("ai.budget.monthly.cap", b.sales)).value).toBe(777);
    // Nor can A write into B.
    const error = await rejectionOf(
      withOrg(a.admin, (tx) => insert(tx, "org", b.orgId, null, "ai.cache.ttl")),
    );
    expect(postgresCode(error)).toBe("42501");
  });

  it("keeps a user's values from every other user, admins included", async () => {
    await withOrg(a.admin, async (tx) => {
      const users = await tx.settingValue.findMany({ where: { scope: "user" }, select: { userId: true } });
      expect(users.every((u) => u.userId === a.admin.userId)).toBe(true);
      expect(await tx.settingValue.count({ where: { userId: a.sales.userId } })).toBe(0);
      expect(
        await tx.$executeRaw`UPDATE setting_value SET value = '0'::jsonb WHERE user_id = ${a.sales.userId}::uuid`,
      ).toBe(0);
    });
    const error = await rejectionOf(
      withOrg(a.admin, (tx) => insert(tx, "user", a.orgId, a.sales.userId, "ai.budget.user.monthly.cap")),
    );
    expect(postgresCode(error)).toBe("42501");
  });

  it("shows nothing, not even global values, without an organisation context", async () => {
    expect(await withoutOrg((tx) => tx.settingValue.count())).toBe(0);
    expect(
      await withOrg(b.sales, (tx) => tx.settingValue.count({ where: { scope: "global" } })),
    ).toBeGreaterThan(0);
  });
});

describe("the audit trail", () => {
  it("records each change with before and after, in the same transaction as the change", async () => {
    const key = "lead.protection.graceDays";
    await setSetting(platform, { key, scope: "global", value: 14 });
    await setSetting(platform, { key, scope: "global", value: 21 });
    await clearSetting(platform, { key, scope: "global" });

    const events = await auditRows(key);
    expect(
      events.map(({ org_id, actor_type, actor_id, action, before, after }) => ({
        org_id,
        actor_type,
        actor_id,
        action,
        before,
        after,
      })),
    ).toEqual([
      {
        org_id: a.orgId,
        actor_type: "user",
        actor_id: a.admin.userId,
        action: "settings.value.changed",
        before: null,
        after: { scope: "global", value: 14 },
      },
      {
        org_id: a.orgId,
        actor_type: "user",
        actor_id: a.admin.userId,
        action: "settings.value.changed",
        before: { scope: "global", value: 14 },
        after: { scope: "global", value: 21 },
      },
      {
        org_id: a.orgId,
        actor_type: "user",
        actor_id: a.admin.userId,
        action: "settings.value.cleared",
        before: { scope: "global", value: 21 },
        after: null,
      },
    ]);

    // Same transaction: the event and the row it records carry the same transaction id.
    await setSetting(a.sales, { key: "ai.routing.confidence.threshold", scope: "user", value: 0.95 });
    const [event] = (await auditRows("ai.routing.confidence.threshold")).slice(-1);
    expect(event.after).toEqual({ scope: "user", userId: a.sales.userId, value: 0.95 });
    const rowXmin = await asSuperuser(async (client) => {
      const { rows } = await client.query<{ xmin: string }>(
        "SELECT xmin::text AS xmin FROM setting_value WHERE key = $1 AND user_id = $2",
        ["ai.routing.confidence.threshold", a.sales.userId],
      );
      return rows[0].xmin;
    });
    expect(event.xmin).toBe(rowXmin);
  });

  it("leaves the value unchanged when the audit event cannot be written", async () => {
    const key = "credit.peak.slo.p95.ms";
    await asSuperuser((client) =>
      client.query(`
        CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit refused for the test'; END $$;
        CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_event
          FOR EACH ROW WHEN (NEW.resource_id = '${key}') EXECUTE FUNCTION test_refuse_audit();`),
    );
    try {
      const error = await rejectionOf(setSetting(platform, { key, scope: "global", value: 900 }));
      expect(String(error)).toMatch(/audit refused for the test/);
      expect(await storedRows(key)).toEqual([]);
    } finally {
      await asSuperuser((client) =>
        client.query("DROP TRIGGER test_refuse_audit ON audit_event; DROP FUNCTION test_refuse_audit();"),
      );
    }
  });

  it("queues concurrent first writes of one row, so each event's before is the previous after", async () => {
    const key = "lead.protection.warningDays";
    await Promise.all([
      setSetting(platform, { key, scope: "global", value: 3 }),
      setSetting(platform, { key, scope: "global", value: 4 }),
    ]);
    const events = await auditRows(key);
    expect(events).toHaveLength(2);
    expect(events[0].before).toBeNull();
    expect(events[1].before).toEqual(events[0].after);
    expect((await storedRows(key))[0].value).toEqual((events[1].after as { value: number }).value);
  });

  it("writes no event when there was nothing to clear", async () => {
    const result = await clearSetting(a.admin, { key: "ai.routing.confidence.threshold", scope: "org" });
    expect(result.cleared).toBe(false);
    expect(
      (await auditRows("ai.routing.confidence.threshold")).filter(
        (e) => e.action === "settings.value.cleared",
      ),
    ).toHaveLength(1);
  });
});
