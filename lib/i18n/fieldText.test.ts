import { describe, expect, it } from "vitest";
import { z } from "zod";

import { fieldCodeOf, formFields, parseForm } from "@/lib/forms";
import { REGISTRY, validateValue } from "@/lib/settings/registry";

import { LOCALES, type Locale } from "./config";
import { fieldKind, fieldText, fieldTextKey, fieldWords } from "./fieldText";
import { MESSAGES } from "./messages";

/**
 * Every form's field errors are the app's own texts, in both languages: the schemas every server
 * action parses a form with are found in the actions' code (not listed here, so a new form is
 * checked without anyone remembering to), fed wrong values field by field, and each error they give
 * must be a text of `fields.json` that both languages have — never zod's own message, never the
 * field's raw key, never a key the catalogue lacks.
 */

/** Every leaf key of a message tree, `a.b.c`. */
function keysOf(tree: object, prefix = ""): Set<string> {
  const keys = new Set<string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === "object") for (const k of keysOf(value as object, path)) keys.add(k);
    else keys.add(path);
  }
  return keys;
}
const CATALOGUE = { de: keysOf(MESSAGES.de.fields), en: keysOf(MESSAGES.en.fields) };
const inBoth = (key: string) => CATALOGUE.de.has(key) && CATALOGUE.en.has(key);

// The schemas: every `export` of every domain's schemas.ts (and its adapters', such as
// integrations/xentral), by name (`leadForms.createLead` too).
const schemaModules = import.meta.glob<Record<string, unknown>>("../**/schemas.ts", { eager: true });
function exported(name: string): unknown {
  const [head, ...rest] = name.split(".");
  for (const exports of Object.values(schemaModules)) {
    if (!(head in exports)) continue;
    return rest.reduce<unknown>(
      (value, part) => (value as Record<string, unknown> | undefined)?.[part],
      exports[head],
    );
  }
  return undefined;
}

/** The schema names the actions parse forms with: `orgAction(orgSlug, X, …)` and `parseForm(X, …)`. */
function formSchemaNames(): { file: string; name: string }[] {
  const found: { file: string; name: string }[] = [];
  const sources = import.meta.glob<string>("../**/actions.ts", {
    query: "?raw",
    import: "default",
    eager: true,
  });
  for (const [file, source] of Object.entries(sources)) {
    const calls = /(?:orgAction\(\s*\w+,|parseForm\()\s*([A-Za-z_$][\w$.]*)/g;
    for (const match of source.matchAll(calls)) {
      // An inline `z.uuid()` or `z.null()` parses an id or nothing a button sends, not a form.
      if (!match[1].startsWith("z.")) found.push({ file, name: match[1] });
    }
  }
  return found;
}

/** A form schema's fields as dotted paths (`contact.phone`), through formInput, optional and refine. */
function fieldPaths(schema: z.ZodType, prefix = ""): string[] {
  const def = (schema as z.core.$ZodType)._zod.def as unknown as {
    type: string;
    out?: z.ZodType;
    innerType?: z.ZodType;
    shape?: Record<string, z.ZodType>;
  };
  if (def.type === "pipe" && def.out) return fieldPaths(def.out, prefix);
  if (def.innerType) return fieldPaths(def.innerType, prefix);
  if (def.type === "object" && def.shape) {
    return Object.entries(def.shape).flatMap(([key, field]) => {
      const path = prefix ? `${prefix}.${key}` : key;
      const nested = fieldPaths(field, path);
      return nested.length > 0 ? nested : [path];
    });
  }
  return [];
}

/** What a user may type wrong: nothing, blanks, a word, bad numbers, far too much, a broken date. */
const WRONG = [
  "",
  "  ",
  "x",
  "-1",
  "0",
  "1,005",
  "1e40",
  "99999999999999",
  "y".repeat(10_001),
  "2026-13-45T25:00",
];
const form = (entries: [string, string][]) => formFields(new URLSearchParams(entries))!;

/** zod's own messages for these issues, in its English and German, to be sure we never show one. */
function zodMessages(issues: z.core.$ZodIssue[]): Set<string> {
  const messages = new Set(issues.map((issue) => issue.message));
  for (const { localeError } of [z.locales.en(), z.locales.de()]) {
    for (const issue of issues) {
      const message = localeError(issue as never);
      messages.add(typeof message === "string" ? message : (message?.message ?? ""));
    }
  }
  return messages;
}

const words = Object.fromEntries(LOCALES.map((l) => [l, fieldWords(l)])) as Record<
  Locale,
  ReturnType<typeof fieldWords>
>;

describe("form field errors", () => {
  const names = formSchemaNames();

  it("finds the forms' schemas in the actions, and each of them among the domains' exports", () => {
    const unknown = names.filter(({ name }) => !(exported(name) instanceof z.ZodType));
    expect(unknown).toEqual([]);
    // The lead, sample, AI price, member, account, setting and integration forms at least.
    for (const name of [
      "leadForms.createLead",
      "sampleForms.createPhase",
      "ZPriceForm",
      "ZInviteMember",
      "ZChangeOwnPassword",
      "ZSettingForm",
      "ZMailConnectionInput",
      "ZSetPassword",
    ]) {
      expect(names.map((n) => n.name)).toContain(name);
    }
  });

  it("words every refusal of every form's fields with a text both languages have, never zod's", () => {
    const problems: string[] = [];
    let checked = 0;
    // Each (field, reason) is worded once per language: the forms repeat them many times over.
    const worded = new Map<string, string>();
    for (const { name } of names) {
      const schema = exported(name);
      if (!(schema instanceof z.ZodType)) continue;
      const paths = fieldPaths(schema);
      for (const path of paths) {
        for (const value of WRONG) {
          const input = form([[path, value]]);
          const issues = schema.safeParse(input, { reportInput: true }).error?.issues ?? [];
          const zods = zodMessages(issues);
          // A schema's own check names its text (params.i18n), or the form would fall back to a generic one.
          for (const issue of issues) {
            const why = fieldCodeOf(issue);
            if (issue.code === "custom" && (why.code !== "custom" || !inBoth(`custom.${why.key}`)))
              problems.push(
                `${name} ${issue.path.join(".")}: a check without a text of its own ("${issue.message}")`,
              );
          }
          for (const locale of LOCALES) {
            const parsed = parseForm(schema, input, (why, at) => {
              const seen = `${locale} ${at} ${JSON.stringify(why)}`;
              let text = worded.get(seen);
              if (text === undefined) {
                const { key } = fieldTextKey((k) => words[locale].has(k), why, at);
                if (!inBoth(key)) problems.push(`${name} ${at}: fields.${key} missing in a language`);
                text = fieldText(words[locale], why, at);
                worded.set(seen, text);
              }
              return text;
            });
            if (parsed.ok) continue;
            for (const [at, message] of Object.entries(parsed.fieldErrors)) {
              checked++;
              const last = at.slice(at.lastIndexOf(".") + 1);
              if (zods.has(message)) problems.push(`${name} ${at} (${locale}): zod's own "${message}"`);
              if (
                (at.includes(".") && message.includes(at)) ||
                (/[A-Z]/.test(last) && message.includes(last))
              )
                problems.push(`${name} ${at} (${locale}): names the raw key: "${message}"`);
              if (/[{}]|^(codes|named|custom)\./.test(message))
                problems.push(`${name} ${at} (${locale}): unformatted "${message}"`);
            }
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(1000);
  }, 30_000);

  it("words the domain's fields in its own words, with an example", () => {
    const createLead = exported("leadForms.createLead") as z.ZodType;
    const say = (locale: Locale) => (why: Parameters<typeof fieldText>[1], at: string) =>
      fieldText(words[locale], why, at);
    const de = parseForm(
      createLead,
      form([
        ["contact.phone", "ruf mich an"],
        ["vatId", "123"],
        ["contact.email", "x@"],
      ]),
      say("de"),
    );
    expect(de.ok || de.fieldErrors).toMatchObject({
      "contact.phone": "Bitte eine Telefonnummer wie +49 40 123456 angeben.",
      vatId: expect.stringContaining("DE123456789"),
      "contact.email": expect.stringContaining("name@firma.de"),
      companyName: "Bitte ausfüllen.",
    });
    const en = parseForm(
      createLead,
      form([
        ["contact.phone", "call me"],
        ["expectedVolume", "viel"],
      ]),
      say("en"),
    );
    expect(en.ok || en.fieldErrors).toMatchObject({
      "contact.phone": "Please enter a phone number such as +49 40 123456.",
      expectedVolume: "Please enter an amount in euros, e.g. 25,000.",
    });
    // A bound reads as a number in the reader's own way, by what it bounds.
    const price = exported("ZPriceForm") as z.ZodType;
    const big = parseForm(price, form([["inputPerMillionEur", "2000000"]]), say("de"));
    expect(big.ok || big.fieldErrors.inputPerMillionEur).toBe(
      "Bitte einen Betrag bis 1.000.000 Euro angeben.",
    );
    expect(fieldKind("registeredAt")).toBe("instant");
    expect(fieldKind("contact.phone")).toBe("phone");
    expect(fieldKind("recipientEmail")).toBe("email");
  });

  it("words the settings registry's values the same way, never zod's code-speak", () => {
    const problems: string[] = [];
    const wrong: unknown[] = ["x", -1, 1e40, 0.5, "", [], {}, ["a", "a"], "P", null, true];
    for (const definition of REGISTRY.values()) {
      for (const value of wrong) {
        const zods = zodMessages(
          definition.schema.safeParse(value, { reportInput: true }).error?.issues ?? [],
        );
        for (const locale of LOCALES) {
          const result = validateValue(definition, value, locale);
          if (result.ok) continue;
          const message = result.message.replace(/^\[[^\]]*\] /, "");
          if (zods.has(message))
            problems.push(`${definition.key} ${JSON.stringify(value)} (${locale}): "${message}"`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
