import { describe, expect, it } from "vitest";

import { calibratedConfidence, labelProbability } from "./confidence";
import type { TokenLogprob } from "./types";

/** Tokens with the probability each was given. */
const tokens = (...pairs: [string, number][]): TokenLogprob[] =>
  pairs.map(([token, p]) => ({ token, logprob: Math.log(p) }));

// {"category":"A","priority":"high","reason":"Klinik mit 900 Essen","confidence":0.9}
const leadAnswer = (pA: number, pHigh: number) =>
  tokens(
    ['{"', 1],
    ["category", 1],
    ['":"', 1],
    ["A", pA],
    ['","', 1],
    ["priority", 1],
    ['":"', 1],
    ["hi", pHigh],
    ["gh", 0.99],
    ['","', 1],
    ["reason", 1],
    ['":"', 1],
    ["Klinik", 0.7],
    [" mit", 0.9],
    [" 900", 0.5],
    [" Essen", 0.8],
    ['","', 1],
    ["confidence", 1],
    ['":', 1],
    ["0", 1],
    [".", 1],
    ["9", 0.6],
    ["}", 1],
  );

describe("labelProbability", () => {
  it("multiplies the probabilities of the tokens that spell every part of the label", () => {
    expect(labelProbability(leadAnswer(0.8, 0.5), "A+high")).toBeCloseTo(0.8 * 0.5 * 0.99, 10);
  });

  it("finds a value spelled across several tokens, with its quotes and punctuation glued on", () => {
    const answer = tokens(
      ['{"action', 1],
      ['":"', 1],
      ["activity", 0.9],
      ['","activity', 1],
      ['Kind":"', 1],
      ["SAMPLE", 0.6],
      ["_FEED", 0.95],
      ['BACK",', 0.9],
      ['"summary":"Rückmeldung zur Musterbox","confidence":0.8}', 1],
    );
    expect(labelProbability(answer, "activity+SAMPLE_FEEDBACK")).toBeCloseTo(0.9 * 0.6 * 0.95 * 0.9, 10);
  });

  it("matches values, never keys", () => {
    // "activity" occurs first as part of the key "activityKind", which must not count.
    const answer = tokens(['{"activity":"', 1], ["ignore", 0.4], ['"}', 1]);
    expect(labelProbability(answer, "activity")).toBeNull();
    expect(labelProbability(answer, "ignore")).toBeCloseTo(0.4, 10);
  });

  it("matches a bare null, the label of a help answer without an article", () => {
    const answer = tokens(
      ['{"answer":"Dazu gibt es keinen Artikel.","articleId":', 1],
      ["null", 0.3],
      [",", 1],
    );
    expect(labelProbability(answer, "null")).toBeCloseTo(0.3, 10);
  });

  it("decodes escapes inside strings before comparing", () => {
    const answer = tokens(['{"reason":"\\"A\\" wäre zu hoch","category":"', 1], ["B", 0.7], ['"}', 1]);
    expect(labelProbability(answer, "B")).toBeCloseTo(0.7, 10);
    expect(labelProbability(answer, '"A" wäre zu hoch')).toBeCloseTo(1, 10);
  });

  it("is null when a part of the label is not in the answer", () => {
    expect(labelProbability(leadAnswer(0.8, 0.5), "A+low")).toBeNull();
    expect(labelProbability(leadAnswer(0.8, 0.5), "A+")).toBeNull();
    expect(labelProbability(tokens(['{"category":"A', 0.9]), "A")).toBeNull(); // cut off mid-string
  });
});

describe("calibratedConfidence", () => {
  it("without log-probabilities: the self-reported value, clamped to [0, 1]", () => {
    expect(calibratedConfidence({ selfReported: 0.83, logprobs: null, label: "A+high" })).toBe(0.83);
    expect(calibratedConfidence({ selfReported: 1.4, logprobs: undefined, label: "A+high" })).toBe(1);
    expect(calibratedConfidence({ selfReported: -0.2, logprobs: [], label: "A+high" })).toBe(0);
    expect(calibratedConfidence({ selfReported: Number.NaN, logprobs: null, label: "A+high" })).toBe(0);
  });

  it("without a label, or when the label's tokens are not found: the self-reported value", () => {
    const logprobs = leadAnswer(0.1, 0.1);
    expect(calibratedConfidence({ selfReported: 0.9, logprobs, label: undefined })).toBe(0.9);
    expect(calibratedConfidence({ selfReported: 0.9, logprobs, label: "C+low" })).toBe(0.9);
  });

  it("is the geometric mean of the self-reported confidence and the label-token probability", () => {
    const p = 0.8 * 0.5 * 0.99;
    expect(
      calibratedConfidence({ selfReported: 0.9, logprobs: leadAnswer(0.8, 0.5), label: "A+high" }),
    ).toBeCloseTo(Math.sqrt(0.9 * p), 10);
  });

  it("lets a very low token probability pull a high self-reported confidence down", () => {
    const calibrated = calibratedConfidence({
      selfReported: 0.95,
      logprobs: leadAnswer(0.05, 0.99),
      label: "A+high",
    });
    expect(calibrated).toBeLessThan(0.25);
  });

  it("keeps a confident answer confident when the tokens agree", () => {
    const calibrated = calibratedConfidence({
      selfReported: 0.92,
      logprobs: leadAnswer(0.99, 0.98),
      label: "A+high",
    });
    expect(calibrated).toBeGreaterThan(0.9);
  });

  it("ignores the log-probabilities of tokens outside the label", () => {
    const sure = leadAnswer(0.99, 0.99);
    const unsureReason = sure.map((t) => (t.token === "Klinik" ? { ...t, logprob: Math.log(0.01) } : t));
    expect(calibratedConfidence({ selfReported: 0.9, logprobs: unsureReason, label: "A+high" })).toBe(
      calibratedConfidence({ selfReported: 0.9, logprobs: sure, label: "A+high" }),
    );
  });
});
