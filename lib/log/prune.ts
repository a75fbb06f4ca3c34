import "server-only";

import { withContext, type DbContext, type Tx } from "@/lib/db";
import { readEffectiveValue } from "@/lib/settings/queries";
import { SETTINGS } from "@/lib/settings/registry";
import { durationToMs, ZDuration } from "@/lib/settings/schemas";

/**
 * app_log's retention (system.logs.retention, default P30D): each organisation's lines go after its
 * own effective value; lines of no organisation after the global value. The system context only.
 */

const KEY = "system.logs.retention";

function cutoff(value: string, now: Date): Date {
  const ms = durationToMs(value);
  if (ms === null) throw new Error(`${KEY} is not an ISO 8601 duration: ${value}`);
  return new Date(now.getTime() - ms);
}

/** The global value as stored (readable in any organisation's context), else the default. */
async function globalRetention(tx: Tx): Promise<string> {
  const [row] = await tx.$queryRaw<{ value: unknown }[]>`
    SELECT value FROM setting_value WHERE scope = 'global' AND key = ${KEY}`;
  const parsed = ZDuration.safeParse(row?.value);
  return parsed.success ? parsed.data : SETTINGS[KEY].default;
}

export async function pruneAppLog(
  system: DbContext,
  now: Date = new Date(),
): Promise<{ deleted: number; orgs: number }> {
  const orgIds = await withContext(system, async (tx) =>
    (await tx.$queryRaw<{ id: string }[]>`SELECT id::text FROM app_job_org_ids() AS id`).map((r) => r.id),
  );
  let deleted = 0;
  for (const orgId of orgIds) {
    deleted += await withContext({ ...system, orgId }, async (tx) => {
      const before = cutoff(await readEffectiveValue(tx, { orgId, userId: null }, KEY), now);
      return tx.$executeRaw`DELETE FROM app_log WHERE org_id = ${orgId}::uuid AND at < ${before}`;
    });
  }
  deleted += await withContext({ ...system, orgId: orgIds[0] ?? null }, async (tx) => {
    const before = cutoff(orgIds.length ? await globalRetention(tx) : SETTINGS[KEY].default, now);
    return tx.$executeRaw`DELETE FROM app_log WHERE org_id IS NULL AND at < ${before}`;
  });
  return { deleted, orgs: orgIds.length };
}
