import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { POLICIES } from "@/lib/auth/policy";
import de from "@/lib/i18n/messages/de/audit.json";
import en from "@/lib/i18n/messages/en/audit.json";

import { AUDIT_ACTION_GROUPS, AUDIT_ACTIONS, AUDIT_RESOURCE_TYPES } from "./actions";

// The audit page names every action in the reader's language. This test reads the code for the
// actions it records (`action: "…"` in a recordAudit call, including both arms of a conditional)
// and holds the catalogue and both languages' labels to them.

const root = path.resolve(import.meta.dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sources(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function recordedActions(): Map<string, string> {
  const found = new Map<string, string>();
  const policyActions = new Set(Object.keys(POLICIES));
  for (const file of sources(path.join(root, "lib"))) {
    for (const match of readFileSync(file, "utf8").matchAll(/\baction: ([^,}\n]*)/g)) {
      for (const [, name] of match[1].matchAll(/"([a-z_]+(?:\.[a-z_]+)+)"/g)) {
        if (!policyActions.has(name)) found.set(name, path.relative(root, file));
      }
    }
  }
  return found;
}

function lookup(messages: unknown, key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], messages);
}

describe("the audit trail's actions", () => {
  it("the catalogue holds every action the code records", () => {
    const recorded = recordedActions();
    expect(recorded.size).toBeGreaterThan(40);
    const missing = [...recorded].filter(
      ([action]) => !(AUDIT_ACTIONS as readonly string[]).includes(action),
    );
    expect(missing).toEqual([]);
  });

  it.each([
    ["de", de],
    ["en", en],
  ])("every action, group and resource type has a label in %s", (_, messages) => {
    const unlabelled = [
      ...AUDIT_ACTIONS.map((action) => `actions.${action}`),
      ...AUDIT_ACTION_GROUPS.map((group) => `actionGroups.${group}`),
      ...AUDIT_RESOURCE_TYPES.map((type) => `resources.${type}`),
    ].filter((key) => typeof lookup(messages, key) !== "string");
    expect(unlabelled).toEqual([]);
  });

  it("no action is the prefix of another, so their labels nest", () => {
    const prefixes = AUDIT_ACTIONS.filter((a) => AUDIT_ACTIONS.some((b) => b.startsWith(`${a}.`)));
    expect(prefixes).toEqual([]);
  });
});
