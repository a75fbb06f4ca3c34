import { describe, expect, it } from "vitest";

import { SETTINGS } from "@/lib/settings/registry";
import { asSuperuser } from "@/test/pg";

import { ACTIVITY_KINDS, QUALIFYING_KINDS } from "./schemas";

// The lead-protection rules run in PostgreSQL and the forms, schemas and settings in TypeScript.
// Where both need the same constant, each side keeps it in one place, and this file holds the two
// equal: the activity kinds (lib/leads/schemas.ts ↔ app_lead_activity_kinds(),
// app_lead_qualifying_kinds()) and the contract's defaults (lib/settings/registry.ts ↔
// app_lead_protection_config() with no global setting stored).

/** Rows of `sql`, read as the superuser (outside row-level security). */
const query = <T extends Record<string, unknown>>(sql: string) =>
  asSuperuser(async (client) => (await client.query<T>(sql)).rows);

describe("activity kinds", () => {
  it("are the same in SQL and in lib/leads/schemas.ts", async () => {
    const [sql] = await query<{ activity: string[]; qualifying: string[] }>(
      "SELECT app_lead_activity_kinds() AS activity, app_lead_qualifying_kinds() AS qualifying",
    );
    expect(sql).toEqual({ activity: [...ACTIVITY_KINDS], qualifying: [...QUALIFYING_KINDS] });
  });

  it("are listed nowhere else in the schema: functions, policies, views, constraints", async () => {
    // Any list of the kinds names QUALIFIED_CALL; only the kinds' own function may.
    const spelled = await query<{ what: string }>(`
      SELECT format('function %s', p.oid::regprocedure) AS what
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' AND p.proname <> 'app_lead_qualifying_kinds' AND p.prosrc LIKE '%QUALIFIED_CALL%'
      UNION ALL
      SELECT format('policy %s on %s', policyname, tablename) FROM pg_policies
      WHERE schemaname = 'public' AND concat(qual, ' ', with_check) LIKE '%QUALIFIED_CALL%'
      UNION ALL
      SELECT format('view %s', viewname) FROM pg_views
      WHERE schemaname = 'public' AND definition LIKE '%QUALIFIED_CALL%'
      UNION ALL
      SELECT format('constraint %s on %s', conname, conrelid::regclass) FROM pg_constraint
      WHERE connamespace = 'public'::regnamespace AND pg_get_constraintdef(oid) LIKE '%QUALIFIED_CALL%'`);
    expect(spelled.map((s) => s.what)).toEqual([]);
  });
});

describe("the contract's defaults", () => {
  /** lead.protection.baseMonths for the column base_months. */
  const keyOf = (column: string) =>
    `lead.protection.${column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())}`;

  it("are the same in app_lead_protection_config() and in lib/settings/registry.ts", async () => {
    const stored = await query<{ n: number }>(
      "SELECT count(*)::int AS n FROM setting_value WHERE key LIKE 'lead.protection.%'",
    );
    expect(stored[0].n).toBe(0); // so the function answers its defaults
    const [config] = await query<Record<string, unknown>>("SELECT * FROM app_lead_protection_config()");
    const registry = Object.fromEntries(
      Object.keys(config).map((column) => [
        column,
        SETTINGS[keyOf(column) as keyof typeof SETTINGS]?.default,
      ]),
    );
    expect(config).toEqual(registry);
  });
});
