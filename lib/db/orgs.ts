import "server-only";

import type { OrgContext } from "@/lib/db";
import { withContext, withOrg, type DbContext, type Tx } from "./index";

/**
 * A job's walk over every organisation: the ids come from app_job_org_ids() (the system context
 * only), and each organisation's work runs in its own transaction in that organisation's context,
 * under its policies. One organisation's failure is logged and counted; the others still run.
 */
export async function forEachOrg(
  system: DbContext,
  label: string,
  work: (tx: Tx, ctx: OrgContext) => Promise<void>,
): Promise<{ orgs: number; failed: number }> {
  const orgIds = await withContext(
    system,
    (tx) => tx.$queryRaw<{ id: string }[]>`SELECT id::text FROM app_job_org_ids() AS id`,
  );
  let failed = 0;
  for (const { id } of orgIds) {
    const ctx = { ...system, orgId: id };
    try {
      await withOrg(ctx, (tx) => work(tx, ctx));
    } catch (error) {
      failed += 1;
      console.error(`[${label}] organisation ${id} failed`, error);
    }
  }
  return { orgs: orgIds.length, failed };
}
