import type { SettingDefinition } from "./registry";
import type { JsonValue, TEffectiveSetting, TSettingScope, TSettingSource } from "./schemas";

/**
 * How an effective value is made from the default and the stored values, with the explanation of
 * where each part came from. Pure: the stored values come in, already limited by RLS to what the
 * caller may see (global, their organisation's, their own).
 *
 * - `replace`: the narrowest allowed scope that has a value wins (user over org over global over
 *   the default); `sources` names that one scope.
 * - `append` (lists): the default's items, then each wider-to-narrower scope's new items, without
 *   repeats; `sources` lists the default and every scope that has a value, each with the items it
 *   added (an empty list when all of them were there already).
 * - `min` (limits): the smallest number among the default and every scope's value wins, so a
 *   narrower scope can tighten a limit but never loosen it; null means "no limit". `sources` names
 *   the winning one (the widest of equals); with no number anywhere, the value is null.
 *
 * A stored value is ignored when its scope is not (or no longer) allowed for the key, or when it no
 * longer passes the key's schema (the registry changed after it was written): the caller always
 * gets a valid value.
 */
export type StoredValues = Partial<Record<TSettingScope, JsonValue>>;

function usable(definition: SettingDefinition, stored: StoredValues) {
  return definition.scopes.flatMap((scope) => {
    if (!Object.hasOwn(stored, scope)) return [];
    const value = stored[scope] as JsonValue;
    return definition.schema.safeParse(value).success ? [{ scope, value }] : [];
  });
}

export function resolveSetting(definition: SettingDefinition, stored: StoredValues): TEffectiveSetting {
  const layers = usable(definition, stored);
  const fallback: TSettingSource = { scope: "default", value: definition.default };

  if (definition.merge === "replace") {
    const winner = layers.at(-1) ?? fallback;
    return { key: definition.key, value: winner.value, sources: [winner] };
  }
  if (definition.merge === "min") {
    const limits = [fallback, ...layers].filter((l) => typeof l.value === "number");
    const winner = limits.reduce<TSettingSource | undefined>(
      (least, l) => (least === undefined || (l.value as number) < (least.value as number) ? l : least),
      undefined,
    );
    return {
      key: definition.key,
      value: winner?.value ?? null,
      sources: [winner ?? layers.at(-1) ?? fallback],
    };
  }

  const items: JsonValue[] = [];
  const seen = new Set<string>();
  const add = (list: JsonValue): JsonValue[] => {
    const added: JsonValue[] = [];
    for (const item of Array.isArray(list) ? list : []) {
      const id = JSON.stringify(item);
      if (seen.has(id)) continue;
      seen.add(id);
      items.push(item);
      added.push(item);
    }
    return added;
  };
  const sources: TSettingSource[] = [{ scope: "default", value: add(definition.default) }];
  for (const layer of layers) sources.push({ scope: layer.scope, value: add(layer.value) });
  return { key: definition.key, value: items, sources };
}
