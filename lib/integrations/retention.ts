import "server-only";

import { systemContext } from "@/lib/db";
import { forEachOrg } from "@/lib/db/orgs";
import { readEffectiveValue } from "@/lib/settings/queries";
import { durationToMs } from "@/lib/settings/schemas";

import { purgeCallsBefore } from "./queries";

/**
 * integration_call keeps the recent calls only: each organisation's rows older than its setting
 * integrations.calls.retention (ISO 8601 duration, P30D by default) are deleted.
 */
export async function purgeExpiredCalls(
  now = new Date(),
): Promise<{ orgs: number; deleted: number; failed: number }> {
  let deleted = 0;
  const { orgs, failed } = await forEachOrg(
    systemContext("integrations-housekeeping"),
    "integrations-housekeeping",
    async (tx, ctx) => {
      const retention = await readEffectiveValue(tx, ctx, "integrations.calls.retention");
      const ms = durationToMs(retention);
      if (ms === null)
        throw new Error(`integrations.calls.retention is not an ISO 8601 duration: ${retention}`);
      deleted += await purgeCallsBefore(tx, ctx.orgId, new Date(now.getTime() - ms));
    },
  );
  return { orgs, deleted, failed };
}
