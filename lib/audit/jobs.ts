import "server-only";

import { z } from "zod";

import { defineJob, JobFailure } from "@/lib/jobs/definition";

import { publishAuditHeads, publishedHeads } from "./heads";
import { isBroken, verifyAuditChains } from "./verify";

// The audit domain's jobs: publish the chains' heads, then verify the chains against them.

/**
 * Publishes each audit chain's head once a day, outside the database: a log line, the metric
 * freshplan_audit_chain_head and a line in AUDIT_HEADS_FILE (lib/audit/heads.ts). audit:verify and
 * the audit-chain-verify job check the chains against them later. Running it twice publishes the
 * same heads twice, which is harmless.
 */
export const auditChainHeads = defineJob({
  id: "audit-chain-heads",
  cron: "5 0 * * *",
  payload: z.object({}).strict(),
  async handler() {
    return publishAuditHeads();
  },
});

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
