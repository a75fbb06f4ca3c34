import { describe, expect, it } from "vitest";

import { backupsToKeep, isoWeek } from "./backup-retention";

// A nightly backup for 400 days, and a few extra ones taken by hand: which survive retention.
const DAY = 86_400_000;
const now = Date.parse("2026-12-07T02:00:00Z");
const nightly = Array.from({ length: 400 }, (_, i) => ({
  id: `n${i}`,
  startedAt: new Date(now - i * DAY),
}));
const byHand = { id: "manual-today", startedAt: new Date(now + 3_600_000) };

describe("backupsToKeep", () => {
  it("keeps 7 daily, 4 weekly and 12 monthly: the newest of each day, ISO week and month", () => {
    const keep = backupsToKeep(nightly, { daily: 7, weekly: 4, monthly: 12 });
    const days = nightly.filter((b) => keep.has(b.id)).map((b) => b.startedAt.toISOString().slice(0, 10));
    expect(days).toEqual([
      // 7 days: Monday 12-07 back to Tuesday 12-01.
      ...["12-07", "12-06", "12-05", "12-04", "12-03", "12-02", "12-01"].map((d) => `2026-${d}`),
      // The weeks W50 (12-07) and W49 (12-06) are kept already; W48 (11-29) and W47 (11-22) add
      // theirs; the months add each month's last night back to January (December's is 12-07).
      "2026-11-30", // November's last night
      "2026-11-29",
      "2026-11-22",
      ...["10-31", "09-30", "08-31", "07-31", "06-30", "05-31", "04-30", "03-31", "02-28", "01-31"].map(
        (d) => `2026-${d}`,
      ),
    ]);
  });

  it("keeps only the newest of a day, the one taken by hand included", () => {
    const keep = backupsToKeep([byHand, ...nightly.slice(0, 3)], { daily: 2, weekly: 0, monthly: 0 });
    expect([...keep].sort()).toEqual(["manual-today", "n1"]);
  });

  it("never prunes the newest good backup nor a protected one, whatever the policy", () => {
    expect([...backupsToKeep(nightly, { daily: 0, weekly: 0, monthly: 0 })]).toEqual(["n0"]);
    expect([...backupsToKeep(nightly, { daily: 0, weekly: 0, monthly: 0 }, ["n99", "gone"])].sort()).toEqual([
      "n0",
      "n99",
    ]);
    expect(backupsToKeep([], { daily: 7, weekly: 4, monthly: 12 }).size).toBe(0);
  });

  it("reads ISO weeks across a year's end", () => {
    expect(isoWeek(new Date("2026-12-07T00:00:00Z"))).toBe("2026-W50");
    expect(isoWeek(new Date("2027-01-01T00:00:00Z"))).toBe("2026-W53");
    expect(isoWeek(new Date("2025-12-29T00:00:00Z"))).toBe("2026-W01");
  });
});
