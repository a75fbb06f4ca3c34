import "server-only";

import { AppError } from "@/lib/errors";
import { outboxDeliver } from "@/lib/integrations/jobs";

import type { JobDefinition } from "./definition";
import { aiHousekeeping } from "./definitions/ai-housekeeping";
import { auditChainHeads } from "./definitions/audit-chain-heads";
import { auditChainVerify } from "./definitions/audit-chain-verify";
import { leadProtectionDaily } from "./definitions/lead-protection-daily";
import { rateLimitCleanup } from "./definitions/rate-limit-cleanup";

/**
 * Every job of the app, in one list: Inngest serves them (functions.ts), the local scheduler runs
 * them (scheduler.ts), the CLI and the System area list them. Adding a job is one entry here (and
 * its title and description in lib/i18n/messages/{de,en}/jobs.json).
 */
export const JOBS: readonly JobDefinition[] = [
  rateLimitCleanup,
  auditChainVerify,
  auditChainHeads,
  leadProtectionDaily,
  aiHousekeeping,
  outboxDeliver,
];

export function findJob(id: string): JobDefinition | undefined {
  return JOBS.find((job) => job.id === id);
}

export function requireJob(id: string): JobDefinition {
  const job = findJob(id);
  if (!job) {
    throw new AppError("not_found", `No job "${id}". Jobs: ${JOBS.map((j) => j.id).join(", ")}.`);
  }
  return job;
}
