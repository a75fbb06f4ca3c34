import { describe, expect, it } from "vitest";

import { withContext, withOrg, withoutOrg } from "@/lib/db";
import { asSuperuser } from "@/test/pg";

// Policies, views and functions read the transaction's organisation and user through
// app_current_org_id() and app_current_user_id() (sql/migrations/20261207190000_readable_sql.sql),
// never by spelling out the settings. These checks read the catalogue, so a policy or function a
// later migration adds is held to it too.

const ORG = "0c000000-0000-4000-8000-000000000001";
const currentOrg = (tx: Parameters<Parameters<typeof withoutOrg>[0]>[0]) =>
  tx.$queryRaw<{ org: string | null }[]>`SELECT app_current_org_id()::text AS org`.then(([row]) => row.org);

/** The settings that carry an id, each with the one function that reads it. */
const READERS = { "app.org_id": "app_current_org_id()", "app.user_id": "app_current_user_id()" };

/** `setting` read as an id: by NULLIF(…) or by a cast to uuid. */
function readsByHand(setting: string): RegExp {
  const name = setting.replace(".", "\\.");
  return new RegExp(
    `NULLIF\\s*\\(\\s*current_setting\\s*\\(\\s*'${name}'|current_setting\\s*\\(\\s*'${name}'[^)]*\\)\\s*\\)?\\s*::\\s*uuid`,
    "i",
  );
}

describe("app_current_org_id()", () => {
  it("is the organisation of the transaction, and null without one: no context, no rows", async () => {
    expect(await withOrg({ orgId: ORG, userId: null, roles: [] }, currentOrg)).toBe(ORG);
    expect(await withoutOrg(currentOrg)).toBeNull();
    expect(await withContext({ orgId: null, userId: null, roles: ["admin"] }, currentOrg)).toBeNull();
    // Outside any transaction of ours the setting does not exist at all.
    expect(
      await asSuperuser(
        async (client) => (await client.query("SELECT app_current_org_id() AS org")).rows[0].org,
      ),
    ).toBeNull();
  });

  it("is inlined by the planner: a plan shows the expression itself, as an index condition", async () => {
    const plan = await asSuperuser(async (client) => {
      await client.query("SET enable_seqscan = off");
      const { rows } = await client.query<{ "QUERY PLAN": string }>(
        "EXPLAIN (COSTS OFF) SELECT id FROM lead WHERE org_id = app_current_org_id()",
      );
      return rows.map((row) => row["QUERY PLAN"]).join("\n");
    });
    // A function the planner cannot inline (SECURITY DEFINER, SET, plpgsql) would appear by name
    // and be called as a black box; inlined, the condition is the plain expression.
    expect(plan).not.toContain("app_current_org_id");
    expect(plan).toMatch(
      /Index Cond: \(org_id = \(NULLIF\(current_setting\('app\.org_id'::text, true\), ''::text\)\)::uuid\)/,
    );
  });
});

describe("the catalogue", () => {
  it("has no policy or view that reads app.org_id or app.user_id itself", async () => {
    const expressions = await asSuperuser(
      async (client) =>
        (
          await client.query<{ what: string; text: string }>(`
            SELECT format('policy %s on %s', policyname, tablename) AS what, concat(qual, ' ', with_check) AS text
            FROM pg_policies WHERE schemaname = 'public'
            UNION ALL
            SELECT format('view %s', viewname), definition FROM pg_views WHERE schemaname = 'public'
            UNION ALL
            SELECT format('materialized view %s', matviewname), definition FROM pg_matviews
            WHERE schemaname = 'public'`)
        ).rows,
    );
    expect(expressions.length).toBeGreaterThan(50);
    expect(
      expressions.filter((e) => /current_setting\('app\.(org_id|user_id)'/.test(e.text)).map((e) => e.what),
    ).toEqual([]);
  });

  it("has no function that reads them as ids but app_current_org_id() and app_current_user_id()", async () => {
    const functions = await asSuperuser(
      async (client) =>
        (
          await client.query<{ fn: string; source: string }>(`
            SELECT p.oid::regprocedure::text AS fn, p.prosrc AS source
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'public'`)
        ).rows,
    );
    expect(functions.length).toBeGreaterThan(30);
    // Saving a setting to restore it later (app_lead_refresh_expiry) is no such read.
    const byHand = Object.entries(READERS).flatMap(([setting, reader]) =>
      functions
        .filter((f) => f.fn !== reader && readsByHand(setting).test(f.source))
        .map((f) => `${f.fn}: ${setting}`),
    );
    expect(byHand).toEqual([]);
  });

  it("would notice either spelling of the expression", () => {
    for (const source of [
      "WHERE org_id = NULLIF(current_setting('app.org_id', true), '')::uuid",
      "WHERE org_id = nullif( current_setting( 'app.org_id', true ), '' )::uuid",
      "WHERE org_id = current_setting('app.org_id', true)::uuid",
      "v_org uuid := (current_setting('app.org_id'))::uuid;",
    ]) {
      expect(readsByHand("app.org_id").test(source), source).toBe(true);
    }
    expect(
      readsByHand("app.user_id").test("owner = NULLIF(current_setting('app.user_id', true), '')::uuid"),
    ).toBe(true);
    expect(readsByHand("app.org_id").test("v_saved text := current_setting('app.org_id', true);")).toBe(
      false,
    );
    expect(readsByHand("app.org_id").test("NULLIF(current_setting('app.orgXid', true), '')::uuid")).toBe(
      false,
    );
  });
});
