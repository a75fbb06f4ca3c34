import { describe, expect, it } from "vitest";

import { MESSAGES } from "@/lib/i18n/messages";

import { JOBS, findJob, requireJob } from "./registry";
import { nextRunAt } from "./schedule";
import { ZJobId } from "./schemas";

describe("the job registry", () => {
  it("has the jobs of Foundation II, each id once", () => {
    const ids = JOBS.map((job) => job.id);
    expect(ids).toEqual(expect.arrayContaining(["rate-limit-cleanup", "audit-chain-verify"]));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(JOBS.map((job) => [job.id, job] as const))(
    "%s has a valid id, cron and an empty-payload default",
    (_id, job) => {
      // The same pattern as job_run.job_id's CHECK in sql/migrations/20261129120000_jobs.sql.
      expect(ZJobId.safeParse(job.id).success).toBe(true);
      expect(nextRunAt(job.cron, new Date("2026-11-29T12:00:00Z"))).toBeInstanceOf(Date);
      // A cron run has no payload: every field needs a default.
      expect(job.payload.safeParse({}).success).toBe(true);
    },
  );

  it.each(["de", "en"] as const)("every job has a title and description in %s", (locale) => {
    const definitions: Record<string, { title?: string; description?: string }> =
      MESSAGES[locale].jobs.definitions;
    for (const job of JOBS) {
      expect(definitions[job.id]?.title, `${locale} title of ${job.id}`).toBeTruthy();
      expect(definitions[job.id]?.description, `${locale} description of ${job.id}`).toBeTruthy();
    }
  });

  it("names the known jobs when asked for an unknown one", () => {
    expect(findJob("audit-chain-verify")?.cron).toBe("30 3 * * *");
    expect(findJob("rate-limit-cleanup")?.cron).toBe("*/15 * * * *");
    expect(findJob("nope")).toBeUndefined();
    expect(() => requireJob("nope")).toThrow(
      /No job "nope"\. Jobs: rate-limit-cleanup, audit-chain-verify, audit-chain-heads, lead-protection-daily, ai-housekeeping, samples-feedback-daily, samples-feedback-sentiment, outbox-deliver, webhook-process, integrations-housekeeping, mail-inbox-poll, credit-limit-poll, xentral-products-sync, xentral-products-reconcile, log-housekeeping, backup-nightly, backup-drill-weekly, alerts-evaluate, help-experiments-stop\./,
    );
  });
});
