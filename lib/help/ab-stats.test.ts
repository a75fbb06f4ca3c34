import { describe, expect, it } from "vitest";

import {
  assignArm,
  decideStop,
  expectedLoss,
  logGamma,
  probabilityGreater,
  probabilityToBeat,
  sampleRatioCheck,
  upperGammaQ,
  type Arm,
} from "./ab-stats";

// The A/B statistics against values known in closed form, tables, and a seeded Monte Carlo.

/** mulberry32: a small seeded generator, so the Monte Carlo reference is the same on every run. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Gamma(shape ≥ 1) by Marsaglia–Tsang, normals by Box–Muller; Beta as a ratio of gammas. */
function betaSampler(random: () => number) {
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const gamma = (shape: number): number => {
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = normal();
      const v = (1 + c * x) ** 3;
      if (v <= 0) continue;
      const u = random();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
    }
  };
  return (a: number, b: number) => {
    const x = gamma(a);
    return x / (x + gamma(b));
  };
}

function monteCarlo(variant: Arm, control: Arm, draws: number) {
  const beta = betaSampler(seeded(20261207));
  let wins = 0;
  let loss = 0;
  for (let i = 0; i < draws; i += 1) {
    const v = beta(1 + variant.conversions, 1 + variant.exposures - variant.conversions);
    const c = beta(1 + control.conversions, 1 + control.exposures - control.conversions);
    if (v > c) wins += 1;
    else loss += c - v;
  }
  return { probability: wins / draws, loss: loss / draws };
}

describe("the special functions", () => {
  it("ln Γ matches factorials and Γ(1/2) = √π", () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(101)).toBeCloseTo(363.73937555556347, 9);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
  });

  it("the chi-square tail matches the tables", () => {
    expect(upperGammaQ(0.5, 3.841459 / 2)).toBeCloseTo(0.05, 6);
    expect(upperGammaQ(0.5, 10.827566 / 2)).toBeCloseTo(0.001, 7);
    expect(upperGammaQ(1, 5.991465 / 2)).toBeCloseTo(0.05, 6);
    expect(upperGammaQ(1.5, 7.814728 / 2)).toBeCloseTo(0.05, 6);
    expect(upperGammaQ(2, 0)).toBe(1);
  });
});

describe("Beta-Binomial comparisons", () => {
  it("P(Beta(2,1) > Beta(1,1)) is 2/3, and the loss of choosing Beta(2,1) over a uniform is 1/12", () => {
    expect(probabilityGreater(2, 1, 1, 1)).toBeCloseTo(2 / 3, 12);
    expect(probabilityToBeat({ exposures: 1, conversions: 1 }, { exposures: 0, conversions: 0 })).toBeCloseTo(
      2 / 3,
      12,
    );
    expect(expectedLoss({ exposures: 1, conversions: 1 }, { exposures: 0, conversions: 0 })).toBeCloseTo(
      1 / 12,
      12,
    );
  });

  it("equal arms are a coin toss; the probabilities of both orders add up to one", () => {
    const arm = { exposures: 400, conversions: 120 };
    expect(probabilityToBeat(arm, arm)).toBeCloseTo(0.5, 10);
    const a = { exposures: 1000, conversions: 100 };
    const b = { exposures: 1000, conversions: 130 };
    expect(probabilityToBeat(a, b) + probabilityToBeat(b, a)).toBeCloseTo(1, 10);
  });

  it("agrees with a seeded Monte Carlo of 200 000 draws to half a point", () => {
    const cases: [Arm, Arm][] = [
      [
        { exposures: 1000, conversions: 130 },
        { exposures: 1000, conversions: 100 },
      ],
      [
        { exposures: 250, conversions: 40 },
        { exposures: 260, conversions: 52 },
      ],
      [
        { exposures: 50, conversions: 9 },
        { exposures: 48, conversions: 7 },
      ],
    ];
    for (const [variant, control] of cases) {
      const reference = monteCarlo(variant, control, 200_000);
      expect(Math.abs(probabilityToBeat(variant, control) - reference.probability)).toBeLessThan(0.005);
      expect(Math.abs(expectedLoss(variant, control) - reference.loss)).toBeLessThan(0.0005);
    }
  });

  it("a clearly better variant is almost surely better, with almost no loss", () => {
    const control = { exposures: 2000, conversions: 200 };
    const variant = { exposures: 2000, conversions: 300 };
    expect(probabilityToBeat(variant, control)).toBeGreaterThan(0.9999);
    expect(expectedLoss(variant, control)).toBeLessThan(1e-6);
    expect(expectedLoss(control, variant)).toBeCloseTo(0.05, 2);
  });
});

describe("sample-ratio mismatch", () => {
  it("passes a split as planned and one off by chance, and flags one off by more than chance", () => {
    expect(sampleRatioCheck([1000, 1000], [1, 1])).toMatchObject({
      chiSquare: 0,
      pValue: 1,
      mismatch: false,
    });
    const chance = sampleRatioCheck([5000, 4800], [1, 1]);
    expect(chance.chiSquare).toBeCloseTo(4.0816, 3);
    expect(chance.pValue).toBeCloseTo(0.04335, 4);
    expect(chance.mismatch).toBe(false);
    const broken = sampleRatioCheck([5000, 4600], [1, 1]);
    expect(broken.pValue).toBeLessThan(0.001);
    expect(broken.mismatch).toBe(true);
    // A planned 80/20 split measured as 80/20 is fine; as 50/50 it is not.
    expect(sampleRatioCheck([800, 200], [4, 1]).mismatch).toBe(false);
    expect(sampleRatioCheck([500, 500], [4, 1]).mismatch).toBe(true);
  });
});

describe("assignment", () => {
  it("is sticky per experiment and reader, differs between experiments, and follows the weights", () => {
    expect(assignArm("exp-1", "user-42", [1, 1])).toBe(assignArm("exp-1", "user-42", [1, 1]));
    const counts = [0, 0, 0];
    let moved = 0;
    for (let i = 0; i < 20_000; i += 1) {
      const arm = assignArm("exp-1", `user-${i}`, [2, 1, 1]);
      counts[arm] += 1;
      if (assignArm("exp-2", `user-${i}`, [2, 1, 1]) !== arm) moved += 1;
    }
    expect(counts[0] / 20_000).toBeCloseTo(0.5, 1);
    expect(counts[1] / 20_000).toBeCloseTo(0.25, 1);
    expect(counts[2] / 20_000).toBeCloseTo(0.25, 1);
    expect(sampleRatioCheck(counts, [2, 1, 1]).mismatch).toBe(false);
    // Another experiment assigns independently: about 1 − (½² + ¼² + ¼²) = 62.5 % land elsewhere.
    expect(moved / 20_000).toBeCloseTo(0.625, 1);
  });
});

describe("the stop rule", () => {
  const rule = { minExposuresPerArm: 500, winProbability: 0.95, endsAt: new Date("2026-12-31T00:00:00Z") };
  const now = new Date("2026-12-10T00:00:00Z");

  it("keeps collecting below the minimum sample, however clear the counts", () => {
    const arms = [
      { exposures: 100, conversions: 5 },
      { exposures: 100, conversions: 40 },
    ];
    expect(decideStop(arms, rule, now)).toEqual({ stop: false, reason: "collecting" });
  });

  it("calls the best variant above the threshold, control when every variant is clearly worse", () => {
    const control = { exposures: 1000, conversions: 100 };
    expect(
      decideStop(
        [control, { exposures: 1000, conversions: 105 }, { exposures: 1000, conversions: 140 }],
        rule,
        now,
      ),
    ).toEqual({ stop: true, reason: "winner", winner: 2 });
    expect(decideStop([control, { exposures: 1000, conversions: 60 }], rule, now)).toEqual({
      stop: true,
      reason: "winner",
      winner: 0,
    });
  });

  it("stays undecided in between, and ends without a winner when its time is up", () => {
    const arms = [
      { exposures: 1000, conversions: 100 },
      { exposures: 1000, conversions: 108 },
    ];
    expect(decideStop(arms, rule, now)).toEqual({ stop: false, reason: "undecided" });
    expect(decideStop(arms, rule, new Date("2026-12-31T00:00:00Z"))).toEqual({
      stop: true,
      reason: "max_duration",
      winner: null,
    });
  });
});
