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
  const origin = "http://127.0.0.1:3000";

  it.each(["/x", "/", "/leads?page=2", "/settings/tokens#new", "/e2e-alpha/leads/queue?sort=-createdAt"])(
    "keeps the same-site path %s",
    (path) => {
      expect(safeCallbackPath(path)).toBe(path);
      expect(safeCallbackPath(path, origin)).toBe(path);
    },
  );

  it.each([
    // Browsers drop tab and newline characters, and read "\\" as "/": each of these is //evil.example.
    ["a tab", "/\t/evil.example"],
    ["a newline", "/\n/evil.example"],
    ["a carriage return", "/\r/evil.example"],
    ["a NUL", "/\u0000/evil.example"],
    ["a C1 control", "/\u0085/evil.example"],
    ["a leading tab", "\t//evil.example"],
    ["a backslash", "/\\evil.example"],
    ["two backslashes", "\\\\evil.example"],
    ["a backslash later on", "/leads\\..\\..\\evil"],
    ["a protocol-relative URL", "//evil.example"],
    ["a protocol-relative URL with a path", "//evil.example/e2e-alpha"],
    ["three slashes", "///evil.example"],
    ["a leading space", " //evil.example"],
    ["dot segments that end as //host", "/..//evil.example"],
    ["dot segments deeper in", "/x/../..//evil.example"],
    ["a single-dot segment", "/.//evil.example"],
    ["an absolute URL", "https://evil.example/"],
    ["an absolute URL without slashes", "https:evil.example"],
    ["an http URL", "http://evil"],
    ["credentials before the host", "http://127.0.0.1:3000@evil.example/"],
    ["another port of the same host", "http://127.0.0.1:3001/x"],
    ["javascript:", "javascript:alert(1)"],
    ["javascript: in capitals", "JavaScript:alert(document.domain)"],
    ["data:", "data:text/html,<script>alert(1)</script>"],
    ["the empty string", ""],
  ])("refuses %s", (_label, value) => {
    expect(safeCallbackPath(value)).toBe("/");
    expect(safeCallbackPath(value, origin)).toBe("/");
  });

  it.each([undefined, null, 42, ["/x"], { path: "/x" }])("refuses the non-string %j", (value) => {
    expect(safeCallbackPath(value)).toBe("/");
  });

  it("keeps an absolute URL of the app's own origin, as its path", () => {
    expect(safeCallbackPath(`${origin}/e2e-alpha/leads?page=2`, origin)).toBe("/e2e-alpha/leads?page=2");
  });

  it.each([
    // Still encoded after the query string was decoded once: a browser keeps these as path characters.
    ["/%09/evil.example", "/%09/evil.example"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/%5Cevil.example", "/%5Cevil.example"],
    ["%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["evil.example", "/evil.example"],
    ["/x/../leads", "/leads"],
    ["/leads?next=//evil.example#//evil.example", "/leads?next=//evil.example#//evil.example"],
  ])("keeps the encoded or relative %j on the app as %j", (value, path) => {
    expect(safeCallbackPath(value, origin)).toBe(path);
  });

  it("answers only paths that a browser resolves to the app's own origin", () => {
    const nasty = [
      "/\t/x",
      "//x",
      "/\\x",
      "/..//x",
      "https://x",
      "javascript:x",
      "/%09/x",
      "x",
      "?//x",
      "#//x",
    ];
    for (const value of nasty) {
      const path = safeCallbackPath(value, origin);
      expect(path, value).toMatch(/^\/(?![/\\])/);
      expect(new URL(path, origin).origin, value).toBe(origin);
    }
  });
});
