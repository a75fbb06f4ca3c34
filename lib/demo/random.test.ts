import { describe, expect, it } from "vitest";

import { dice } from "./random";

describe("the demo's dice", () => {
  it("draw the same numbers and ids from the same seed, and others from another", () => {
    const draw = (seed: number) => {
      const d = dice(seed);
      return [d.next(), d.int(1, 6), d.uuid(), d.pick(["a", "b", "c"])];
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it("stay in their ranges and make UUIDs PostgreSQL accepts", () => {
    const d = dice(1);
    for (let i = 0; i < 1000; i++) {
      const n = d.int(3, 5);
      expect(n >= 3 && n <= 5).toBe(true);
      expect(d.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });
});
