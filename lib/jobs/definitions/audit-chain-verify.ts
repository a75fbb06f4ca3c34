import "server-only";

import { z } from "zod";

import { publishedHeads } from "@/lib/audit/heads";
import { isBroken, verifyAuditChains } from "@/lib/audit/verify";

import { defineJob, JobFailure } from "../definition";

/** How many broken events the run's error names; `npm run cli -- audit:verify` lists them all. */
const NAMED = 3;

/**
 * Checks every audit chain once a day: hashes and links (app_audit_verify), seals, and the heads
 * published so far (AUDIT_HEADS_FILE). Anything broken fails the run. The error names event ids and
 * the kind of break, not organisations: job runs are visible to the admins and auditors of every
 * organisation.
 */
export const auditChainVerify = defineJob({
  id: "audit-chain-verify",
  cron: "30 3 * * *",
  payload: z.object({}).strict(),
  async handler() {
    const report = await verifyAuditChains({ heads: await publishedHeads() });
    const problems = [
      ...report.broken.map((b) => `event ${b.eventId} (${b.problem})`),
      ...report.heads.broken.map((h) => `the head at event ${h.eventId} (${h.problem})`),
    ];
    const counts = {
      checked: report.events,
      chains: report.chains,
      heads: report.heads.checked,
      broken: problems.length,
    };
    if (isBroken(report)) {
      const more = problems.length > NAMED ? ", …" : "";
      throw new JobFailure(
        `The audit trail is broken in ${problems.length} place(s): ${problems.slice(0, NAMED).join(", ")}${more}. ` +
          "Details: npm run cli -- audit:verify",
        counts,
      );
    }
    return counts;
  },
});
