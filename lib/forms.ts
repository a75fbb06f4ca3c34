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

/** Why a field was refused: missing, not a number, below `value`, above `value`, or another reason. */
export type FieldCode =
  { code: "required" | "number" | "format" | "other" } | { code: "min" | "max"; value: number };

/** The code of one of zod's issues; `required` is the message the parse gave a missing field. */
function fieldCodeOf(issue: z.core.$ZodIssue, required: string): FieldCode {
  if (issue.message === required) return { code: "required" };
  switch (issue.code) {
    case "invalid_type":
      return { code: issue.expected === "number" ? "number" : "other" };
    case "too_small":
      return typeof issue.minimum === "number" ? { code: "min", value: issue.minimum } : { code: "other" };
    case "too_big":
      return typeof issue.maximum === "number" ? { code: "max", value: issue.maximum } : { code: "other" };
    case "invalid_format":
      return { code: "format" };
    default:
      return { code: "other" };
  }
}

export type FormParse<T> =
  | { ok: true; data: T }
  | { ok: false; fieldErrors: Record<string, string>; fieldCodes: Record<string, FieldCode> };

/**
 * Parses a form's input with its schema, zod's messages in the reader's language (`locale`) and a
 * missing field worded as `required` (not "expected string, received undefined"). Errors by field
 * path (`_` for the form as a whole), the first one of each field, with its code.
 */
export function parseForm<S extends z.ZodType>(
  schema: S,
  input: unknown,
  words: { locale: string; required: string },
): FormParse<z.infer<S>> {
  const localeError = (words.locale === "de" ? z.locales.de() : z.locales.en()).localeError;
  const parsed = schema.safeParse(input, {
    error: (issue) =>
      issue.code === "invalid_type" && issue.input === undefined ? words.required : localeError(issue),
  });
  if (parsed.success) return { ok: true, data: parsed.data };
  const fieldErrors: Record<string, string> = {};
  const fieldCodes: Record<string, FieldCode> = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.join(".") || "_";
    if (path in fieldErrors) continue;
    fieldErrors[path] = issue.message;
    fieldCodes[path] = fieldCodeOf(issue, words.required);
  }
  return { ok: false, fieldErrors, fieldCodes };
}
