import "server-only";

import type { z } from "zod";

import { recordAudit } from "@/lib/audit/service";
import { authorize, can, type Action, type Resource } from "@/lib/auth/policy";
import { withOrg, type OrgContext } from "@/lib/db";
import { AppError } from "@/lib/errors";

import {
  readSettings,
  lockStoredValue,
  upsertStoredValue,
  deleteStoredValue,
  type SettingOwner,
} from "./queries";
import {
  REGISTRY,
  validateValue,
  validationErrorMap,
  type Registry,
  type SettingDefinition,
  type SettingKey,
  type SettingValue,
  type ValidationLocale,
} from "./registry";
import {
  ZClearSetting,
  ZSetSetting,
  type JsonValue,
  type TEffectiveSetting,
  type TSettingRow,
  type TSettingScope,
} from "./schemas";

/**
 * The settings registry's rules: resolve effective values, and set or clear a stored value after
 * checking the key, the scope, the caller's right (ABAC) and the value (the key's zod schema). Every
 * change is written together with its audit event in one withOrg transaction, where RLS checks the
 * write a second time.
 */

const WRITE_ACTION: Record<TSettingScope, Action> = {
  global: "settings.global.write",
  org: "settings.org.write",
  user: "settings.user.write",
};

/** Global values are visible in every organisation, so each is judged in the caller's one. A user
 *  value is always the caller's own: its owner is never taken from the input. */
function resourceOf(ctx: OrgContext, scope?: TSettingScope): Resource {
  return {
    type: "setting",
    orgId: ctx.orgId,
    attributes: scope === "user" ? { ownerId: ctx.userId } : undefined,
  };
}

function ownerOf(ctx: OrgContext, scope: TSettingScope): SettingOwner {
  if (scope === "global") return { scope, orgId: null, userId: null };
  if (scope === "org") return { scope, orgId: ctx.orgId, userId: null };
  return { scope, orgId: ctx.orgId, userId: ctx.userId };
}

/** Whether the caller may write `scope` (the page shows edit controls only for these). */
export function mayWrite(ctx: OrgContext, scope: TSettingScope): boolean {
  return can(ctx, WRITE_ACTION[scope], resourceOf(ctx, scope));
}

function requireDefinition(key: string, registry: Registry): SettingDefinition {
  const definition = registry.get(key);
  if (!definition) throw new AppError("not_found", `No setting "${key}".`);
  return definition;
}

/** For writes: the key must exist and allow the scope, else 422 with the field at fault. */
function writableDefinition(key: string, scope: TSettingScope): SettingDefinition {
  const definition = REGISTRY.get(key);
  if (!definition) {
    const message = `Unknown setting "${key}".`;
    throw new AppError("unprocessable", message, { fieldErrors: [{ path: "key", message }] });
  }
  if (!definition.scopes.includes(scope)) {
    const message = `${key} cannot be set at ${scope} scope (allowed: ${definition.scopes.join(", ")}).`;
    throw new AppError("unprocessable", message, { fieldErrors: [{ path: "scope", message }] });
  }
  return definition;
}

function parseInput<S extends z.ZodType>(schema: S, input: unknown, locale?: ValidationLocale): z.infer<S> {
  const parsed = schema.safeParse(input, { error: validationErrorMap(locale ?? "en") });
  if (parsed.success) return parsed.data;
  const fieldErrors = parsed.error.issues.map((i) => ({ path: i.path.join(".") || "_", message: i.message }));
  throw new AppError("bad_request", fieldErrors.map((f) => `${f.path}: ${f.message}`).join("; "), {
    fieldErrors,
  });
}

/** Operators and jobs act as "system": the row records no user, the audit event says who. */
function updatedBy(ctx: OrgContext): string | null {
  return ctx.actor?.type === "system" ? null : ctx.userId;
}

/** What the audit event records of one side of a change; undefined (a NULL column) for "none". */
function auditValue(owner: SettingOwner, value: JsonValue | undefined) {
  if (value === undefined) return undefined;
  return owner.scope === "user"
    ? { scope: owner.scope, userId: owner.userId, value }
    : { scope: owner.scope, value };
}

/**
 * The value of `key` for the context's user in its organisation: default → global → org → user as
 * far as the key allows, merged by its strategy, with `sources` saying where each part came from.
 */
export async function getEffective<K extends SettingKey>(
  key: K,
  ctx: OrgContext,
): Promise<TEffectiveSetting<SettingValue<K>>>;
export async function getEffective(
  key: string,
  ctx: OrgContext,
  registry?: Registry,
): Promise<TEffectiveSetting>;
export async function getEffective(
  key: string,
  ctx: OrgContext,
  registry: Registry = REGISTRY,
): Promise<TEffectiveSetting> {
  requireDefinition(key, registry);
  const [effective] = await getEffectiveMany(ctx, [key], registry);
  return effective;
}

/** `getEffective` for several keys (all of the registry's by default) in one read. */
export async function getEffectiveMany(
  ctx: OrgContext,
  keys: readonly string[] = [...REGISTRY.keys()],
  registry: Registry = REGISTRY,
): Promise<TEffectiveSetting[]> {
  for (const key of keys) requireDefinition(key, registry);
  authorize(ctx, "settings.read", resourceOf(ctx));
  const states = await withOrg(ctx, (tx) => readSettings(tx, ctx, keys, registry));
  return states.map((s) => s.effective);
}

/** Every key for the settings page: effective value, sources, stored values, what the caller may edit. */
export async function listSettings(ctx: OrgContext): Promise<TSettingRow[]> {
  authorize(ctx, "settings.read", resourceOf(ctx));
  const states = await withOrg(ctx, (tx) => readSettings(tx, ctx));
  return states.map(({ definition, effective, stored }) => ({
    key: definition.key,
    group: definition.group,
    kind: definition.kind,
    merge: definition.merge,
    scopes: definition.scopes,
    input: definition.input,
    defaultValue: definition.default,
    effective,
    stored,
    editable: definition.scopes.filter((scope) => mayWrite(ctx, scope)),
  }));
}

/**
 * Stores a value at a scope: global (platform admins), the caller's organisation (its admins) or
 * the caller themselves. Invalid values are refused with the schema's message, in `locale`.
 */
export async function setSetting(
  ctx: OrgContext,
  input: unknown,
  options: { locale?: ValidationLocale } = {},
): Promise<TEffectiveSetting> {
  const { key, scope, value } = parseInput(ZSetSetting, input, options.locale);
  const definition = writableDefinition(key, scope);
  authorize(ctx, WRITE_ACTION[scope], resourceOf(ctx, scope));
  const checked = validateValue(definition, value, options.locale);
  if (!checked.ok) {
    throw new AppError("unprocessable", `Invalid value for ${key}: ${checked.message}`, {
      fieldErrors: [{ path: "value", message: checked.message }],
    });
  }

  const owner = ownerOf(ctx, scope);
  return withOrg(ctx, async (tx) => {
    const before = await lockStoredValue(tx, owner, key);
    await upsertStoredValue(tx, owner, key, checked.value, updatedBy(ctx));
    await recordAudit(tx, ctx, {
      action: "settings.value.changed",
      resourceType: "setting",
      resourceId: key,
      before: auditValue(owner, before),
      after: auditValue(owner, checked.value),
    });
    const [state] = await readSettings(tx, ctx, [key]);
    return state.effective;
  });
}

/** Removes a stored value, so the wider scope (or the default) applies again. */
export async function clearSetting(
  ctx: OrgContext,
  input: unknown,
): Promise<{ cleared: boolean; effective: TEffectiveSetting }> {
  const { key, scope } = parseInput(ZClearSetting, input);
  writableDefinition(key, scope);
  authorize(ctx, WRITE_ACTION[scope], resourceOf(ctx, scope));

  const owner = ownerOf(ctx, scope);
  return withOrg(ctx, async (tx) => {
    const before = await lockStoredValue(tx, owner, key);
    const cleared = before !== undefined && (await deleteStoredValue(tx, owner, key)) > 0;
    if (cleared) {
      await recordAudit(tx, ctx, {
        action: "settings.value.cleared",
        resourceType: "setting",
        resourceId: key,
        before: auditValue(owner, before),
      });
    }
    const [state] = await readSettings(tx, ctx, [key]);
    return { cleared, effective: state.effective };
  });
}
