import { describe, expect, it } from "vitest";
import { z } from "zod";

import { MESSAGES } from "@/lib/i18n/messages";

import {
  REGISTRY,
  SETTINGS,
  buildRegistry,
  formValueToJson,
  isSettingKey,
  validateValue,
  type SettingDefinition,
} from "./registry";
import { SETTING_SCOPES, ZDuration, durationToMs } from "./schemas";

const definition = (key: string): SettingDefinition => {
  const found = REGISTRY.get(key);
  if (!found) throw new Error(`no setting ${key}`);
  return found;
};

describe("the seeded keys", () => {
  it.each([
    ["lead.protection.baseMonths", 6, ["global"], "scalar", "replace"],
    ["lead.protection.progressDays", 60, ["global"], "scalar", "replace"],
    ["lead.protection.graceDays", 10, ["global"], "scalar", "replace"],
    ["lead.protection.mode", "GREATEST", ["global"], "scalar", "replace"],
    ["lead.protection.warningDays", 7, ["global"], "scalar", "replace"],
    ["lead.protection.reminder.channels", ["EMAIL", "INAPP"], ["global"], "list", "replace"],
    ["lead.protection.notify.roles", ["manager"], ["global"], "list", "replace"],
    ["ai.budget.monthly.cap", 1000, ["org"], "scalar", "replace"],
    ["ai.budget.user.monthly.cap", null, ["org", "user"], "scalar", "min"],
    ["ai.routing.confidence.threshold", 0.7, ["global", "org", "user"], "scalar", "replace"],
    ["ai.cache.ttl", "PT8H", ["global"], "scalar", "replace"],
    ["credit.cache.ttl", "PT8H", ["global"], "scalar", "replace"],
    ["credit.batch.window.ms", 50, ["global"], "scalar", "replace"],
    ["credit.peak.slo.p95.ms", 500, ["global"], "scalar", "replace"],
    ["samples.feedback.link.ttl", "P21D", ["global", "org"], "scalar", "replace"],
    ["samples.feedback.reminder.after", "P5D", ["global", "org"], "scalar", "replace"],
    ["samples.feedback.contact", "vertrieb@freshfoodz.de", ["global", "org"], "scalar", "replace"],
    ["members.passwordLink.ttl", "PT72H", ["global", "org"], "scalar", "replace"],
    ["integrations.calls.retention", "P30D", ["global", "org"], "scalar", "replace"],
    ["integrations.mail.retention", "P180D", ["global", "org"], "scalar", "replace"],
    ["integrations.webhooks.retention", "P30D", ["global", "org"], "scalar", "replace"],
    ["system.logs.retention", "P30D", ["global", "org"], "scalar", "replace"],
    ["system.backups.keepDaily", 7, ["global"], "scalar", "replace"],
    ["system.backups.keepWeekly", 4, ["global"], "scalar", "replace"],
    ["system.backups.keepMonthly", 12, ["global"], "scalar", "replace"],
  ])("%s: default %j, scopes %j, %s, %s", (key, value, scopes, kind, merge) => {
    const d = definition(key);
    expect(d.default).toEqual(value);
    expect(d.scopes).toEqual(scopes);
    expect(d.kind).toBe(kind);
    expect(d.merge).toBe(merge);
  });

  it("are all there, and nothing else", () => {
    expect(REGISTRY.size).toBe(25);
    expect(isSettingKey("lead.protection.baseMonths")).toBe(true);
    expect(isSettingKey("lead.protection.unknown")).toBe(false);
  });
});

describe("every definition", () => {
  const all = [...REGISTRY.values()];

  it.each(all.map((d) => [d.key, d] as const))("%s: its default passes its own schema", (_key, d) => {
    expect(d.schema.safeParse(d.default).success).toBe(true);
  });

  it.each(all.map((d) => [d.key, d] as const))("%s: has a key the database accepts", (key) => {
    // The same pattern as the CHECK on setting_value.key.
    expect(key).toMatch(/^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9]+)+$/);
  });

  it("uses append only for lists, and scopes in order global → org → user", () => {
    for (const d of all) {
      if (d.merge === "append") expect(d.kind).toBe("list");
      const order = d.scopes.map((s) => SETTING_SCOPES.indexOf(s));
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
  });

  it("offers select options that its schema accepts", () => {
    for (const d of all.filter((x) => x.input.options)) {
      for (const option of d.input.options ?? []) {
        const sample = d.kind === "list" ? [option] : option;
        expect(d.schema.safeParse(sample).success, `${d.key}: ${option}`).toBe(true);
      }
    }
  });

  it.each(["de", "en"] as const)("has a label and a help text in %s", (locale) => {
    const keys = MESSAGES[locale].settingsRegistry.keys as Record<string, unknown>;
    for (const d of all) {
      const entry = d.key
        .split(".")
        .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], keys);
      expect(entry, d.key).toEqual({ label: expect.any(String), help: expect.any(String) });
    }
  });
});

describe("buildRegistry", () => {
  const base = {
    group: "ai" as const,
    kind: "scalar" as const,
    scopes: ["global"] as const,
    schema: z.number(),
    default: 1,
    merge: "replace" as const,
    input: { control: "number" as const },
  };

  it("refuses append on a scalar", () => {
    expect(() => buildRegistry({ "x.y": { ...base, merge: "append" } })).toThrow(
      /append strategy is for lists only/,
    );
  });

  it("refuses min on anything but a number", () => {
    expect(() =>
      buildRegistry({ "x.y": { ...base, merge: "min", schema: z.string(), default: "PT1H" } }),
    ).toThrow(/min strategy is for numbers only/);
    expect(() =>
      buildRegistry({
        "x.y": { ...base, merge: "min", kind: "list", schema: z.array(z.number()), default: [] },
      }),
    ).toThrow(/min strategy is for numbers only/);
  });

  it("refuses no scopes and scopes out of order", () => {
    expect(() => buildRegistry({ "x.y": { ...base, scopes: [] } })).toThrow(/scopes must be/);
    expect(() => buildRegistry({ "x.y": { ...base, scopes: ["user", "org"] } })).toThrow(/scopes must be/);
  });

  it("keeps the key in each definition", () => {
    expect(buildRegistry({ "x.y": base }).get("x.y")?.key).toBe("x.y");
    expect(SETTINGS["ai.cache.ttl"].default).toBe("PT8H");
  });
});

describe("ISO 8601 durations", () => {
  it.each([
    ["PT8H", 8 * 3_600_000],
    ["P1D", 86_400_000],
    ["PT30M", 1_800_000],
    ["P1W", 7 * 86_400_000],
    ["P1DT12H", 36 * 3_600_000],
    ["PT0.5S", 500],
    ["PT1H30M", 5_400_000],
  ])("%s is %i ms", (text, ms) => {
    expect(durationToMs(text)).toBe(ms);
    expect(ZDuration.safeParse(text).success).toBe(true);
  });

  it.each(["8h", "P", "PT", "P1DT", "P1Y", "P1M", "pt8h", "PT8H ", "PT-1H", ""])("%j is not one", (text) => {
    expect(durationToMs(text)).toBeNull();
    expect(ZDuration.safeParse(text).success).toBe(false);
  });

  it("must be longer than zero and at most 366 days", () => {
    expect(ZDuration.safeParse("PT0S").success).toBe(false);
    expect(ZDuration.safeParse("P366D").success).toBe(true);
    expect(ZDuration.safeParse("P367D").success).toBe(false);
  });
});

describe("validateValue", () => {
  it("accepts a valid value and returns it", () => {
    expect(validateValue(definition("lead.protection.baseMonths"), 12)).toEqual({ ok: true, value: 12 });
    expect(validateValue(definition("ai.budget.user.monthly.cap"), null)).toEqual({ ok: true, value: null });
  });

  it("refuses in the user's language, worded as every form words it (lib/i18n/fieldText.ts)", () => {
    const d = definition("lead.protection.baseMonths");
    expect(validateValue(d, 0, "en")).toEqual({ ok: false, message: "Please enter at least 1." });
    expect(validateValue(d, 0, "de")).toEqual({ ok: false, message: "Bitte mindestens 1 angeben." });
    expect(validateValue(d, 1.5, "de")).toEqual({
      ok: false,
      message: "Bitte eine ganze Zahl eingeben, z. B. 12.",
    });
    expect(validateValue(d, "6", "en")).toEqual({
      ok: false,
      message: "Please enter a number, e.g. 12 or 0.55.",
    });
  });

  it("words the registry's own checks from settingsRegistry.json", () => {
    const ttl = definition("ai.cache.ttl");
    expect(validateValue(ttl, "8 hours", "en")).toEqual({
      ok: false,
      message: MESSAGES.en.settingsRegistry.validation.isoDuration,
    });
    expect(validateValue(ttl, "PT0S", "de")).toEqual({
      ok: false,
      message: MESSAGES.de.settingsRegistry.validation.durationRange,
    });
    expect(validateValue(definition("lead.protection.notify.roles"), ["manager", "manager"], "en")).toEqual({
      ok: false,
      message: MESSAGES.en.settingsRegistry.validation.duplicates,
    });
  });

  it("names the position of a bad list item", () => {
    const result = validateValue(definition("lead.protection.reminder.channels"), ["EMAIL", "FAX"], "en");
    expect(result).toEqual({ ok: false, message: "[1] Please choose one of the options offered." });
  });

  it("checks ranges: confidence 0..1, at least one notified role", () => {
    const threshold = definition("ai.routing.confidence.threshold");
    expect(validateValue(threshold, 1).ok).toBe(true);
    expect(validateValue(threshold, 1.01).ok).toBe(false);
    expect(validateValue(threshold, -0.1).ok).toBe(false);
    expect(validateValue(definition("lead.protection.notify.roles"), []).ok).toBe(false);
    expect(validateValue(definition("lead.protection.mode"), "MAX").ok).toBe(false);
  });
});

describe("formValueToJson", () => {
  it("reads numbers, with a decimal comma too", () => {
    const threshold = definition("ai.routing.confidence.threshold");
    expect(formValueToJson(threshold, " 0.75 ")).toBe(0.75);
    expect(formValueToJson(threshold, "0,8")).toBe(0.8);
    expect(formValueToJson(threshold, "abc")).toBe("abc");
    expect(formValueToJson(threshold, "")).toBe("");
  });

  it("turns an empty nullable field into null", () => {
    expect(formValueToJson(definition("ai.budget.user.monthly.cap"), " ")).toBeNull();
    expect(formValueToJson(definition("ai.budget.user.monthly.cap"), "25")).toBe(25);
  });

  it("splits lists on commas", () => {
    const channels = definition("lead.protection.reminder.channels");
    expect(formValueToJson(channels, "EMAIL, INAPP")).toEqual(["EMAIL", "INAPP"]);
    expect(formValueToJson(channels, "")).toEqual([]);
  });

  it("passes text through, and anything for an unknown key", () => {
    expect(formValueToJson(definition("ai.cache.ttl"), "PT4H")).toBe("PT4H");
    expect(formValueToJson(undefined, " x ")).toBe("x");
  });
});
