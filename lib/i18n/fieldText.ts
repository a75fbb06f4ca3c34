import { createTranslator } from "use-intl/core";

import type { FieldCode } from "@/lib/forms";

import type { Locale } from "./config";
import { MESSAGES } from "./messages";

/**
 * The one wording of a form's field errors, in the browser (useActionForm) and on the server
 * (orgAction, the settings registry): from why the field was refused (its FieldCode, lib/forms.ts)
 * and its name to a text of `fields.json` in the reader's language. A field whose generic text is
 * weak has its own, in the domain's words and with an example ("Bitte eine Telefonnummer wie +49 40
 * 123456 angeben"): under `named.<kind>`, the kind being the field's name (its last path segment),
 * or what its name says it holds (`…Eur` an amount, `…At` a moment, `…Date` a day).
 */

/** A translator of the `fields` namespace: next-intl's `useTranslations("fields")`,
 *  `getTranslations("fields")` or `createTranslator` all are one. */
export interface FieldWords {
  (key: string, values?: Record<string, number>): string;
  has(key: string): boolean;
}

/** What a field's name says it holds, for names that share a text. */
const KINDS: [RegExp, string][] = [
  [/^(phone|mobile|.+Phone)$/, "phone"],
  [/^(email|.+Email)$/, "email"],
  [/^(postcode|postalCode|zip)$/, "postcode"],
  [/^.+Eur$/, "money"],
  [/^.+(Percent|Pct)$/, "percent"],
  [/^(at|.+At)$/, "instant"],
  [/^.+Date$/, "day"],
  [/^(url|.+Url)$/, "url"],
  [/^(port|.+Port)$/, "port"],
];

/** The named texts' kind for a field path: its last segment, unless its name says more. */
export function fieldKind(path: string): string {
  const name = path.slice(path.lastIndexOf(".") + 1);
  return KINDS.find(([pattern]) => pattern.test(name))?.[1] ?? name;
}

/** Codes a field's one "it is not in the right form" text stands for. */
const INVALID = new Set(["format", "number", "whole", "choice", "other"]);

/**
 * The key of a field error's text in `fields` and its values: the field's own text for the code
 * (`named.<kind>.<code>`), else its text for any wrong form (`named.<kind>.invalid`), else the
 * generic text of the code (`codes.<code>`, by what a bound counts).
 */
export function fieldTextKey(
  has: (key: string) => boolean,
  why: FieldCode,
  path: string,
): { key: string; values?: Record<string, number> } {
  if (why.code === "custom") {
    const key = `custom.${why.key}`;
    return { key: has(key) ? key : "codes.other" };
  }
  const code =
    why.code === "min" && why.exclusive ? "above" : why.code === "max" && why.exclusive ? "below" : why.code;
  const values = "value" in why ? { value: why.value } : undefined;
  const kind = fieldKind(path);
  for (const key of [`named.${kind}.${code}`, INVALID.has(code) ? `named.${kind}.invalid` : null]) {
    if (key && has(key)) return { key, values };
  }
  if ("of" in why) {
    const key = `codes.${code}.${why.of}`;
    return { key: has(key) ? key : `codes.${why.code}.${why.of}`, values };
  }
  return { key: `codes.${code}` };
}

/** A field error's words in the translator's language. */
export function fieldText(t: FieldWords, why: FieldCode, path: string): string {
  const { key, values } = fieldTextKey((k) => t.has(k), why, path);
  return t(key, values);
}

/** The `fields` translator for a locale outside React (the settings registry, tests). */
export function fieldWords(locale: Locale): FieldWords {
  return createTranslator({
    locale,
    messages: MESSAGES[locale],
    namespace: "fields",
  }) as unknown as FieldWords;
}
