"use client";

import { useFormatter, useTranslations } from "next-intl";

import type { JsonValue, TSettingInput, TSourceScope } from "@/lib/settings/schemas";

type Translate = (key: string) => string;

const UNITS = new Set(["months", "days", "ms"]);

/** The value as the form field holds it: the text `formValueToJson` turns back into JSON. */
export function toFieldText(value: JsonValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(String).join(",");
  if (typeof value === "object") return JSON.stringify(value, null, 2);
  return String(value);
}

/**
 * Texts of the settings registry: a key's label and help (nested under `keys` in
 * settingsRegistry.json, one level per dot of the key), scope names and values in the user's words.
 */
export function useSettingText() {
  const t = useTranslations("settingsRegistry");
  const format = useFormatter();
  // Keys, options and units come from the registry at run time, not as literal message keys.
  const dynamic = t as unknown as Translate;
  const has = (key: string) => (t.has as unknown as (key: string) => boolean)(key);

  const option = (item: JsonValue) => {
    const key = `options.${String(item)}`;
    return has(key) ? dynamic(key) : String(item);
  };

  const list = (items: JsonValue[]) => (items.length === 0 ? t("emptyList") : items.map(option).join(", "));

  return {
    t,
    list,
    label: (key: string) => dynamic(`keys.${key}.label`),
    help: (key: string) => dynamic(`keys.${key}.help`),
    scope: (scope: TSourceScope) => t(`scopes.${scope}`),
    option,
    unit: (unit: string) => (has(`units.${unit}`) ? dynamic(`units.${unit}`) : unit),
    value(value: JsonValue, input: TSettingInput): string {
      if (value === null) return input.nullable ? t("noLimit") : "–";
      if (Array.isArray(value)) return list(value);
      if (typeof value === "number") {
        if (input.unit === "eur") return format.number(value, { style: "currency", currency: "EUR" });
        const number = format.number(value);
        return input.unit && UNITS.has(input.unit) ? `${number} ${dynamic(`units.${input.unit}`)}` : number;
      }
      if (typeof value === "string") return input.options ? option(value) : value;
      return JSON.stringify(value);
    },
  };
}
