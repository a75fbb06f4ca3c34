import { z } from "zod";

import { namesPrototype } from "@/lib/keys";

/**
 * A form's way to its schema, the same in the browser (which validates before it posts) and in
 * orgAction (lib/http/action.ts, which validates again): the fields by name (`formFields`), turned
 * into the schema's input (`formInput`), parsed with messages in the reader's language
 * (`parseForm`). Plain code without server-only imports, beside lib/keys.ts and lib/errors.ts: the
 * browser runs it, and every layer may import it (a domain's per-key conversions use `decimal`).
 */

/**
 * A form's (or query string's) fields by name, for a schema to parse: a null-prototype object, so no
 * name can reach Object.prototype however it is used later (the last value of a repeated name, as
 * Object.fromEntries gives). Undefined when a name, or a dotted segment of it, is `__proto__`,
 * `constructor` or `prototype` (lib/keys.ts): no form of ours has such a field, so the request
 * is forged and is refused rather than cleaned.
 */
export function formFields(form: FormData | URLSearchParams): Record<string, FormDataEntryValue> | undefined {
  const fields: Record<string, FormDataEntryValue> = Object.create(null);
  for (const [name, value] of form.entries()) {
    if (namesPrototype(name)) return undefined;
    fields[name] = value;
  }
  return fields;
}

/**
 * A number as a German or English user types it: "0,55", "0.55", "1.234,5" or "1,234.5" (the last
 * separator is the decimal one). Anything else stays text, for the schema to refuse with its message.
 */
export function decimal(value: string): number | string {
  const text = value.replace(/\s/g, "");
  const decimalAt = Math.max(text.lastIndexOf(","), text.lastIndexOf("."));
  const normalised =
    decimalAt < 0 ? text : `${text.slice(0, decimalAt).replace(/[.,]/g, "")}.${text.slice(decimalAt + 1)}`;
  return /^-?\d*\.?\d+$/.test(normalised) ? Number(normalised) : value;
}

/** How a field's text becomes its value: a number (decimal comma allowed) or a boolean ("true"/"false"). */
export type FieldKind = "number" | "boolean";

function convert(kind: FieldKind | undefined, value: unknown): unknown {
  if (typeof value !== "string") return value;
  if (kind === "number") return decimal(value);
  if (kind === "boolean") return value === "true" ? true : value === "false" ? false : value;
  return value;
}

/**
 * The schema's input from a form's fields, for forms whose schema is the API's own: empty fields
 * are left out (absent, not ""), the fields named in `kinds` converted, dotted names (`contact.email`)
 * nested — then the schema decides. Every level is a null-prototype object, and a name that reaches
 * a prototype (lib/keys.ts) makes the input invalid, even if it slipped past `formFields`.
 */
export function formInput<S extends z.ZodType>(schema: S, kinds: Readonly<Record<string, FieldKind>> = {}) {
  return z.preprocess((raw, ctx) => {
    const out: Record<string, unknown> = Object.create(null);
    for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
      if (name.startsWith("$ACTION") || value === "") continue;
      if (kinds[name] === "number" && typeof value === "string" && value.trim() === "") continue;
      if (namesPrototype(name)) {
        ctx.addIssue({ code: "custom", message: "forged field name", input: name });
        return z.NEVER;
      }
      const path = name.split(".");
      let node = out;
      for (const part of path.slice(0, -1))
        node = (node[part] ??= Object.create(null)) as Record<string, unknown>;
      node[path[path.length - 1]] = convert(kinds[name], value);
    }
    return out;
  }, schema);
}

/**
 * Why a field was refused, for the one wording of form errors (lib/i18n/fieldText.ts): missing, not
 * a number, not a whole number, a wrong format, not one of the choices, below or above a bound (of a text's length, a
 * number or a list's size; `exclusive` when the bound itself is refused too), a check of the schema
 * that names its text (`params: { i18n }`), or another reason.
 */
export type FieldCode =
  | { code: "required" | "number" | "whole" | "format" | "choice" | "other" }
  | { code: "min" | "max"; value: number; of: "text" | "number" | "list"; exclusive?: true }
  | { code: "custom"; key: string };

const ORIGINS = { string: "text", number: "number", array: "list", set: "list" } as const;

/** The code of one of zod's issues (parsed with `reportInput`, so a missing value can be told). */
export function fieldCodeOf(issue: z.core.$ZodIssue): FieldCode {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined || issue.input === null) return { code: "required" };
      if (issue.expected === "int") return { code: "whole" };
      return { code: issue.expected === "number" ? "number" : "other" };
    case "too_small":
    case "too_big": {
      const of = ORIGINS[issue.origin as keyof typeof ORIGINS];
      const value = Number(issue.code === "too_small" ? issue.minimum : issue.maximum);
      if (!of || !Number.isFinite(value)) return { code: "other" };
      // An empty text where one is needed is a missing field, however the schema says "not empty".
      if (issue.code === "too_small" && of === "text" && value <= 1 && issue.input === "")
        return { code: "required" };
      const code = issue.code === "too_small" ? "min" : "max";
      return issue.inclusive === false ? { code, value, of, exclusive: true } : { code, value, of };
    }
    case "invalid_format":
      return { code: "format" };
    case "invalid_value":
      return { code: "choice" };
    case "not_multiple_of":
      return { code: "number" };
    case "custom": {
      const key = (issue.params as { i18n?: unknown } | undefined)?.i18n;
      return typeof key === "string" ? { code: "custom", key } : { code: "other" };
    }
    default:
      return { code: "other" };
  }
}

export type FormParse<T> =
  | { ok: true; data: T }
  | { ok: false; fieldErrors: Record<string, string>; fieldCodes: Record<string, FieldCode> };

/** A field error's words from its code and the field's path (lib/i18n/fieldText.ts `fieldText`). */
export type FieldSay = (why: FieldCode, path: string) => string;

/**
 * Parses a form's input with its schema; each refused field (by path, `_` for the form as a whole,
 * the first issue of each) gets its code and the words `say` gives it in the reader's language —
 * never zod's own message, which is English or German code-speak ("erwartet number").
 */
export function parseForm<S extends z.ZodType>(
  schema: S,
  input: unknown,
  say: FieldSay,
): FormParse<z.infer<S>> {
  const parsed = schema.safeParse(input, { reportInput: true });
  if (parsed.success) return { ok: true, data: parsed.data };
  const fieldErrors: Record<string, string> = {};
  const fieldCodes: Record<string, FieldCode> = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.join(".") || "_";
    if (path in fieldErrors) continue;
    fieldCodes[path] = fieldCodeOf(issue);
    fieldErrors[path] = say(fieldCodes[path], path);
  }
  return { ok: false, fieldErrors, fieldCodes };
}
