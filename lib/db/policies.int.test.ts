import { describe, expect, it } from "vitest";

import { asSuperuser } from "@/test/pg";

// Policy names follow one scheme (sql/migrations/20261207190000_readable_sql.sql, README "Security
// model"): <table>_<command>, or <table>_<command>_<who> where whose rows or which case needs
// naming. Read from the catalogue, so a policy a later migration adds is held to it too.

interface Policy {
  table: string;
  name: string;
  command: string;
}

/** Why a policy's name breaks the scheme, or null when it follows it. */
function schemeViolation({ table, name, command }: Policy): string | null {
  const stem = `${table}_${command.toLowerCase()}`;
  if (name === stem) return null;
  if (!name.startsWith(`${stem}_`)) return `${name} on ${table}: should be ${stem} or ${stem}_<who>`;
  const who = name.slice(stem.length + 1);
  return /^[a-z0-9]+(_[a-z0-9]+)*$/.test(who) ? null : `${name} on ${table}: <who> is "${who}"`;
}

describe("policy names", () => {
  it("follow <table>_<command>[_<who>]", async () => {
    const policies = await asSuperuser(
      async (client) =>
        (
          await client.query<Policy>(`
            SELECT tablename AS table, policyname AS name, cmd AS command
            FROM pg_policies WHERE schemaname = 'public' ORDER BY 1, 2`)
        ).rows,
    );
    expect(policies.length).toBeGreaterThan(50);
    expect(policies.map(schemeViolation).filter(Boolean)).toEqual([]);
  });

  it("would refuse a name off the scheme", () => {
    expect(schemeViolation({ table: "lead", name: "lead_select", command: "SELECT" })).toBeNull();
    expect(schemeViolation({ table: "lead", name: "lead_all", command: "ALL" })).toBeNull();
    expect(
      schemeViolation({ table: "setting_value", name: "setting_value_update_global", command: "UPDATE" }),
    ).toBeNull();
    expect(schemeViolation({ table: "lead", name: "lead_read", command: "SELECT" })).toMatch(/lead_select/);
    expect(schemeViolation({ table: "lead", name: "lead_update", command: "SELECT" })).not.toBeNull();
    expect(schemeViolation({ table: "lead", name: "lead_select_", command: "SELECT" })).not.toBeNull();
    expect(schemeViolation({ table: "lead", name: "lead_select_Own", command: "SELECT" })).not.toBeNull();
    // A table whose name starts like another's does not borrow its policies' names.
    expect(
      schemeViolation({ table: "lead_hold", name: "lead_select_hold", command: "SELECT" }),
    ).not.toBeNull();
  });
});
