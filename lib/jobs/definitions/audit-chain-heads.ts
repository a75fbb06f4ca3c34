import "server-only";

import { z } from "zod";

import { publishAuditHeads } from "@/lib/audit/heads";

import { defineJob } from "../definition";

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
