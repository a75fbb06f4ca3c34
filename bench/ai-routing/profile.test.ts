import { describe, expect, it } from "vitest";

import { calibratedConfidence, labelProbability } from "@/lib/ai/confidence";
import { AI_TIERS, type TAiTier } from "@/lib/ai/types";
import { USE_CASES } from "@/lib/ai/use-cases";

import { DATASET } from "./dataset";
import {
  PROFILE,
  type SimulatedAnswer,
  answerWithLabel,
  simulateAnswer,
  tokenize,
  wrongLabel,
} from "./profile";
import { createRng } from "./random";
import type { BenchItem } from "./types";

interface Run {
  item: BenchItem;
  answer: SimulatedAnswer;
  label: string;
  right: boolean;
  selfReported: number;
  calibrated: number;
}

function run(tier: TAiTier, seed = 42): Run[] {
  const rng = createRng(seed);
  return DATASET.map((item) => {
    const answer = simulateAnswer({ item, tier, rng });
    const label = USE_CASES[item.useCase].label!(answer.output);
    const selfReported = (answer.output as { confidence: number }).confidence;
    const calibrated = calibratedConfidence({ selfReported, logprobs: answer.logprobs, label });
    return { item, answer, label, right: label === item.expected, selfReported, calibrated };
  });
}

const runs = { small: run("small"), large: run("large") };
const accuracy = (rs: Run[]) => rs.filter((r) => r.right).length / rs.length;

describe("simulateAnswer", () => {
  it.each(AI_TIERS)("%s: answers valid per the use case's output schema, as JSON", (tier) => {
    for (const { item, answer } of runs[tier]) {
      const parsed = USE_CASES[item.useCase].output.safeParse(answer.output);
      expect(parsed.error, item.id).toBeUndefined();
      expect(JSON.parse(answer.json)).toEqual(answer.output);
    }
  });

  it.each(AI_TIERS)(
    "%s: tokens that spell the JSON, with log-probabilities, and the label findable",
    (tier) => {
      for (const { item, answer, label } of runs[tier]) {
        expect(answer.logprobs.map((t) => t.token).join(""), item.id).toBe(answer.json);
        for (const { logprob } of answer.logprobs)
          expect(logprob <= 0 && Number.isFinite(logprob)).toBe(true);
        expect(labelProbability(answer.logprobs, label), item.id).not.toBeNull();
        expect(answer.usage.outputTokens).toBe(answer.logprobs.length);
        expect(answer.usage.inputTokens).toBeGreaterThan(answer.usage.outputTokens);
      }
    },
  );

  it("is deterministic for a seed", () => {
    expect(run("small", 7).map((r) => r.answer)).toEqual(run("small", 7).map((r) => r.answer));
  });

  // With ~720 easy and ~240 hard items, three standard errors are about 0.02 and 0.1.
  it("the large model is right about as often as the profile says", () => {
    expect(Math.abs(accuracy(runs.large) - PROFILE.large.accuracy)).toBeLessThan(0.02);
  });

  it("the small model is right about as often as the profile says, on easy and on hard items", () => {
    const easy = runs.small.filter((r) => r.item.difficulty === "easy");
    const hard = runs.small.filter((r) => r.item.difficulty === "hard");
    expect(Math.abs(accuracy(easy) - PROFILE.small.accuracy.easy)).toBeLessThan(0.02);
    expect(Math.abs(accuracy(hard) - PROFILE.small.accuracy.hard)).toBeLessThan(0.1);
  });

  it("the small model is confident when right and mostly unsure when wrong, with some overconfident mistakes", () => {
    const right = runs.small.filter((r) => r.right);
    const wrong = runs.small.filter((r) => !r.right);
    const share = (rs: Run[], test: (r: Run) => boolean) => rs.filter(test).length / rs.length;
    expect(share(right, (r) => r.selfReported >= 0.7)).toBeGreaterThan(0.9);
    expect(share(wrong, (r) => r.selfReported < 0.7)).toBeGreaterThan(0.5);
    expect(share(wrong, (r) => r.selfReported >= 0.8)).toBeGreaterThan(0.2);
  });

  it("gives calibration something to catch: fewer mistakes pass a threshold, nearly as many right answers", () => {
    const passes = (rs: Run[], key: "selfReported" | "calibrated") => rs.filter((r) => r[key] >= 0.7).length;
    const right = runs.small.filter((r) => r.right);
    const wrong = runs.small.filter((r) => !r.right);
    expect(passes(wrong, "calibrated")).toBeLessThan(passes(wrong, "selfReported") / 2);
    expect(passes(right, "calibrated")).toBeGreaterThan(passes(right, "selfReported") * 0.95);
  });
});

describe("wrongLabel", () => {
  it("is another label, one a valid answer can have", () => {
    const rng = createRng(3);
    for (const item of DATASET) {
      const wrong = wrongLabel(item, rng);
      expect(wrong, item.id).not.toBe(item.expected);
      const useCase = USE_CASES[item.useCase];
      const parsed = useCase.output.safeParse(answerWithLabel(item, wrong, 0.5, rng));
      expect(parsed.error, `${item.id}: ${wrong}`).toBeUndefined();
      expect(useCase.label!(parsed.data)).toBe(wrong);
    }
  });
});

describe("tokenize", () => {
  it("cuts text into pieces that join back to it", () => {
    const text = '{"activityKind":"SAMPLE_FEEDBACK","summary":"Rückmeldung zur Musterbox, 12 Artikel."}';
    const tokens = tokenize(text);
    expect(tokens.join("")).toBe(text);
    expect(tokens).toContain("SAMPLE");
    expect(tokens).toContain('":"');
    expect(Math.max(...tokens.map((t) => t.length))).toBeLessThanOrEqual(7);
  });
});
