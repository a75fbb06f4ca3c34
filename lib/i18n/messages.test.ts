import { describe, expect, it } from "vitest";

import { LOCALES } from "./config";
import { MESSAGES } from "./messages";

type Tree = { [key: string]: unknown };

/** Every leaf as `a.b.c` → value. */
function flatten(tree: Tree, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === "object" && !Array.isArray(value)) {
      for (const [k, v] of flatten(value as Tree, path)) out.set(k, v);
    } else out.set(path, value);
  }
  return out;
}

/** The names of an ICU message's top-level arguments: `{name}`, `{count, plural, …}`. */
function icuArguments(message: string): string[] {
  const names: string[] = [];
  let depth = 0;
  for (let i = 0; i < message.length; i++) {
    if (message[i] === "{") {
      if (depth === 0) names.push(/^\s*([\p{L}\p{N}_]+)/u.exec(message.slice(i + 1))?.[1] ?? "?");
      depth++;
    } else if (message[i] === "}") depth--;
  }
  return names.sort();
}

const catalogues = { de: flatten(MESSAGES.de), en: flatten(MESSAGES.en) };

describe("message catalogues", () => {
  it("exist for every locale", () => {
    expect(Object.keys(catalogues).sort()).toEqual([...LOCALES].sort());
  });

  it("have exactly the same keys in de and en", () => {
    const deKeys = [...catalogues.de.keys()];
    const enKeys = [...catalogues.en.keys()];
    expect({
      onlyInDe: deKeys.filter((k) => !catalogues.en.has(k)),
      onlyInEn: enKeys.filter((k) => !catalogues.de.has(k)),
    }).toEqual({
      onlyInDe: [],
      onlyInEn: [],
    });
    expect(deKeys.length).toBeGreaterThan(0);
  });

  it.each(Object.keys(catalogues) as (keyof typeof catalogues)[])(
    "%s has only non-empty strings",
    (locale) => {
      const bad = [...catalogues[locale]]
        .filter(([, v]) => typeof v !== "string" || v.trim() === "")
        .map(([k]) => k);
      expect(bad).toEqual([]);
    },
  );

  it("use the same ICU arguments in both languages", () => {
    const mismatched = [...catalogues.de]
      .filter(([key, value]) => typeof value === "string" && typeof catalogues.en.get(key) === "string")
      .filter(
        ([key, value]) =>
          icuArguments(value as string).join() !== icuArguments(catalogues.en.get(key) as string).join(),
      )
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it("finds arguments the way next-intl reads them", () => {
    expect(icuArguments("Sie arbeiten in {org} als {role}.")).toEqual(["org", "role"]);
    expect(icuArguments("{count, plural, one {# Tag} other {# Tage}}")).toEqual(["count"]);
    expect(icuArguments("no arguments")).toEqual([]);
  });
});
