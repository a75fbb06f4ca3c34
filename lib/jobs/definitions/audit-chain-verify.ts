import "server-only";

import { z } from "zod";

import { verifyAuditChains } from "@/lib/audit/verify";

import { defineJob, JobFailure } from "../definition";

/** How many broken events the run's error names; `npm run cli -- audit:verify` lists them all. */
const NAMED = 3;

/**
 * Recomputes every audit chain (app_audit_verify) once a day. A broken chain fails the run. The
 * error names event ids and the kind of break, not organisations: job runs are visible to the admins
 * and auditors of every organisation.
 */
export const auditChainVerify = defineJob({
  id: "audit-chain-verify",
  cron: "30 3 * * *",
  payload: z.object({}).strict(),
  async handler() {
    const report = await verifyAuditChains();
    const counts = { checked: report.events, chains: report.chains, broken: report.broken.length };
    if (report.broken.length > 0) {
      const named = report.broken
        .slice(0, NAMED)
        .map((b) => `event ${b.eventId} (${b.problem})`)
        .join(", ");
      const more = report.broken.length > NAMED ? ", …" : "";
      throw new JobFailure(
        `The audit trail is broken in ${report.broken.length} chain(s): ${named}${more}. ` +
          "Details: npm run cli -- audit:verify",
        counts,
      );
    }
    return counts;
  },
});
