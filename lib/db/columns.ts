import { z } from "zod";

/**
 * Zod pieces for what PostgreSQL stores, so that a value it would refuse is a field error of the
 * input, not a failed statement (a 500) halfway through the work. Plain schemas, no server-only
 * code: forms validate with the same inputs.
 */

/**
 * A string PostgreSQL can hold: text has no room for the NUL character, and UTF-8 none for half a
 * surrogate pair (JSON's `"\ud800"` parses to one; jsonb and the audit trail refuse it).
 */
export const ZDbString = z.string().refine(
  (value) => !value.includes("\u0000") && value.isWellFormed(),
  // A form words it as its `unstorable` text (lib/i18n/fieldText.ts); API clients read the message.
  { message: "must not contain NUL characters or unpaired surrogates", params: { i18n: "unstorable" } },
);

/** Input text: trimmed, non-empty, at most `max` characters, storable. */
export const text = (max: number) => ZDbString.trim().min(1).max(max);

/**
 * A number a `numeric(precision, scale)` column holds: at most precision − scale digits before the
 * point (PostgreSQL rounds the decimals beyond the scale, and refuses a value too large once rounded).
 */
export function numeric(precision: number, scale: number) {
  const largest = 10 ** (precision - scale) - 10 ** -scale;
  return z.number().min(-largest).max(largest);
}
