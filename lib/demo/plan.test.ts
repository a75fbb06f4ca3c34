import { describe, expect, it } from "vitest";

import { demoLeadPlan } from "./plan";

const NOW = new Date("2026-12-07T15:00:00Z");

describe("the demo's lead plan", () => {
  it("is the same for the same day, with its ids independent of the time of day", () => {
    expect(demoLeadPlan(NOW, 4)).toEqual(demoLeadPlan(NOW, 4));
    const later = demoLeadPlan(new Date(NOW.getTime() + 5 * 3_600_000), 4);
    expect(later.map((l) => l.id)).toEqual(demoLeadPlan(NOW, 4).map((l) => l.id));
  });

  it("draws 200 distinct companies, never in the future, with every kind of case", () => {
    const plan = demoLeadPlan(NOW, 4);
    expect(plan).toHaveLength(200);
    expect(new Set(plan.map((l) => `${l.companyName}|${l.city}`)).size).toBe(200);
    expect(new Set(plan.flatMap((l) => [l.id, l.assignmentId, ...l.activities.map((a) => a.id)])).size).toBe(
      plan.reduce((n, l) => n + 2 + l.activities.length, 0),
    );
    for (const lead of plan) {
      for (const a of lead.activities) {
        expect(a.at <= NOW && a.at >= lead.assignedAt, lead.companyName).toBe(true);
      }
      if (lead.collaborator) expect(lead.collaborator.partner).not.toBe(lead.owner);
    }
    const outcomes = plan.flatMap((l) => (l.extension ? [l.extension.outcome] : []));
    expect(new Set(outcomes)).toEqual(new Set(["pending", "escalated", "approved"]));
    expect(plan.filter((l) => l.hold && !l.hold.endAt).length).toBeGreaterThan(0);
    expect(new Set(plan.map((l) => l.owner))).toEqual(new Set([0, 1, 2, 3]));
  });
});
