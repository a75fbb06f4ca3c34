import { describe, expect, it } from "vitest";

import { auditQueryString, filterFormValues, parseAuditSearch, searchParamsRecord } from "./schemas";

const USER = "user:0b7e2f4c-8d7a-4c61-9f3e-2a1b3c4d5e6f";

describe("parseAuditSearch", () => {
  it("reads no filter from an empty URL, and blank fields as absent", () => {
    expect(parseAuditSearch({})).toEqual({ ok: true, filter: {}, cursor: {} });
    expect(parseAuditSearch(new URLSearchParams("actor=&action=%20&from=&to="))).toEqual({
      ok: true,
      filter: {},
      cursor: {},
    });
  });

  it("reads every filter and the cursor, trimmed, lowercasing actor and action", () => {
    const result = parseAuditSearch(
      new URLSearchParams({
        actor: USER.toUpperCase().replace("USER", "user"),
        action: " Token. ",
        resourceType: "api_token",
        resourceId: " 42 ",
        from: "2026-11-01T08:00",
        to: "2026-11-30T17:45",
        before: "120",
      }),
    );
    expect(result).toEqual({
      ok: true,
      filter: {
        actor: USER,
        action: "token.",
        resourceType: "api_token",
        resourceId: "42",
        from: "2026-11-01T08:00",
        to: "2026-11-30T17:45",
      },
      cursor: { before: "120" },
    });
  });

  it("takes a bare date as the whole day", () => {
    const result = parseAuditSearch({ from: "2026-11-01", to: "2026-11-02" });
    expect(result.ok && result.filter).toEqual({ from: "2026-11-01T00:00", to: "2026-11-02T23:59" });
  });

  it("accepts system and token actors", () => {
    expect(parseAuditSearch({ actor: "system" }).ok).toBe(true);
    expect(parseAuditSearch({ actor: USER.replace("user:", "token:") }).ok).toBe(true);
  });

  it("keeps a parameter named __proto__ as data, never as the record's prototype", () => {
    const record = searchParamsRecord(new URLSearchParams("__proto__=x&action=lead"));
    expect(Object.getPrototypeOf(record)).toBeNull();
    expect(Object.entries(record)).toEqual([
      ["__proto__", ["x"]],
      ["action", ["lead"]],
    ]);
    expect(parseAuditSearch(new URLSearchParams("__proto__=x&action=lead"))).toMatchObject({
      ok: true,
      filter: { action: "lead" },
    });
  });

  it("uses the first of repeated params", () => {
    const result = parseAuditSearch(new URLSearchParams("action=lead&action=token"));
    expect(result.ok && result.filter.action).toBe("lead");
  });

  it.each([
    [{ actor: "admin" }, "actor"],
    [{ actor: "user:not-a-uuid" }, "actor"],
    [{ action: "lead%" }, "action"],
    [{ action: "x".repeat(101) }, "action"],
    [{ from: "yesterday" }, "from"],
    [{ from: "2026-02-30" }, "from"],
    [{ to: "2026-11-01T24:00" }, "to"],
    [{ from: "2026-11-02", to: "2026-11-01" }, "to"],
    [{ before: "0" }, "before"],
    [{ after: "1; DROP TABLE audit_event" }, "after"],
    [{ resourceId: "x".repeat(201) }, "resourceId"],
  ])("refuses %j (field %s)", (params, field) => {
    const result = parseAuditSearch(params);
    expect(result.ok).toBe(false);
    expect(!result.ok && Object.keys(result.fieldErrors)).toEqual([field]);
  });
});

describe("filterFormValues", () => {
  it("shows the parsed filter when it is valid, the raw values otherwise", () => {
    const params = { from: "2026-11-01", action: "LEAD", resourceId: ["a", "b"] };
    const parsed = parseAuditSearch(params);
    expect(filterFormValues(params, parsed.ok ? parsed.filter : undefined)).toEqual({
      actor: "",
      action: "lead",
      resourceType: "",
      resourceId: "a",
      from: "2026-11-01T00:00",
      to: "",
    });
    expect(filterFormValues({ from: " nonsense " })).toMatchObject({ from: "nonsense", action: "" });
  });
});

describe("auditQueryString", () => {
  it("writes only what is set, and round-trips through parseAuditSearch", () => {
    const filter = { actor: "system", action: "user.", from: "2026-11-01T00:00" };
    const query = auditQueryString(filter, { before: "99" });
    expect(query).toBe("?actor=system&action=user.&from=2026-11-01T00%3A00&before=99");
    expect(parseAuditSearch(new URLSearchParams(query.slice(1)))).toEqual({
      ok: true,
      filter,
      cursor: { before: "99" },
    });
    expect(auditQueryString({})).toBe("");
  });
});
