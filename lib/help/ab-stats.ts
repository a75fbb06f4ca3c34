import { createHash } from "node:crypto";

/**
 * The statistics of help A/B tests (issue 14): which version a reader sees, and what the counts
 * say. Pure functions, no database: the experiment service feeds them counts.
 *
 * - Assignment: deterministic per experiment and reader (a hash), so a reader sees the same version
 *   on every visit and on every instance, with no stored row needed to stay sticky.
 * - Conversions are Beta-Binomial with a uniform prior, Beta(1 + conversions, 1 + misses): the
 *   probability that a variant beats control and the expected loss of choosing it, both in closed
 *   form (exact sums, no sampling), so the figures are the same on every page view.
 * - Sample-ratio mismatch: Pearson's chi-square of the exposures against the planned split.
 */

export interface Arm {
  exposures: number;
  conversions: number;
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9: ~15 significant digits). */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = c[0];
  for (let i = 1; i < 9; i += 1) sum += c[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

const logBeta = (a: number, b: number) => logGamma(a) + logGamma(b) - logGamma(a + b);

/**
 * P(X > Y) for X ~ Beta(aX, bX), Y ~ Beta(aY, bY), aX a whole number (Evan Miller's closed form,
 * summed in log space): exact, in aX steps.
 */
export function probabilityGreater(aX: number, bX: number, aY: number, bY: number): number {
  if (!Number.isInteger(aX) || aX < 1) throw new RangeError("aX must be a whole number ≥ 1");
  let total = 0;
  for (let i = 0; i < aX; i += 1) {
    total += Math.exp(logBeta(aY + i, bY + bX) - Math.log(bX + i) - logBeta(1 + i, bX) - logBeta(aY, bY));
  }
  return Math.min(1, Math.max(0, total));
}

const posterior = (arm: Arm) => ({ a: 1 + arm.conversions, b: 1 + arm.exposures - arm.conversions });

/** The probability that the variant's conversion rate is higher than control's. */
export function probabilityToBeat(variant: Arm, control: Arm): number {
  const v = posterior(variant);
  const c = posterior(control);
  return probabilityGreater(v.a, v.b, c.a, c.b);
}

/**
 * The expected loss of choosing the variant, E[max(p_control − p_variant, 0)], in conversion-rate
 * points (0.01 = one percentage point). With E[p·1{p > q}] = E[p] · P(p' > q), p' the size-biased
 * Beta(a + 1, b), it is a difference of two probabilities of the kind above.
 */
export function expectedLoss(variant: Arm, control: Arm): number {
  const v = posterior(variant);
  const c = posterior(control);
  // E[p_control · 1{control ahead}] − E[p_variant · 1{control ahead}]
  const controlWhenAhead = (c.a / (c.a + c.b)) * probabilityGreater(c.a + 1, c.b, v.a, v.b);
  const variantWhenBehind = (v.a / (v.a + v.b)) * probabilityGreater(c.a, c.b, v.a + 1, v.b);
  return Math.max(0, controlWhenAhead - variantWhenBehind);
}

/** Regularised upper incomplete gamma Q(s, x) (series below s + 1, continued fraction above). */
export function upperGammaQ(s: number, x: number): number {
  if (x <= 0) return 1;
  const logPrefix = -x + s * Math.log(x) - logGamma(s);
  if (x < s + 1) {
    let term = 1 / s;
    let sum = term;
    for (let n = 1; n < 1000 && Math.abs(term) > Math.abs(sum) * 1e-15; n += 1) {
      term *= x / (s + n);
      sum += term;
    }
    return Math.max(0, 1 - sum * Math.exp(logPrefix));
  }
  // Lentz's continued fraction for Γ(s, x).
  const tiny = 1e-300;
  let b = x + 1 - s;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i += 1) {
    const an = -i * (i - s);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.min(1, Math.exp(logPrefix) * h);
}

export interface SampleRatioCheck {
  chiSquare: number;
  degreesOfFreedom: number;
  pValue: number;
  /** p < 0.001: the split differs from the plan by more than chance explains. */
  mismatch: boolean;
}

export const SRM_THRESHOLD = 0.001;

/**
 * Sample-ratio mismatch: are the exposures split as planned (`weights`, any positive numbers)? A
 * mismatch means something decides who sees which version besides the hash (a version that fails to
 * render, a cache, bots), and the conversions cannot be compared until it is found.
 */
export function sampleRatioCheck(exposures: readonly number[], weights: readonly number[]): SampleRatioCheck {
  if (exposures.length !== weights.length || exposures.length < 2) {
    throw new RangeError("one weight per arm, at least two arms");
  }
  const total = exposures.reduce((s, n) => s + n, 0);
  const weightSum = weights.reduce((s, w) => s + w, 0);
  let chiSquare = 0;
  for (let i = 0; i < exposures.length; i += 1) {
    const expected = (total * weights[i]) / weightSum;
    if (expected > 0) chiSquare += (exposures[i] - expected) ** 2 / expected;
  }
  const degreesOfFreedom = exposures.length - 1;
  const pValue = total === 0 ? 1 : upperGammaQ(degreesOfFreedom / 2, chiSquare / 2);
  return { chiSquare, degreesOfFreedom, pValue, mismatch: pValue < SRM_THRESHOLD };
}

/** Which arm (index into `weights`) a reader sees: a hash of experiment and reader, sticky. */
export function assignArm(experimentId: string, readerId: string, weights: readonly number[]): number {
  const digest = createHash("sha256").update(`${experimentId}:${readerId}`).digest();
  const point = digest.readUInt32BE(0) / 2 ** 32;
  const weightSum = weights.reduce((s, w) => s + w, 0);
  let cumulative = 0;
  for (let i = 0; i < weights.length; i += 1) {
    cumulative += weights[i] / weightSum;
    if (point < cumulative) return i;
  }
  return weights.length - 1;
}

export interface StopRule {
  /** Exposures every arm needs before a winner may be called. */
  minExposuresPerArm: number;
  /** The probability to beat control (or, for control, to beat every variant) that calls a winner. */
  winProbability: number;
  /** The experiment ends at this moment whatever the counts. */
  endsAt: Date;
}

export type StopDecision =
  | { stop: false; reason: "collecting" | "undecided" }
  | { stop: true; reason: "winner"; winner: number }
  | { stop: true; reason: "max_duration"; winner: number | null };

/**
 * Whether the experiment ends now, arm 0 being control: a variant wins when every arm has its
 * minimum sample and its probability to beat control reaches the threshold (the best such variant);
 * control wins when every variant's probability is at most 1 − threshold. At the end of its time
 * it stops with the leader, if one reached the threshold, else with no winner.
 */
export function decideStop(arms: readonly Arm[], rule: StopRule, now: Date): StopDecision {
  const [control, ...variants] = arms;
  const probabilities = variants.map((v) => probabilityToBeat(v, control));
  const enough = arms.every((a) => a.exposures >= rule.minExposuresPerArm);
  let winner: number | null = null;
  if (enough) {
    const best = probabilities.reduce((top, p, i) => (p > probabilities[top] ? i : top), 0);
    if (probabilities[best] >= rule.winProbability) winner = best + 1;
    else if (probabilities.every((p) => p <= 1 - rule.winProbability)) winner = 0;
  }
  if (winner !== null) return { stop: true, reason: "winner", winner };
  if (now >= rule.endsAt) return { stop: true, reason: "max_duration", winner: null };
  return { stop: false, reason: enough ? "undecided" : "collecting" };
}
