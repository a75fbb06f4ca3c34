import { beforeAll, describe, expect, it } from "vitest";

import { addMember, createOrganization } from "@/lib/auth/service";
import { runCli, runCommandHere, type CliResult } from "@/test/cli";
import { setTestEnv } from "@/test/env";
import { asSuperuser } from "@/test/pg";

// The settings commands as operators use them, on this file's database (lib/cli/run.ts in this
// process; lib/cli/cli.int.test.ts tests the process itself). Global values are handled in the
// platform organisation, which the command finds through PLATFORM_ORG_SLUG.
setTestEnv({ PLATFORM_ORG_SLUG: "cli-platform" });

/** The one command that must see another PLATFORM_ORG_SLUG starts a process (~2 s). */
const SLOW = 60_000;

function expectError(result: CliResult, message: RegExp) {
  expect(result.code).not.toBe(0);
  expect(result.stderr.split("\n").filter((l) => l.startsWith("error:"))).toEqual([
    expect.stringMatching(message),
  ]);
}

/** The JSON document a command printed (from its first "{" line on). */
function printedJson(result: CliResult): unknown {
  const lines = result.stdout.split("\n");
  return JSON.parse(lines.slice(lines.findIndex((l) => l.startsWith("{"))).join("\n"));
}

let platformOrgId: string;

beforeAll(async () => {
  platformOrgId = (await createOrganization({ name: "Operator", slug: "cli-platform" })).id;
  await createOrganization({ name: "Kunde", slug: "cli-customer" });
  await addMember({
    email: "anna@cli.example",
    name: "Anna",
    orgSlug: "cli-customer",
    role: "sales",
    locale: "de",
  });
});

describe("settings:get", () => {
  it("prints the effective value and its sources as JSON", async () => {
    const result = await runCommandHere("settings:get", "lead.protection.baseMonths");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(printedJson(result)).toEqual({
      key: "lead.protection.baseMonths",
      value: 6,
      sources: [{ scope: "default", value: 6 }],
    });
  });

  it(
    "refuses an unknown key, a missing key, a --user without --org and an unknown platform organisation",
    async () => {
      const [unknown, missing, userOnly] = await Promise.all([
        runCommandHere("settings:get", "no.such.key"),
        runCommandHere("settings:get"),
        runCommandHere("settings:get", "ai.cache.ttl", "--user", "anna@cli.example"),
      ]);
      expectError(unknown, /No setting "no.such.key"/);
      expectError(missing, /<key> is required/);
      expectError(userOnly, /--user needs --org/);

      setTestEnv({ PLATFORM_ORG_SLUG: "cli-nowhere" });
      try {
        expectError(await runCli("settings:get", "ai.cache.ttl"), /"cli-nowhere" \(PLATFORM_ORG_SLUG\)/);
      } finally {
        setTestEnv({ PLATFORM_ORG_SLUG: "cli-platform" });
      }
    },
    SLOW,
  );
});

describe("settings:set", () => {
  it(
    "writes global without --org, org with --org, user with --org and --user, and get resolves them",
    async () => {
      const key = "ai.routing.confidence.threshold";
      const global = await runCommandHere("settings:set", key, "0.6");
      expect(global.stderr).toBe("");
      expect(global.code).toBe(0);
      expect(global.stdout).toMatch(/^set ai\.routing\.confidence\.threshold \(global\) to 0\.6/);

      const [org, user] = await Promise.all([
        runCommandHere("settings:set", key, "0.8", "--org", "cli-customer"),
        runCommandHere("settings:set", key, "0.9", "--org", "cli-customer", "--user", "anna@cli.example"),
      ]);
      expect([org.code, user.code]).toEqual([0, 0]);
      expect(user.stdout).toMatch(/\(user anna@cli\.example in cli-customer\)/);

      const [forUser, forOrg, forGlobal] = await Promise.all([
        runCommandHere("settings:get", key, "--org", "cli-customer", "--user", "anna@cli.example"),
        runCommandHere("settings:get", key, "--org", "cli-customer"),
        runCommandHere("settings:get", key),
      ]);
      expect(printedJson(forUser)).toEqual({ key, value: 0.9, sources: [{ scope: "user", value: 0.9 }] });
      expect(printedJson(forOrg)).toMatchObject({ value: 0.8, sources: [{ scope: "org" }] });
      expect(printedJson(forGlobal)).toMatchObject({ value: 0.6, sources: [{ scope: "global" }] });

      const cleared = await runCommandHere("settings:clear", key, "--org", "cli-customer");
      expect(cleared.code).toBe(0);
      expect(printedJson(cleared)).toMatchObject({ value: 0.6 });
    },
    SLOW,
  );

  it(
    "stores lists and strings given as JSON, audited in the platform organisation with the CLI as actor",
    async () => {
      const [roles, ttl] = await Promise.all([
        runCommandHere("settings:set", "lead.protection.notify.roles", '["manager","admin"]'),
        runCommandHere("settings:set", "credit.cache.ttl", '"PT4H"'),
      ]);
      expect([roles.code, ttl.code]).toEqual([0, 0]);
      expect(printedJson(await runCommandHere("settings:get", "credit.cache.ttl"))).toMatchObject({
        value: "PT4H",
      });

      const events = await asSuperuser(async (client) => {
        const { rows } = await client.query(
          `SELECT org_id, actor_type, actor_id, action, after FROM audit_event
           WHERE resource_id = 'credit.cache.ttl' ORDER BY id`,
        );
        return rows;
      });
      expect(events).toEqual([
        {
          org_id: platformOrgId,
          actor_type: "system",
          actor_id: "cli",
          action: "settings.value.changed",
          after: { scope: "global", value: "PT4H" },
        },
      ]);
    },
    SLOW,
  );

  it(
    "exits non-zero with the schema's message on an invalid value, and stores nothing",
    async () => {
      const [tooSmall, badDuration, notJson, wrongScope, unknownKey, extra, notMember] = await Promise.all([
        runCommandHere("settings:set", "lead.protection.baseMonths", "0"),
        runCommandHere("settings:set", "ai.cache.ttl", '"8 hours"'),
        runCommandHere("settings:set", "ai.cache.ttl", "PT8H"),
        runCommandHere("settings:set", "lead.protection.baseMonths", "3", "--org", "cli-customer"),
        runCommandHere("settings:set", "made.up.key", "1"),
        runCommandHere("settings:set", "ai.cache.ttl", '"PT1H"', "extra"),
        runCommandHere(
          "settings:set",
          "ai.routing.confidence.threshold",
          "0.5",
          "--org",
          "cli-customer",
          "--user",
          "x@cli.example",
        ),
      ]);
      expectError(
        tooSmall,
        /^error: Invalid value for lead\.protection\.baseMonths: Please enter at least 1\.$/,
      );
      expectError(badDuration, /Invalid value for ai\.cache\.ttl: Enter an ISO 8601 duration/);
      expectError(notJson, /<json> is not JSON/);
      expectError(wrongScope, /cannot be set at org scope/);
      expectError(unknownKey, /Unknown setting "made\.up\.key"/);
      expectError(extra, /unexpected argument "extra"/);
      expectError(notMember, /x@cli\.example is not a member of "cli-customer"/);

      const stored = await asSuperuser(async (client) => {
        const { rows } = await client.query<{ key: string }>(
          "SELECT key FROM setting_value WHERE key IN ('lead.protection.baseMonths', 'ai.cache.ttl', 'made.up.key')",
        );
        return rows;
      });
      expect(stored).toEqual([]);
    },
    SLOW,
  );
});
