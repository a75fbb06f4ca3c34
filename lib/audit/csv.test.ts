import { describe, expect, it } from "vitest";

import {
  AUDIT_CSV_HEADER,
  auditCsvRecord,
  berlinTime,
  csvCell,
  csvRow,
  UTF8_BOM,
  type AuditCsvEvent,
} from "./csv";

describe("csvCell (RFC 4180)", () => {
  it.each([
    ["plain", "plain"],
    ["", ""],
    ["with space", "with space"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["line\nbreak", '"line\nbreak"'],
    ["carriage\rreturn", '"carriage\rreturn"'],
    ["crlf\r\n", '"crlf\r\n"'],
    ["Grüße, Köln ✓", '"Grüße, Köln ✓"'],
  ])("%j → %j", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it("writes null and undefined as empty cells, numbers and booleans as text", () => {
    expect([csvCell(null), csvCell(undefined), csvCell(42), csvCell(-1), csvCell(false)]).toEqual([
      "",
      "",
      "42",
      "-1",
      "false",
    ]);
  });
});

describe("csvCell against formula injection", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+49 30 123", "'+49 30 123"],
    ["-2", "'-2"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\t=cmd", "'\t=cmd"],
    ["\r=cmd", '"\'\r=cmd"'],
    ['=HYPERLINK("http://evil.example","x")', '"\'=HYPERLINK(""http://evil.example"",""x"")"'],
    ["=a,b", '"\'=a,b"'],
  ])("%j → %j", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it("leaves harmless text alone, also when a formula character is not the first", () => {
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell("user.password.reset")).toBe("user.password.reset");
    expect(csvCell(" =1")).toBe(" =1");
  });
});

describe("csvRow", () => {
  it("joins cells with commas and ends with CRLF", () => {
    expect(csvRow(["a", "b,c", null, "=x"])).toBe('a,"b,c",,\'=x\r\n');
  });

  it("has a BOM that Excel recognises as UTF-8", () => {
    expect(new TextEncoder().encode(UTF8_BOM)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });
});

describe("berlinTime", () => {
  it("is Berlin wall-clock time, summer and winter", () => {
    expect(berlinTime(new Date("2026-07-01T10:00:00Z"))).toBe("2026-07-01 12:00:00");
    expect(berlinTime(new Date("2026-11-29T23:30:05Z"))).toBe("2026-11-30 00:30:05");
  });
});

describe("auditCsvRecord", () => {
  const event: AuditCsvEvent = {
    id: "7",
    createdAt: new Date("2026-11-29T09:15:00.123Z"),
    actorType: "user",
    actorId: "u-1",
    action: "token.created",
    resourceType: "api_token",
    resourceId: "t-1",
    requestId: "req-1",
    ip: "203.0.113.9",
    before: null,
    after: { name: "=cmd|' /C calc'!A0", expiresAt: null },
    prevHash: "0".repeat(64),
    hash: "a".repeat(64),
  };

  it("has one value per header column, with the member's name and JSON values", () => {
    const record = auditCsvRecord(event, new Map([["u-1", "Ada Admin"]]));
    expect(record).toHaveLength(AUDIT_CSV_HEADER.length);
    const byColumn = Object.fromEntries(AUDIT_CSV_HEADER.map((h, i) => [h, record[i]]));
    expect(byColumn).toMatchObject({
      id: "7",
      time_utc: "2026-11-29T09:15:00.123Z",
      time_europe_berlin: "2026-11-29 10:15:00",
      actor_name: "Ada Admin",
      before: "",
      after: '{"name":"=cmd|\' /C calc\'!A0","expiresAt":null}',
    });
  });

  it("guards text columns; JSON columns start with { or a quote, never a formula", () => {
    const record = auditCsvRecord({ ...event, action: "=evil", resourceId: "@x", after: "=1+2" }, new Map());
    const row = csvRow(record);
    expect(row).toContain(",'=evil,");
    expect(row).toContain(",'@x,");
    expect(record[12]).toBe('"=1+2"');
    expect(row).toContain(',"""=1+2""",');
  });

  it("leaves the actor name empty for tokens, the system and unknown users", () => {
    const name = (e: Partial<typeof event>) => auditCsvRecord({ ...event, ...e }, new Map())[5];
    expect([name({ actorType: "token" }), name({ actorType: "system", actorId: null }), name({})]).toEqual([
      "",
      "",
      "",
    ]);
  });
});
