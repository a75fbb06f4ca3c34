import { z } from "zod";

import { hasPrototypeKey } from "@/lib/keys";

/**
 * Inputs and outputs of the settings registry. The registry of keys itself is `registry.ts`; the
 * resolution of a value across scopes is `resolve.ts`.
 */

/**
 * Where a value can be stored, widest first. The issue names global → tenant → org → user; this
 * product has no tenant above the organisation (an organisation is the tenant), so there is no
 * tenant scope. Adding one later means a scope here, a column and policies in setting_value.
 */
export const SETTING_SCOPES = ["global", "org", "user"] as const;
export const ZSettingScope = z.enum(SETTING_SCOPES);
export type TSettingScope = z.infer<typeof ZSettingScope>;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export const ZSettingKey = z.string().trim().min(1).max(200);

/**
 * A setting's value: any JSON whose objects name no prototype key (lib/keys.ts). Checked before
 * z.json(), which would drop a `__proto__` member silently; such a value is refused instead. The
 * issue carries `params.i18n` for the message in the user's language (see `validationErrorMap`).
 */
const ZSettingValue = z
  .unknown()
  .refine((value) => !hasPrototypeKey(value), { params: { i18n: "prototypeKey" }, abort: true })
  .pipe(z.json());

/** Set a value (service, CLI). `value` is checked against the key's own schema by the service. */
export const ZSetSetting = z.strictObject({ key: ZSettingKey, scope: ZSettingScope, value: ZSettingValue });
export type TSetSetting = z.infer<typeof ZSetSetting>;

/** Remove a stored value, so the next wider scope (or the default) applies again. */
export const ZClearSetting = z.strictObject({ key: ZSettingKey, scope: ZSettingScope });
export type TClearSetting = z.infer<typeof ZClearSetting>;

/** The settings page's form: the value as typed; `formValueToJson` turns it into JSON per key. */
export const ZSettingForm = z.object({
  key: ZSettingKey,
  scope: ZSettingScope,
  value: z.string().max(10_000),
});
export type TSettingForm = z.infer<typeof ZSettingForm>;

// ISO 8601 durations ------------------------------------------------------------------------------

/**
 * Weeks, days, hours, minutes and seconds only: years and months have no fixed length, which a TTL
 * or a window needs. `PT8H`, `P1D`, `PT90M`, `P1DT12H`, `PT0.5S`.
 */
const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?)?$/;
export const MAX_DURATION_MS = 366 * 24 * 60 * 60 * 1000;

/** Milliseconds of an ISO 8601 duration as above, or null when the text is not one. */
export function durationToMs(text: string): number | null {
  const match = DURATION.exec(text);
  if (!match || text === "P" || text.endsWith("T")) return null;
  const [, weeks, days, hours, minutes, seconds] = match;
  const parts: [string | undefined, number][] = [
    [weeks, 7 * 86_400_000],
    [days, 86_400_000],
    [hours, 3_600_000],
    [minutes, 60_000],
    [seconds, 1000],
  ];
  return Math.round(parts.reduce((ms, [part, unit]) => ms + (part ? Number(part) * unit : 0), 0));
}

/**
 * A positive duration of at most 366 days. The issues carry `params.i18n` instead of a message, so
 * `validationErrorMap` in registry.ts can word them in the user's language.
 */
export const ZDuration = z
  .string()
  .refine((v) => durationToMs(v) !== null, { params: { i18n: "isoDuration" }, abort: true })
  .refine(
    (v) => {
      const ms = durationToMs(v) ?? 0;
      return ms > 0 && ms <= MAX_DURATION_MS;
    },
    { params: { i18n: "durationRange" } },
  );

// What the settings page shows (GET /api/v1/settings) -------------------------------------------
// The types are these schemas' own (z.infer), so the API document and the page cannot drift apart.

function isJsonValue(value: unknown): value is JsonValue {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonValue);
  if (typeof value !== "object") return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return (prototype === Object.prototype || prototype === null) && Object.values(value).every(isJsonValue);
}
// Any JSON value, named `JsonValue` in the API document, where it is the schema that allows
// anything. Not z.json(): the document would carry its recursive union, which has no name there and
// which openapi-typescript turns into a type TypeScript refuses ("referenced directly or indirectly
// in its own type annotation"); API clients see `unknown` and narrow by the setting's key.
const ZJsonValue: z.ZodType<JsonValue> = z
  .custom<JsonValue>(isJsonValue, { message: "Not a JSON value" })
  .meta({ id: "JsonValue", description: "Any JSON value" });

/** Where (part of) an effective value came from: the registry's default or a stored scope. */
export const ZSourceScope = z.enum(["default", ...SETTING_SCOPES]);
export type TSourceScope = z.infer<typeof ZSourceScope>;
export const ZSettingGroup = z.enum([
  "leadProtection",
  "ai",
  "credit",
  "samples",
  "members",
  "integrations",
  "system",
]);
export type TSettingGroup = z.infer<typeof ZSettingGroup>;
export const ZSettingKind = z.enum(["scalar", "list", "object"]);
export type TSettingKind = z.infer<typeof ZSettingKind>;
export const ZMergeStrategy = z.enum(["replace", "append", "min"]);
export type TMergeStrategy = z.infer<typeof ZMergeStrategy>;
export const ZSettingUnit = z.enum(["months", "days", "eur", "ms", "ratio", "duration"]);
export type TSettingUnit = z.infer<typeof ZSettingUnit>;

export const ZSettingSource = z.object({
  scope: ZSourceScope,
  value: ZJsonValue.describe("For `replace`: the winning value. For `append`: the items this scope added."),
});
export type TSettingSource = z.infer<typeof ZSettingSource>;

export const ZEffectiveSetting = z
  .object({ key: z.string(), value: ZJsonValue, sources: z.array(ZSettingSource) })
  .meta({ id: "EffectiveSetting" });
/** An effective value; `T` narrows the value for code that knows the key. */
export type TEffectiveSetting<T extends JsonValue = JsonValue> = Omit<
  z.infer<typeof ZEffectiveSetting>,
  "value"
> & { value: T };

/** How the page edits a value; plain data, so it crosses to the browser. */
export const ZSettingInput = z.object({
  control: z.enum(["number", "text", "select", "multiselect", "json"]),
  options: z.array(z.string()).readonly().optional(),
  unit: ZSettingUnit.optional(),
  nullable: z.boolean().optional().describe("An empty field means JSON null (e.g. no cap)"),
  step: z.number().optional(),
});
export type TSettingInput = z.infer<typeof ZSettingInput>;

export const ZStoredSetting = z.object({ value: ZJsonValue, updatedAt: z.iso.datetime() });
export type TStoredSetting = z.infer<typeof ZStoredSetting>;

/** One key as the settings page shows it to the caller. */
export const ZSettingRow = z
  .object({
    key: z.string(),
    group: ZSettingGroup,
    kind: ZSettingKind,
    merge: ZMergeStrategy,
    scopes: z.array(ZSettingScope).readonly(),
    input: ZSettingInput,
    defaultValue: ZJsonValue,
    effective: ZEffectiveSetting,
    stored: z
      .partialRecord(ZSettingScope, ZStoredSetting)
      .describe("The values stored at the scopes the caller can see (row-level security decides)"),
    editable: z.array(ZSettingScope).describe("The scopes the caller may write for this key"),
  })
  .meta({ id: "SettingRow" });
export type TSettingRow = z.infer<typeof ZSettingRow>;
