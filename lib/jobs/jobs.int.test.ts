import { InngestTestEngine } from "@inngest/test";
import { beforeAll, describe, expect, it } from "vitest";

import { recordAudits } from "@/lib/audit/service";
import { createOrganization } from "@/lib/auth/service";
import { withContext, withOrg, type DbContext } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { postgresCode, rejectionOf } from "@/test/errors";
import { asSuperuser } from "@/test/pg";

import { createInngestClient } from "./client";
import { systemContext } from "./definition";
import { auditChainVerify } from "./definitions/audit-chain-verify";
import { rateLimitCleanup } from "./definitions/rate-limit-cleanup";
import { createJobFunction } from "./functions";
import { runJob } from "./runner";
import { listJobs, runJobNow } from "./service";

// The registered jobs against the real database, job_run's row-level security, the System area's
// service (job.read / job.run) and an Inngest function running the real job end to end.

type OrgCtx = DbContext & { orgId: string; userId: string };
let org: { id: string };
const as = (role: string): OrgCtx => ({
  orgId: org.id,
  userId: "00000000-0000-4000-8000-0000000000a1",
  roles: [role],
});

async function bucketKeys(): Promise<string[]> {
  return asSuperuser(async (client) =>
    (await client.query<{ key: string }>("SELECT key FROM rate_limit_bucket ORDER BY key")).rows.map(
      (r) => r.key,
    ),
  );
}

beforeAll(async () => {
  org = await createOrganization({ name: "Jobs GmbH", slug: "jobs-gmbh" });
});

describe("rate-limit-cleanup", () => {
  it("deletes the buckets whose window has ended and keeps the live ones", async () => {
    await asSuperuser((client) =>
      client.query(`
        INSERT INTO rate_limit_bucket (key, window_start, hits) VALUES
          ('login:ip:192.0.2.1', now() - interval '3 hours', 12),
          ('api:ip:192.0.2.2', now() - interval '61 minutes', 3),
          ('login:account:a@example.com', now() - interval '50 minutes', 4),
          ('api:caller:token:1', now() - interval '10 seconds', 1)`),
    );

    const result = await runJob("rate-limit-cleanup", "manual");

    expect(result).toMatchObject({
      jobId: "rate-limit-cleanup",
      status: "succeeded",
      counts: { deleted: 2 },
    });
    expect(await bucketKeys()).toEqual(["api:caller:token:1", "login:account:a@example.com"]);
    // Idempotent: nothing left to delete.
    expect((await runJob("rate-limit-cleanup", "manual")).counts).toEqual({ deleted: 0 });
  });

  it("is a function only the system context may call, and never with a window shorter than a minute", async () => {
    const notSystem = await rejectionOf(
      withContext(
        { orgId: org.id, userId: null, roles: ["admin"] },
        (tx) => tx.$queryRaw`SELECT app_rate_limit_cleanup(3600)`,
      ),
    );
    expect(postgresCode(notSystem)).toBe("42501");
    const tooShort = await rejectionOf(
      withContext(systemContext("test"), (tx) => tx.$queryRaw`SELECT app_rate_limit_cleanup(30)`),
    );
    expect(postgresCode(tooShort)).toBe("22023");
  });
});

describe("audit-chain-verify", () => {
  it("succeeds on intact chains and counts what it checked", async () => {
    await withOrg(as("admin"), (tx) =>
      recordAudits(
        tx,
        { ...as("admin"), actor: { type: "system", id: null } },
        [1, 2, 3].map((n) => ({
          action: "test.event.recorded",
          resourceType: "test",
          resourceId: String(n),
          after: { n },
        })),
      ),
    );
    const events = await asSuperuser(
      async (client) =>
        (await client.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_event")).rows[0].n,
    );

    const result = await runJob("audit-chain-verify", "cron");

    expect(result.status).toBe("succeeded");
    expect(result.counts).toEqual({ checked: events, chains: expect.any(Number), heads: 0, broken: 0 });
    expect(result.counts.checked).toBeGreaterThanOrEqual(3);
  });

  it("fails the run when an event was changed, naming the event but not the organisation", async () => {
    const changed = await asSuperuser(async (client) => {
      await client.query("SET session_replication_role = replica"); // past the append-only trigger
      const { rows } = await client.query<{ id: string }>(
        `UPDATE audit_event SET after = '{"n": 99}'
         WHERE id = (SELECT id FROM audit_event WHERE resource_id = '2' AND org_id = $1) RETURNING id::text`,
        [org.id],
      );
      return rows[0].id;
    });

    const result = await runJob("audit-chain-verify", "cron");

    expect(result).toMatchObject({ status: "failed", counts: { broken: 1 } });
    expect(result.error).toContain(`event ${changed} (hash)`);
    expect(result.error).not.toContain("jobs-gmbh");
    expect(result.error).not.toContain(org.id);
  });
});

describe("job_run row-level security", () => {
  it("lets admins and auditors of any organisation read the runs, and nobody else", async () => {
    await runJob("rate-limit-cleanup", "manual");
    for (const role of ["admin", "auditor"]) {
      expect(await withOrg(as(role), (tx) => tx.jobRun.count())).toBeGreaterThan(0);
    }
    for (const role of ["manager", "sales"]) {
      expect(await withOrg(as(role), (tx) => tx.jobRun.count())).toBe(0);
    }
  });

  it("lets only the job runner's system context record runs; nobody changes a user's view of them or deletes them", async () => {
    const insert = await rejectionOf(
      withOrg(as("admin"), (tx) =>
        tx.jobRun.create({ data: { jobId: "rate-limit-cleanup", trigger: "manual", status: "running" } }),
      ),
    );
    expect(postgresCode(insert)).toBe("42501");
    expect(
      await withOrg(as("admin"), (tx) =>
        tx.jobRun.updateMany({ data: { error: "edited" }, where: { status: "failed" } }),
      ),
    ).toEqual({ count: 0 });
    const remove = await rejectionOf(withContext(systemContext("test"), (tx) => tx.jobRun.deleteMany({})));
    expect(postgresCode(remove)).toBe("42501");
  });
});

describe("the System area's service", () => {
  it("lists every job with schedule, next run and latest runs for admins and auditors (job.read)", async () => {
    const jobs = await listJobs(as("auditor"), new Date("2026-11-29T12:00:00Z"));
    expect(jobs.map((j) => [j.id, j.cron, j.timeZone, j.nextRunAt])).toEqual([
      ["rate-limit-cleanup", "*/15 * * * *", "Europe/Berlin", "2026-11-29T12:15:00.000Z"],
      ["audit-chain-verify", "30 3 * * *", "Europe/Berlin", "2026-11-30T02:30:00.000Z"],
      ["audit-chain-heads", "5 0 * * *", "Europe/Berlin", "2026-11-29T23:05:00.000Z"],
      ["lead-protection-daily", "15 2 * * *", "Europe/Berlin", "2026-11-30T01:15:00.000Z"],
      ["ai-housekeeping", "*/15 * * * *", "Europe/Berlin", "2026-11-29T12:15:00.000Z"],
      ["samples-feedback-daily", "30 7 * * *", "Europe/Berlin", "2026-11-30T06:30:00.000Z"],
      ["samples-feedback-sentiment", "*/10 * * * *", "Europe/Berlin", "2026-11-29T12:10:00.000Z"],
    ]);
    const cleanup = jobs[0].runs;
    expect(cleanup.length).toBeGreaterThan(0);
    expect(cleanup[0]).toMatchObject({
      jobId: "rate-limit-cleanup",
      status: "succeeded",
      counts: { deleted: 0 },
    });
    expect(cleanup.map((r) => r.startedAt)).toEqual([...cleanup.map((r) => r.startedAt)].sort().reverse());
  });

  it("refuses the list to managers and sales partners", async () => {
    for (const role of ["manager", "sales"]) {
      const error = await rejectionOf(listJobs(as(role)));
      expect(isAppError(error) && error.kind).toBe("forbidden");
    }
  });

  it("runs a job now for the operator's admins (job.run), recorded in job_run and in the audit trail", async () => {
    const result = await runJobNow(
      { ...as("admin"), roles: ["admin", "platform_admin"] },
      "rate-limit-cleanup",
    );
    expect(result).toMatchObject({ trigger: "manual", status: "succeeded" });
    const audit = await withOrg(as("admin"), (tx) =>
      tx.auditEvent.findFirst({ where: { action: "job.run.requested", resourceId: "rate-limit-cleanup" } }),
    );
    expect(audit).toMatchObject({ orgId: org.id, actorType: "user", resourceType: "job" });
    expect(audit?.after).toMatchObject({ runId: result.runId, status: "succeeded" });
  });

  it("refuses run-now to auditors and to admins of other organisations, and unknown jobs", async () => {
    for (const role of ["auditor", "admin"]) {
      const refused = await rejectionOf(runJobNow(as(role), "rate-limit-cleanup"));
      expect(isAppError(refused) && refused.kind).toBe("forbidden");
    }
    const unknown = await rejectionOf(
      runJobNow({ ...as("admin"), roles: ["admin", "platform_admin"] }, "no-such-job"),
    );
    expect(isAppError(unknown) && unknown.kind).toBe("not_found");
  });
});

describe("an Inngest function running the real job", () => {
  it("runs rate-limit-cleanup on its cron trigger and records the run as cron", async () => {
    await asSuperuser((client) =>
      client.query(
        "INSERT INTO rate_limit_bucket (key, window_start, hits) VALUES ('inngest:old', now() - interval '1 day', 1)",
      ),
    );
    const engine = new InngestTestEngine({
      function: createJobFunction(createInngestClient(undefined), rateLimitCleanup),
    });

    const { result, error } = await engine.execute({
      events: [{ name: "inngest/scheduled.timer", data: { cron: "TZ=Europe/Berlin */15 * * * *" } }],
    });

    expect(error).toBeUndefined();
    expect(result).toMatchObject({
      jobId: "rate-limit-cleanup",
      trigger: "cron",
      status: "succeeded",
      counts: { deleted: 1 },
    });
    const row = await asSuperuser(
      async (client) =>
        (
          await client.query("SELECT trigger, status FROM job_run WHERE id = $1", [
            (result as { runId: string }).runId,
          ])
        ).rows[0],
    );
    expect(row).toEqual({ trigger: "cron", status: "succeeded" });
  });

  it("fails the Inngest run when the job fails (the broken chain above)", async () => {
    const engine = new InngestTestEngine({
      function: createJobFunction(createInngestClient(undefined), auditChainVerify),
    });
    const { error } = await engine.execute({
      events: [{ name: "jobs/audit-chain-verify.requested", data: {} }],
    });
    expect(error).toMatchObject({
      name: "NonRetriableError",
      message: expect.stringContaining("audit trail is broken"),
    });
  });
});
