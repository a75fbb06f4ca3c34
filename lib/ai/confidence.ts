/**
 * Confidence calibration for small-first use cases.
 *
 * A model's self-reported confidence is a number it writes into its answer; small models write high
 * numbers even when they guess. Where the provider returns token log-probabilities (OpenAI does),
 * the probability the model actually gave the tokens of its decisive label is a second, independent
 * signal. The rule:
 *
 *   p_label    = Π exp(logprob) over the tokens that spell the label's values inside the JSON answer
 *   calibrated = √(selfReported × p_label)          (the geometric mean of the two signals)
 *
 * Either signal can pull the result down, and a very low one dominates: a self-reported 0.95 with a
 * label-token probability of 0.05 becomes 0.22. Without log-probabilities, without a label, or when
 * the label's tokens cannot be found, the result is the self-reported value clamped to [0, 1].
 *
 * A label is the output's decisive values joined by `LABEL_PART_SEPARATOR` (`"A+high"`,
 * `"activity+SAMPLE_FEEDBACK"`, `"positive"`). Each part is looked up as a JSON *value* (never a key)
 * in the text the tokens spell: a string whose content equals the part, or a bare literal such as
 * `null`. A token counts when it overlaps the value's characters (`"A",` overlaps `A`); the quotes
 * and the surrounding punctuation alone do not.
 */
import type { TokenLogprob } from "./types";

export const LABEL_PART_SEPARATOR = "+";

export interface CalibrationInput {
  /** The `confidence` the model wrote into its answer. */
  selfReported: number;
  /** The answer's tokens with log-probabilities; null or empty when the provider gives none. */
  logprobs: readonly TokenLogprob[] | null | undefined;
  /** The use case's `label(output)`; absent for use cases without one. */
  label: string | null | undefined;
}

export function calibratedConfidence({ selfReported, logprobs, label }: CalibrationInput): number {
  const self = clamp01(selfReported);
  if (!logprobs || logprobs.length === 0 || !label) return self;
  const pLabel = labelProbability(logprobs, label);
  if (pLabel === null) return self;
  return Math.sqrt(self * pLabel);
}

/**
 * The probability the model gave the tokens that spell every part of `label` as JSON values, or
 * null when a part is not found (or the log-probabilities are unusable).
 */
export function labelProbability(logprobs: readonly TokenLogprob[], label: string): number | null {
  const parts = label.split(LABEL_PART_SEPARATOR);
  if (parts.some((part) => part.length === 0)) return null;

  const starts: number[] = [];
  let json = "";
  for (const { token } of logprobs) {
    starts.push(json.length);
    json += token;
  }
  const values = jsonValues(json);

  const used = new Set<number>();
  for (const part of parts) {
    const value = values.find((v) => v.value === part);
    if (!value) return null;
    logprobs.forEach((t, i) => {
      const start = starts[i];
      const end = start + t.token.length;
      if (start < value.end && end > value.start) used.add(i);
    });
  }

  let sum = 0;
  for (const i of used) {
    const logprob = logprobs[i].logprob;
    if (!Number.isFinite(logprob)) return null;
    sum += Math.min(0, logprob);
  }
  return Math.exp(sum);
}

function clamp01(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(1, Math.max(0, value));
}

interface JsonValue {
  /** A string's decoded content, or a literal's text (`null`, `true`, `12.5`). */
  value: string;
  /** Where the content (a string's without its quotes) starts and ends in the JSON text. */
  start: number;
  end: number;
}

/**
 * The scalar values (not keys) of a JSON text, in order. Tolerant: a truncated or invalid text
 * yields the values read before the damage.
 */
function jsonValues(json: string): JsonValue[] {
  const values: JsonValue[] = [];
  let i = 0;
  while (i < json.length) {
    const c = json[i];
    if (c === '"') {
      let content = "";
      let j = i + 1;
      while (j < json.length && json[j] !== '"') {
        if (json[j] === "\\") {
          const escaped = json[j + 1];
          if (escaped === undefined) return values;
          if (escaped === "u") {
            content += String.fromCharCode(Number.parseInt(json.slice(j + 2, j + 6), 16));
            j += 6;
          } else {
            content += ESCAPES[escaped] ?? escaped;
            j += 2;
          }
        } else {
          content += json[j];
          j += 1;
        }
      }
      if (j >= json.length) return values;
      let next = j + 1;
      while (next < json.length && /\s/.test(json[next])) next += 1;
      if (json[next] !== ":") values.push({ value: content, start: i + 1, end: j });
      i = j + 1;
    } else if (/[-0-9a-z]/.test(c)) {
      let j = i;
      while (j < json.length && /[-+.0-9a-zA-Z]/.test(json[j])) j += 1;
      values.push({ value: json.slice(i, j), start: i, end: j });
      i = j;
    } else {
      i += 1;
    }
  }
  return values;
}

const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f" };
