import "server-only";

import { Prisma, type DbContext, type Tx } from "@/lib/db";

import {
  REGISTRY,
  type Registry,
  type SettingDefinition,
  type SettingKey,
  type SettingValue,
} from "./registry";
import { resolveSetting, type StoredValues } from "./resolve";
import type { JsonValue, TEffectiveSetting, TSettingScope, TStoredSetting } from "./schemas";

/**
 * Reads and writes of setting_value, inside the caller's transaction (withOrg). Row-level security
 * limits what a transaction sees; the filters below say the same thing explicitly, so a read never
 * mixes in a row it should not use even if a policy were widened (say, admins reading users' rows).
 */

/** Whose row: global (no org, no user), an organisation's, or a user's in an organisation. */
export interface SettingOwner {
  scope: TSettingScope;
  orgId: string | null;
  userId: string | null;
}

export interface StoredRow {
  scope: TSettingScope;
  key: string;
  value: JsonValue;
  updatedAt: Date;
}

type ReadContext = Pick<DbContext, "orgId" | "userId">;

/** The stored values of `keys` that apply to the context: global, its org's, its user's. */
export async function readStoredValues(
  tx: Tx,
  ctx: ReadContext,
  keys: readonly string[],
): Promise<StoredRow[]> {
  const scopes: Prisma.SettingValueWhereInput[] = [{ scope: "global", orgId: null, userId: null }];
  if (ctx.orgId) {
    scopes.push({ scope: "org", orgId: ctx.orgId, userId: null });
    if (ctx.userId) scopes.push({ scope: "user", orgId: ctx.orgId, userId: ctx.userId });
  }
  const rows = await tx.settingValue.findMany({
    where: { key: { in: [...keys] }, OR: scopes },
    select: { scope: true, key: true, value: true, updatedAt: true },
  });
  return rows.map((row) => ({ ...row, scope: row.scope as TSettingScope, value: row.value as JsonValue }));
}

export interface SettingState {
  definition: SettingDefinition;
  effective: TEffectiveSetting;
  stored: Partial<Record<TSettingScope, TStoredSetting>>;
}

/** Effective values (and what is stored per scope) of the given keys, in the registry's order. */
export async function readSettings(
  tx: Tx,
  ctx: ReadContext,
  keys: readonly string[] = [...REGISTRY.keys()],
  registry: Registry = REGISTRY,
): Promise<SettingState[]> {
  const definitions = keys.flatMap((key) => registry.get(key) ?? []);
  const rows = await readStoredValues(
    tx,
    ctx,
    definitions.map((d) => d.key),
  );
  return definitions.map((definition) => {
    const mine = rows.filter((row) => row.key === definition.key);
    const values: StoredValues = Object.fromEntries(mine.map((row) => [row.scope, row.value]));
    const stored = Object.fromEntries(
      mine.map((row) => [row.scope, { value: row.value, updatedAt: row.updatedAt.toISOString() }]),
    );
    return { definition, effective: resolveSetting(definition, values), stored };
  });
}

/**
 * One key's effective value inside the caller's transaction, for other domains' rules (lead
 * protection, the AI router, credit checks), which have done their own access check already.
 */
export async function readEffectiveValue<K extends SettingKey>(
  tx: Tx,
  ctx: ReadContext,
  key: K,
): Promise<SettingValue<K>> {
  const [state] = await readSettings(tx, ctx, [key]);
  return state.effective.value as SettingValue<K>;
}

const matches = (column: string, value: string | null) =>
  value === null
    ? Prisma.sql`${Prisma.raw(column)} IS NULL`
    : Prisma.sql`${Prisma.raw(column)} = ${value}::uuid`;

function ownerFilter(owner: SettingOwner, key: string): Prisma.Sql {
  return Prisma.sql`scope = ${owner.scope} AND ${matches("org_id", owner.orgId)}
                    AND ${matches("user_id", owner.userId)} AND key = ${key}`;
}

/**
 * The stored value of one row, locked until the transaction ends; undefined when there is none.
 * The advisory lock also covers a row that does not exist yet, so two first writes of the same
 * row queue up and the second one's audit event sees the first one's value as "before".
 */
export async function lockStoredValue(
  tx: Tx,
  owner: SettingOwner,
  key: string,
): Promise<JsonValue | undefined> {
  const lockKey = `setting:${owner.scope}:${owner.orgId ?? "-"}:${owner.userId ?? "-"}:${key}`;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${lockKey}, 0))`;
  const rows = await tx.$queryRaw<{ value: JsonValue }[]>`
    SELECT value FROM setting_value WHERE ${ownerFilter(owner, key)} FOR UPDATE`;
  return rows.length > 0 ? rows[0].value : undefined;
}

/** Inserts or replaces one row. Returns the number of rows written (1; RLS refusals throw 42501). */
export async function upsertStoredValue(
  tx: Tx,
  owner: SettingOwner,
  key: string,
  value: JsonValue,
  updatedBy: string | null,
): Promise<number> {
  return tx.$executeRaw`
    INSERT INTO setting_value (scope, org_id, user_id, key, value, updated_by)
    VALUES (${owner.scope}, ${owner.orgId}::uuid, ${owner.userId}::uuid, ${key},
            ${JSON.stringify(value)}::jsonb, ${updatedBy}::uuid)
    ON CONFLICT ON CONSTRAINT setting_value_unique
    DO UPDATE SET value = EXCLUDED.value, updated_at = now(), updated_by = EXCLUDED.updated_by`;
}

/** Deletes one row; the number of rows deleted (0 when there was none, or RLS hides it). */
export async function deleteStoredValue(tx: Tx, owner: SettingOwner, key: string): Promise<number> {
  return tx.$executeRaw`DELETE FROM setting_value WHERE ${ownerFilter(owner, key)}`;
}

/** Whether a user is a member of the context's organisation (for operators naming a user). */
export async function isMember(tx: Tx, orgId: string, userId: string): Promise<boolean> {
  const member = await tx.membership.findUnique({
    where: { orgId_userId: { orgId, userId } },
    select: { userId: true },
  });
  return member !== null;
}
