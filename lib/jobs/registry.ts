import "server-only";

import { aiHousekeeping } from "@/lib/ai/jobs";
import { auditChainHeads, auditChainVerify } from "@/lib/audit/jobs";
import { creditLimitPoll } from "@/lib/credit/jobs";
import { AppError } from "@/lib/errors";
import { helpExperimentsStop } from "@/lib/help/jobs";
import {
  integrationsHousekeeping,
  mailInboxPoll,
  outboxDeliver,
  webhookProcess,
  xentralProductsReconcile,
  xentralProductsSync,
} from "@/lib/integrations/jobs";
import { leadProtectionDaily } from "@/lib/leads/jobs";
import { logHousekeeping } from "@/lib/log/jobs";
import { samplesFeedbackDaily, samplesFeedbackSentiment } from "@/lib/samples/jobs";
import { alertsEvaluate, backupDrillWeekly, backupNightly } from "@/lib/system/jobs";

import type { JobDefinition } from "./definition";
import { rateLimitCleanup } from "./definitions/rate-limit-cleanup";

/**
 * Every job of the app, in one list: Inngest serves them (functions.ts), the local scheduler runs
 * them (scheduler.ts), the CLI and the System area list them. A job is defined in its domain's
 * `jobs.ts` (lib/leads/jobs.ts); adding one is its definition there, one entry here, and its title and
 * description in lib/i18n/messages/{de,en}/jobs.json.
 */
export const JOBS: readonly JobDefinition[] = [
  rateLimitCleanup,
  auditChainVerify,
  auditChainHeads,
  leadProtectionDaily,
  aiHousekeeping,
  samplesFeedbackDaily,
  samplesFeedbackSentiment,
  outboxDeliver,
  webhookProcess,
  integrationsHousekeeping,
  mailInboxPoll,
  creditLimitPoll,
  xentralProductsSync,
  xentralProductsReconcile,
  logHousekeeping,
  backupNightly,
  backupDrillWeekly,
  alertsEvaluate,
  helpExperimentsStop,
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
