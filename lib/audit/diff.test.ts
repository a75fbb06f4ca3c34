import { describe, expect, it } from "vitest";

import { diffValues } from "./diff";

describe("diffValues", () => {
  it("marks changed, added, removed and unchanged fields, sorted by path", () => {
    expect(
      diffValues({ active: true, name: "A", gone: 1 }, { active: false, name: "A", role: "admin" }),
    ).toEqual([
      { path: "active", kind: "changed", before: "true", after: "false" },
      { path: "gone", kind: "removed", before: "1", after: undefined },
      { path: "name", kind: "unchanged", before: "A", after: "A" },
      { path: "role", kind: "added", before: undefined, after: "admin" },
    ]);
  });

  it("flattens nested objects to dotted paths and compares arrays whole", () => {
    expect(diffValues({ a: { b: 1, c: [1, 2] } }, { a: { b: 2, c: [1, 2] } })).toEqual([
      { path: "a.b", kind: "changed", before: "1", after: "2" },
      { path: "a.c", kind: "unchanged", before: "[1,2]", after: "[1,2]" },
    ]);
  });

  it("shows only after for a creation, and null as a value", () => {
    expect(diffValues(null, { name: "ERP", expiresAt: null })).toEqual([
      { path: "expiresAt", kind: "added", before: undefined, after: "null" },
      { path: "name", kind: "added", before: undefined, after: "ERP" },
    ]);
  });

  it("has no lines when neither side is recorded", () => {
    expect(diffValues(null, null)).toEqual([]);
    expect(diffValues(undefined, undefined)).toEqual([]);
  });

  it("treats a scalar value as the single field ''", () => {
    expect(diffValues("a", "b")).toEqual([{ path: "", kind: "changed", before: "a", after: "b" }]);
  });
});
