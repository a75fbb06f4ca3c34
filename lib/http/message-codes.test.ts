import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { MESSAGES } from "@/lib/i18n/messages";

// Every message code an error carries (AppError `text`, a field error's `code`) must have its text
// in both languages, or a form would fall back to the English message.

const root = path.resolve(import.meta.dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sources(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [full] : [];
  });
}

function lookup(messages: unknown, key: string): unknown {
  return key
    .split(".")
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
}

const CODE = /"((?:leads|errors|ai|audit|settings|api|samples|integrations)\.[a-zA-Z]+(?:\.[a-zA-Z]+)*)"/g;
const codes = new Set<string>();
for (const file of sources(path.join(root, "lib"))) {
  const text = readFileSync(file, "utf8");
  // Only strings that stand where a message code stands: after `code:` or in a ternary of codes.
  for (const line of text.split("\n").filter((l) => /\bcode: /.test(l))) {
    for (const match of line.matchAll(CODE)) codes.add(match[1]);
  }
}

describe("message codes", () => {
  it("are used (the scan finds the lead errors)", () => {
    expect(codes).toContain("leads.errors.duplicate");
    expect(codes).toContain("leads.fieldErrors.beforeAssignment");
    expect(codes).toContain("errors.forbidden");
    expect(codes).toContain("leads.errors.alreadyClosed");
  });

  it.each([...codes].sort())("%s has a German and an English text", (code) => {
    expect(typeof lookup(MESSAGES.de, code), `de: ${code}`).toBe("string");
    expect(typeof lookup(MESSAGES.en, code), `en: ${code}`).toBe("string");
  });
});
