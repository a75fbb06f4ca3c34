import { z } from "zod";

import { ROLES } from "@/lib/auth/roles";
import { decimal, fieldCodeOf } from "@/lib/forms";
import { fieldText, fieldWords } from "@/lib/i18n/fieldText";
import deMessages from "@/lib/i18n/messages/de/settingsRegistry.json";
import enMessages from "@/lib/i18n/messages/en/settingsRegistry.json";

import {
  SETTING_SCOPES,
  ZDuration,
  type JsonValue,
  type TMergeStrategy,
  type TSettingGroup,
  type TSettingInput,
  type TSettingKind,
  type TSettingScope,
} from "./schemas";

/**
 * The settings registry: every key the product knows, with its type, the scopes it may be stored
 * at (global → org → user; there is no tenant scope, see schemas.ts), a zod schema, a default and a
 * merge strategy. A value for a key that is not here is never stored: the service refuses it.
 * Add a key here, with its label and help in lib/i18n/messages/{de,en}/settingsRegistry.json.
 */
export interface SettingDefinition<S extends z.ZodType<JsonValue> = z.ZodType<JsonValue>> {
  key: string;
  group: TSettingGroup;
  kind: TSettingKind;
  /** Allowed scopes, widest first. */
  scopes: readonly TSettingScope[];
  schema: S;
  default: z.infer<S>;
  /** `replace`: the narrowest stored scope wins. `append` (lists only): every scope adds items. */
  merge: TMergeStrategy;
  input: TSettingInput;
}

type Definition<S extends z.ZodType<JsonValue>> = Omit<SettingDefinition<S>, "key">;

function define<S extends z.ZodType<JsonValue>>(definition: Definition<S>): Definition<S> {
  return definition;
}

const int = (min: number, max: number) => z.number().int().min(min).max(max);

/** A list without repeated items. */
function list<T extends z.ZodType<JsonValue>>(item: T) {
  return z
    .array(item)
    .max(50)
    .refine((items) => new Set(items.map((i) => JSON.stringify(i))).size === items.length, {
      params: { i18n: "duplicates" },
    });
}

export const REMINDER_CHANNELS = ["EMAIL", "INAPP"] as const;
export const LEAD_PROTECTION_MODES = ["GREATEST", "LEAST"] as const;

export const SETTINGS = {
  // Lead protection (commercial agent contract). Read by the lead-protection rules from the global
  // scope: one contract for the whole installation. PostgreSQL's app_lead_protection_config() falls
  // back on the same defaults (lib/leads/constants.int.test.ts holds them equal).
  "lead.protection.baseMonths": define({
    group: "leadProtection",
    kind: "scalar",
    scopes: ["global"],
    schema: int(1, 120),
    default: 6,
    merge: "replace",
    input: { control: "number", unit: "months", step: 1 },
  }),
  "lead.protection.progressDays": define({
    group: "leadProtection",
    kind: "scalar",
    scopes: ["global"],
    schema: int(1, 3650),
    default: 60,
    merge: "replace",
    input: { control: "number", unit: "days", step: 1 },
  }),
  "lead.protection.graceDays": define({
    group: "leadProtection",
    kind: "scalar",
    scopes: ["global"],
    schema: int(0, 365),
    default: 10,
    merge: "replace",
    input: { control: "number", unit: "days", step: 1 },
  }),
  "lead.protection.mode": define({
    group: "leadProtection",
    kind: "scalar",
    scopes: ["global"],
    schema: z.enum(LEAD_PROTECTION_MODES),
    default: "GREATEST",
    merge: "replace",
    input: { control: "select", options: LEAD_PROTECTION_MODES },
  }),
  "lead.protection.warningDays": define({
    group: "leadProtection",
    kind: "scalar",
    scopes: ["global"],
    schema: int(0, 365),
    default: 7,
    merge: "replace",
    input: { control: "number", unit: "days", step: 1 },
  }),
  "lead.protection.reminder.channels": define({
    group: "leadProtection",
    kind: "list",
    scopes: ["global"],
    // Replace, not append: the operator must be able to switch a default channel off (say, e-mail
    // before the mail server is set up). At least one channel, so no reminder goes nowhere.
    schema: list(z.enum(REMINDER_CHANNELS)).min(1),
    default: ["EMAIL", "INAPP"],
    merge: "replace",
    input: { control: "multiselect", options: REMINDER_CHANNELS },
  }),
  "lead.protection.notify.roles": define({
    group: "leadProtection",
    kind: "list",
    scopes: ["global"],
    schema: list(z.enum(ROLES)).min(1),
    default: ["manager"],
    merge: "replace",
    input: { control: "multiselect", options: ROLES },
  }),

  // AI router.
  "ai.budget.monthly.cap": define({
    group: "ai",
    kind: "scalar",
    scopes: ["org"],
    schema: z.number().min(0).max(10_000_000),
    default: 1000,
    merge: "replace",
    input: { control: "number", unit: "eur", step: 1 },
  }),
  // What each member may spend per month: set by the organisation for all its members, and lowered
  // by a member for themselves (the tighter limit wins; null: no limit). The router applies it
  // besides the organisation's cap (ai.budget.monthly.cap).
  "ai.budget.user.monthly.cap": define({
    group: "ai",
    kind: "scalar",
    scopes: ["org", "user"],
    schema: z.number().min(0).max(10_000_000).nullable(),
    default: null,
    merge: "min",
    input: { control: "number", unit: "eur", step: 1, nullable: true },
  }),
  "ai.routing.confidence.threshold": define({
    group: "ai",
    kind: "scalar",
    scopes: ["global", "org", "user"],
    schema: z.number().min(0).max(1),
    default: 0.7,
    merge: "replace",
    input: { control: "number", unit: "ratio", step: 0.05 },
  }),
  "ai.cache.ttl": define({
    group: "ai",
    kind: "scalar",
    scopes: ["global"],
    schema: ZDuration,
    default: "PT8H",
    merge: "replace",
    input: { control: "text", unit: "duration" },
  }),

  // Credit checks (Allianz Trade).
  "credit.cache.ttl": define({
    group: "credit",
    kind: "scalar",
    scopes: ["global"],
    schema: ZDuration,
    default: "PT8H",
    merge: "replace",
    input: { control: "text", unit: "duration" },
  }),
  "credit.batch.window.ms": define({
    group: "credit",
    kind: "scalar",
    scopes: ["global"],
    schema: int(1, 60_000),
    default: 50,
    merge: "replace",
    input: { control: "number", unit: "ms", step: 1 },
  }),
  "credit.peak.slo.p95.ms": define({
    group: "credit",
    kind: "scalar",
    scopes: ["global"],
    schema: int(1, 60_000),
    default: 500,
    merge: "replace",
    input: { control: "number", unit: "ms", step: 1 },
  }),

  // Samples and the customer feedback portal (lib/samples).
  "samples.feedback.link.ttl": define({
    group: "samples",
    kind: "scalar",
    scopes: ["global", "org"],
    schema: ZDuration,
    default: "P21D",
    merge: "replace",
    input: { control: "text", unit: "duration" },
  }),
  "samples.feedback.reminder.after": define({
    group: "samples",
    kind: "scalar",
    scopes: ["global", "org"],
    schema: ZDuration,
    default: "P5D",
    merge: "replace",
    input: { control: "text", unit: "duration" },
  }),
  "samples.feedback.contact": define({
    group: "samples",
    kind: "scalar",
    scopes: ["global", "org"],
    schema: z.email().max(254),
    default: "vertrieb@freshfoodz.de",
    merge: "replace",
    input: { control: "text" },
  }),

  // Members (lib/auth/members.ts): how long a set-password link (invitation, reset) stays usable.
  "members.passwordLink.ttl": define({
    group: "members",
    kind: "scalar",
    scopes: ["global", "org"],
    schema: ZDuration,
    default: "PT72H",
    merge: "replace",
    input: { control: "text", unit: "duration" },
  }),

  // Integrations (lib/integrations): how long integration_call keeps a call (the job
  // integrations-housekeeping deletes older ones). The health figures need the last 15 minutes.
  "integrations.calls.retention": define({
    group: "integrations",
    kind: "scalar",
    scopes: ["global", "org"],
    schema: ZDuration,
    default: "P30D",
    merge: "replace",
    input: { control: "text", unit: "duration" },
  }),
  // How long the inbox keeps what it read (mail_message, decided suggestions): older ones go; a
  // confirmed suggestion that became an activity stays pseudonymised (lib/integrations/retention.ts).
  "integrations.mail.retention": define({
    group: "integrations",
    kind: "scalar",
    scopes: ["global", "org"],
    schema: ZDuration,
    default: "P180D",
    merge: "replace",
    input: { control: "text", unit: "duration" },
  }),
  // How long processed webhook events stay (failed ones twice as long, to be replayed).
  "integrations.webhooks.retention": define({
    group: "integrations",
    kind: "scalar",
    scopes: ["global", "org"],
    schema: ZDuration,
    default: "P30D",
    merge: "replace",
    input: { control: "text", unit: "duration" },
  }),

  // System (lib/log): how long app_log keeps the app's warnings and errors (the job log-housekeeping
  // deletes older ones): an organisation's value for its own lines, the global one for the others.
  "system.logs.retention": define({
    group: "system",
    kind: "scalar",
    scopes: ["global", "org"],
    schema: ZDuration,
    default: "P30D",
    merge: "replace",
    input: { control: "text", unit: "duration" },
  }),
  // Backups (lib/system/backup.ts): how many of the newest daily, weekly and monthly backups
  // retention keeps (a backup kept for any reason stays; the last good one is never pruned).
  "system.backups.keepDaily": define({
    group: "system",
    kind: "scalar",
    scopes: ["global"],
    schema: int(1, 366),
    default: 7,
    merge: "replace",
    input: { control: "number", step: 1 },
  }),
  "system.backups.keepWeekly": define({
    group: "system",
    kind: "scalar",
    scopes: ["global"],
    schema: int(0, 520),
    default: 4,
    merge: "replace",
    input: { control: "number", step: 1 },
  }),
  "system.backups.keepMonthly": define({
    group: "system",
    kind: "scalar",
    scopes: ["global"],
    schema: int(0, 240),
    default: 12,
    merge: "replace",
    input: { control: "number", step: 1 },
  }),
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTINGS)[K]["schema"]>;

/** A registry as the resolver and the service use it: definitions by key. */
export type Registry = ReadonlyMap<string, SettingDefinition>;

export function buildRegistry(definitions: Record<string, Definition<z.ZodType<JsonValue>>>): Registry {
  const registry = new Map<string, SettingDefinition>();
  for (const [key, definition] of Object.entries(definitions)) {
    if (definition.merge === "append" && definition.kind !== "list") {
      throw new Error(`setting ${key}: the append strategy is for lists only`);
    }
    if (
      definition.merge === "min" &&
      (definition.kind !== "scalar" ||
        (definition.default !== null && typeof definition.default !== "number"))
    ) {
      throw new Error(`setting ${key}: the min strategy is for numbers only`);
    }
    const order = definition.scopes.map((s) => SETTING_SCOPES.indexOf(s));
    if (order.length === 0 || order.some((o, i) => o < 0 || (i > 0 && o <= order[i - 1]))) {
      throw new Error(
        `setting ${key}: scopes must be a non-empty subset of ${SETTING_SCOPES.join(", ")}, in order`,
      );
    }
    registry.set(key, { key, ...definition });
  }
  return registry;
}

export const REGISTRY: Registry = buildRegistry(SETTINGS);

export function isSettingKey(key: string): key is SettingKey {
  return REGISTRY.has(key);
}

// Validation with messages in the user's language -----------------------------------------------

export type ValidationLocale = "de" | "en";

const CUSTOM_MESSAGES: Record<ValidationLocale, Record<string, string>> = {
  de: deMessages.validation,
  en: enMessages.validation,
};

/**
 * A value's problems in the given language: the registry's custom checks (which carry `params.i18n`
 * instead of a message, see schemas.ts) worded from settingsRegistry.json, everything else as every
 * form words it (lib/i18n/fieldText.ts), never zod's own code-speak ("erwartet number <=100").
 */
export function validationErrorMap(locale: ValidationLocale): z.core.$ZodErrorMap {
  const words = fieldWords(locale);
  return (issue) => {
    const id = issue.code === "custom" ? (issue.params as { i18n?: unknown } | undefined)?.i18n : undefined;
    if (typeof id === "string" && CUSTOM_MESSAGES[locale][id]) return CUSTOM_MESSAGES[locale][id];
    return fieldText(words, fieldCodeOf(issue as z.core.$ZodIssue), issue.path?.join(".") ?? "");
  };
}

export type ValidationResult = { ok: true; value: JsonValue } | { ok: false; message: string };

/** Checks a value against the key's schema; the first problem, worded for `locale`, if any. */
export function validateValue(
  definition: SettingDefinition,
  value: unknown,
  locale: ValidationLocale = "en",
): ValidationResult {
  const parsed = definition.schema.safeParse(value, { error: validationErrorMap(locale) });
  if (parsed.success) return { ok: true, value: parsed.data };
  const [issue] = parsed.error.issues;
  const where = issue.path.length > 0 ? `[${issue.path.join(".")}] ` : "";
  return { ok: false, message: `${where}${issue.message}` };
}

/**
 * Turns what the settings form submitted (always text) into the JSON value to validate: numbers
 * (a decimal comma allowed), an empty nullable field as null, lists as comma-separated items.
 * Anything that does not convert is passed on as text, so the schema refuses it with its message.
 */
export function formValueToJson(definition: SettingDefinition | undefined, text: string): unknown {
  const trimmed = text.trim();
  if (!definition) return trimmed;
  const { control, nullable } = definition.input;
  if (nullable && trimmed === "") return null;
  switch (control) {
    case "number":
      return trimmed === "" ? trimmed : decimal(trimmed);
    case "multiselect":
      return trimmed === ""
        ? []
        : trimmed
            .split(",")
            .map((item) => item.trim())
            .filter(Boolean);
    case "json":
      try {
        return JSON.parse(trimmed) as unknown;
      } catch {
        return trimmed;
      }
    default:
      return trimmed;
  }
}
