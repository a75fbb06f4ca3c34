import "server-only";

import { z } from "zod";

import { systemContext } from "@/lib/db";
import { forEachOrg } from "@/lib/db/orgs";
import { defineJob, JobFailure } from "@/lib/jobs/definition";

import { releaseStaleReservations } from "./budget";
import { cachePurgeExpired } from "./cache";

/**
 * Every 15 minutes: frees budget reservations left open by a call that crashed between reserving
 * and settling (older than 15 minutes; a late settle still charges), so a crash cannot lock a cap,
 * and deletes expired AI cache entries. Safe to run twice: both are idempotent.
 */
export const aiHousekeeping = defineJob({
  id: "ai-housekeeping",
  cron: "*/15 * * * *",
  payload: z.object({}).strict(),
  async handler() {
    let released = 0;
    let purged = 0;
    const { orgs, failed } = await forEachOrg(
      systemContext("ai-housekeeping"),
      "ai-housekeeping",
      async (tx, ctx) => {
        released += await releaseStaleReservations(tx, ctx);
        purged += await cachePurgeExpired(tx, ctx);
      },
    );
    const counts = { orgs, released, purged, failed };
    if (failed > 0) throw new JobFailure(`AI housekeeping failed in ${failed} organisation(s).`, counts);
    return counts;
  },
});
