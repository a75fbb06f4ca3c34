import { describe, expect, it } from "vitest";

import { inngestCron, nextRunAt } from "./schedule";

const at = (iso: string) => new Date(iso);
const next = (cron: string, after: string) => nextRunAt(cron, at(after))?.toISOString();

describe("nextRunAt reads cron in Europe/Berlin", () => {
  it("runs a daily 03:30 job at 02:30 UTC in winter (CET) and 01:30 UTC in summer (CEST)", () => {
    expect(next("30 3 * * *", "2026-01-15T12:00:00Z")).toBe("2026-01-16T02:30:00.000Z");
    expect(next("30 3 * * *", "2026-07-15T12:00:00Z")).toBe("2026-07-16T01:30:00.000Z");
  });

  it("does not return the instant it starts from (exclusive), but the next one", () => {
    expect(next("30 3 * * *", "2026-01-16T02:30:00Z")).toBe("2026-01-17T02:30:00.000Z");
    expect(next("30 3 * * *", "2026-01-16T02:29:59.999Z")).toBe("2026-01-16T02:30:00.000Z");
  });

  it("moves with the switch to summer time: 03:30 on 29 March 2026 is 01:30 UTC", () => {
    expect(next("30 3 * * *", "2026-03-28T12:00:00Z")).toBe("2026-03-29T01:30:00.000Z");
  });

  it("runs a time inside the spring-forward gap (02:30 does not exist) right after it, once", () => {
    expect(next("30 2 * * *", "2026-03-28T12:00:00Z")).toBe("2026-03-29T01:00:00.000Z");
    expect(next("30 2 * * *", "2026-03-29T01:00:00Z")).toBe("2026-03-30T00:30:00.000Z");
  });

  it("runs a time that occurs twice in autumn (02:30 on 25 October 2026) once, at the first", () => {
    expect(next("30 2 * * *", "2026-10-24T12:00:00Z")).toBe("2026-10-25T00:30:00.000Z");
    expect(next("30 2 * * *", "2026-10-25T00:30:00Z")).toBe("2026-10-26T01:30:00.000Z");
  });

  it("keeps an every-15-minutes job on the quarter hours, through the autumn switch too", () => {
    expect(next("*/15 * * * *", "2026-01-15T10:07:13Z")).toBe("2026-01-15T10:15:00.000Z");
    expect(next("*/15 * * * *", "2026-01-15T10:45:00Z")).toBe("2026-01-15T11:00:00.000Z");
    // 02:45 CEST, then the clock goes back to 02:00 CET: still every 15 minutes of real time.
    expect(next("*/15 * * * *", "2026-10-25T00:45:00Z")).toBe("2026-10-25T01:00:00.000Z");
  });

  it("refuses a pattern or a time zone that is not valid", () => {
    expect(() => nextRunAt("61 * * * *", at("2026-01-01T00:00:00Z"))).toThrow();
    expect(() => nextRunAt("*/15 * * * *", at("2026-01-01T00:00:00Z"), "Mars/Olympus_Mons")).toThrow();
  });
});

describe("inngestCron", () => {
  it("puts the time zone into the cron string, as Inngest takes it", () => {
    expect(inngestCron("30 3 * * *")).toBe("TZ=Europe/Berlin 30 3 * * *");
  });
});
