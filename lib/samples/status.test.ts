import { describe, expect, it } from "vitest";

import { BOX_STATUSES } from "./schemas";
import { isLegalMove, NEXT_STATUSES } from "./status";

describe("a sample box's status", () => {
  it("moves forward one step along CONFIGURED → SHIPPED → DELIVERED → IN_TEST → FEEDBACK → DECIDED", () => {
    const path = ["CONFIGURED", "SHIPPED", "DELIVERED", "IN_TEST", "FEEDBACK", "DECIDED"] as const;
    for (let i = 0; i + 1 < path.length; i++) expect(isLegalMove(path[i], path[i + 1])).toBe(true);
    expect(isLegalMove("CONFIGURED", "DELIVERED")).toBe(false);
    expect(isLegalMove("SHIPPED", "IN_TEST")).toBe(false);
    expect(isLegalMove("FEEDBACK", "IN_TEST")).toBe(false);
  });

  it("can be cancelled until it is decided, and nothing follows DECIDED or CANCELLED", () => {
    for (const from of BOX_STATUSES.filter((s) => s !== "DECIDED" && s !== "CANCELLED"))
      expect(isLegalMove(from, "CANCELLED")).toBe(true);
    expect(NEXT_STATUSES.DECIDED).toEqual([]);
    expect(NEXT_STATUSES.CANCELLED).toEqual([]);
  });

  it("lets an answer arrive for a delivered box nobody marked in test", () => {
    expect(isLegalMove("DELIVERED", "FEEDBACK")).toBe(true);
  });
});
