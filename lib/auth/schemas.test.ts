import { describe, expect, it } from "vitest";

import { ZCreateToken, ZOrgSlug, safeCallbackPath } from "./schemas";

describe("ZOrgSlug", () => {
  it.each(["a", "acme", "acme-gmbh", "frische-2024", "0", "a1", "a".repeat(48)])("accepts %s", (slug) => {
    expect(ZOrgSlug.parse(slug)).toBe(slug);
  });

  it("trims surrounding whitespace", () => {
    expect(ZOrgSlug.parse("  acme  ")).toBe("acme");
  });

  it.each([
    ["empty", ""],
    ["upper case", "Acme"],
    ["leading hyphen", "-acme"],
    ["trailing hyphen", "acme-"],
    ["underscore", "acme_gmbh"],
    ["space inside", "acme gmbh"],
    ["umlaut", "bäckerei"],
    ["dot", "acme.de"],
    ["slash", "acme/x"],
    ["49 characters", "a".repeat(49)],
  ])("refuses %s", (_label, slug) => {
    expect(ZOrgSlug.safeParse(slug).success).toBe(false);
  });

  it.each(["api", "login", "logout", "feedback", "_next", "static", "public", "admin"])(
    "refuses the reserved slug %s",
    (slug) => {
      const result = ZOrgSlug.safeParse(slug);
      expect(result.success).toBe(false);
    },
  );

  it("says why a reserved slug is refused", () => {
    const result = ZOrgSlug.safeParse("admin");
    expect(result.error?.issues.map((i) => i.message)).toEqual(["this slug is reserved"]);
  });
});

describe("ZCreateToken", () => {
  it.each([
    ["never", null],
    ["", null],
    [null, null],
    ["30", 30],
    [30, 30],
    ["1", 1],
    ["366", 366],
  ])("expiresInDays %j → %j", (expiresInDays, expected) => {
    expect(ZCreateToken.parse({ name: "ci", expiresInDays }).expiresInDays).toBe(expected);
  });

  it("defaults to 90 days", () => {
    expect(ZCreateToken.parse({ name: "ci" })).toEqual({ name: "ci", expiresInDays: 90 });
  });

  it.each([0, -1, 367, "400", 1.5, "abc", "30 days"])("refuses expiresInDays %j", (expiresInDays) => {
    const result = ZCreateToken.safeParse({ name: "ci", expiresInDays });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["expiresInDays"]);
  });

  it("wants a name of 1–100 characters, trimmed", () => {
    expect(ZCreateToken.parse({ name: "  deploy  " }).name).toBe("deploy");
    expect(ZCreateToken.safeParse({ name: "   " }).success).toBe(false);
    expect(ZCreateToken.safeParse({ name: "x".repeat(101) }).success).toBe(false);
    expect(ZCreateToken.safeParse({}).success).toBe(false);
  });
});

describe("safeCallbackPath", () => {
  it.each(["/x", "/", "/leads?page=2", "/settings/tokens#new"])("keeps the same-site path %s", (path) => {
    expect(safeCallbackPath(path)).toBe(path);
  });

  it.each([
    "//evil.example",
    "//evil",
    "https://evil.example/",
    "http://evil",
    "/\\evil.example",
    "\\\\evil",
    "javascript:alert(1)",
    "evil",
    "",
  ])("refuses %j", (value) => {
    expect(safeCallbackPath(value)).toBe("/");
  });

  it.each([undefined, null, 42, ["/x"], { path: "/x" }])("refuses the non-string %j", (value) => {
    expect(safeCallbackPath(value)).toBe("/");
  });
});
