import { describe, expect, it } from "vitest";

import { demoRefusal } from "./guard";

const facts = { nodeEnv: "development" as const, allow: false, seeded: false, foreignLeads: 0 };

describe("the demo seed's guard", () => {
  it("runs on a fresh or an already seeded demo database", () => {
    expect(demoRefusal(facts)).toBeNull();
    expect(demoRefusal({ ...facts, seeded: true, foreignLeads: 12 })).toBeNull();
  });

  it("refuses in production and where the organisation holds other data, unless allowed", () => {
    expect(demoRefusal({ ...facts, nodeEnv: "production" })).toMatch(/NODE_ENV is production/);
    expect(demoRefusal({ ...facts, foreignLeads: 3 })).toMatch(/3 leads the demo did not make/);
    expect(demoRefusal({ ...facts, nodeEnv: "production", foreignLeads: 3, allow: true })).toBeNull();
  });
});
