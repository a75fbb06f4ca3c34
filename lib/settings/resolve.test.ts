import { describe, expect, it } from "vitest";
import { z } from "zod";

import { REGISTRY, buildRegistry, type SettingDefinition } from "./registry";
import { resolveSetting } from "./resolve";

const definition = (key: string): SettingDefinition => {
  const found = REGISTRY.get(key);
  if (!found) throw new Error(`no setting ${key}`);
  return found;
};

// A list that adds up across all three scopes: the seeded append key is global only.
const tags = buildRegistry({
  "test.tags": {
    group: "ai",
    kind: "list",
    scopes: ["global", "org", "user"],
    schema: z.array(z.string().min(1)),
    default: ["a"],
    merge: "append",
    input: { control: "multiselect" },
  },
}).get("test.tags") as SettingDefinition;

describe("replace", () => {
  const threshold = definition("ai.routing.confidence.threshold");

  it("is the default when nothing is stored", () => {
    expect(resolveSetting(threshold, {})).toEqual({
      key: "ai.routing.confidence.threshold",
      value: 0.7,
      sources: [{ scope: "default", value: 0.7 }],
    });
  });

  it("takes the narrowest stored scope and names it as the only source", () => {
    expect(resolveSetting(threshold, { global: 0.6 }).sources).toEqual([{ scope: "global", value: 0.6 }]);
    expect(resolveSetting(threshold, { global: 0.6, org: 0.8 }).value).toBe(0.8);
    expect(resolveSetting(threshold, { global: 0.6, org: 0.8, user: 0.9 })).toEqual({
      key: "ai.routing.confidence.threshold",
      value: 0.9,
      sources: [{ scope: "user", value: 0.9 }],
    });
    expect(resolveSetting(threshold, { global: 0.6, user: 0.5 }).sources).toEqual([
      { scope: "user", value: 0.5 },
    ]);
  });

  it("ignores scopes the key does not allow", () => {
    const months = definition("lead.protection.baseMonths");
    expect(resolveSetting(months, { global: 9, org: 3, user: 1 })).toMatchObject({
      value: 9,
      sources: [{ scope: "global", value: 9 }],
    });
    expect(resolveSetting(months, { org: 3 }).sources).toEqual([{ scope: "default", value: 6 }]);
  });

  it("ignores a stored value that no longer passes the schema", () => {
    expect(resolveSetting(threshold, { global: 0.6, org: 7 })).toMatchObject({ value: 0.6 });
    expect(resolveSetting(definition("ai.cache.ttl"), { global: "8h" }).value).toBe("PT8H");
  });
});

describe("min", () => {
  const cap = definition("ai.budget.user.monthly.cap");

  it("is no limit when nothing is stored, or only nulls", () => {
    expect(resolveSetting(cap, {})).toEqual({
      key: "ai.budget.user.monthly.cap",
      value: null,
      sources: [{ scope: "default", value: null }],
    });
    expect(resolveSetting(cap, { org: null, user: null })).toMatchObject({
      value: null,
      sources: [{ scope: "user", value: null }],
    });
  });

  it("takes the tightest limit: a member can lower the organisation's, not raise it", () => {
    expect(resolveSetting(cap, { org: 50, user: 80 })).toMatchObject({
      value: 50,
      sources: [{ scope: "org", value: 50 }],
    });
    expect(resolveSetting(cap, { org: 50, user: 20 })).toMatchObject({
      value: 20,
      sources: [{ scope: "user", value: 20 }],
    });
    expect(resolveSetting(cap, { org: null, user: 30 }).value).toBe(30);
    expect(resolveSetting(cap, { org: 40, user: null }).value).toBe(40);
    // Equal limits are the organisation's: the wider one binds anyway.
    expect(resolveSetting(cap, { org: 0, user: 0 }).sources).toEqual([{ scope: "org", value: 0 }]);
  });

  it("ignores scopes the key does not allow and values that fail the schema", () => {
    expect(resolveSetting(cap, { global: 5, org: 60 }).value).toBe(60);
    expect(resolveSetting(cap, { org: -1, user: 70 }).value).toBe(70);
  });
});

describe("append", () => {
  it("is the default list, attributed to the default, when nothing is stored", () => {
    expect(resolveSetting(tags, {})).toEqual({
      key: "test.tags",
      value: ["a"],
      sources: [{ scope: "default", value: ["a"] }],
    });
  });

  it("adds each scope's new items in order global → org → user and says who added what", () => {
    expect(resolveSetting(tags, { user: ["u"], global: ["g", "a"], org: ["o1", "o2"] })).toEqual({
      key: "test.tags",
      value: ["a", "g", "o1", "o2", "u"],
      sources: [
        { scope: "default", value: ["a"] },
        { scope: "global", value: ["g"] },
        { scope: "org", value: ["o1", "o2"] },
        { scope: "user", value: ["u"] },
      ],
    });
  });

  it("lists a scope that added nothing new with an empty contribution, and never repeats an item", () => {
    expect(resolveSetting(tags, { global: ["a"], org: ["b", "b"], user: ["b", "a"] })).toEqual({
      key: "test.tags",
      value: ["a", "b"],
      sources: [
        { scope: "default", value: ["a"] },
        { scope: "global", value: [] },
        { scope: "org", value: ["b"] },
        { scope: "user", value: [] },
      ],
    });
  });

  it("replaces the seeded reminder channels with the global value, ignoring scopes it does not have", () => {
    const channels = definition("lead.protection.reminder.channels");
    expect(resolveSetting(channels, { global: ["INAPP"], org: ["EMAIL"] })).toEqual({
      key: "lead.protection.reminder.channels",
      value: ["INAPP"],
      sources: [{ scope: "global", value: ["INAPP"] }],
    });
  });
});
