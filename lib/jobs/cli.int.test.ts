import { describe, expect, it } from "vitest";

import { asSuperuser } from "@/test/pg";
import { runCommandHere } from "@/test/cli";

// `npm run cli -- jobs:list` and `jobs:run` as operators use them (lib/cli/run.ts, on this file's
// database): counts on stdout, a non-zero exit code unless the run succeeded.

describe("jobs CLI", { timeout: 60_000 }, () => {
  it("runs a job now, prints its counts, and lists the jobs with their last run", async () => {
    await asSuperuser((client) =>
      client.query(
        "INSERT INTO rate_limit_bucket (key, window_start, hits) VALUES ('cli:old', now() - interval '1 day', 1)",
      ),
    );

    const run = await runCommandHere("jobs:run", "rate-limit-cleanup");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^rate-limit-cleanup: succeeded in \d+ ms \(run [0-9a-f-]{36}\)$/m);
    expect(run.lastLine).toBe("deleted: 1");

    const list = await runCommandHere("jobs:list");
    expect(list.code).toBe(0);
    expect(list.stdout).toContain("scheduled jobs run by: local");
    expect(list.stdout).toMatch(
      /^rate-limit-cleanup\t\*\/15 \* \* \* \*\tnext \S+Z\tlast succeeded at \S+ \(manual, \d+ ms, deleted=1\)$/m,
    );
    expect(list.stdout).toMatch(/^audit-chain-verify\t30 3 \* \* \*\tnext \S+Z\tlast never ran$/m);
  });

  it("exits non-zero for an unknown job, a missing --job and a failed run", async () => {
    const unknown = await runCommandHere("jobs:run", "no-such-job");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(
      /^error: No job "no-such-job"\. Jobs: rate-limit-cleanup, audit-chain-verify, audit-chain-heads, lead-protection-daily, ai-housekeeping, samples-feedback-daily, samples-feedback-sentiment, outbox-deliver, webhook-process, integrations-housekeeping, mail-inbox-poll, credit-limit-poll, xentral-products-sync, xentral-products-reconcile, log-housekeeping, backup-nightly, backup-drill-weekly, alerts-evaluate, help-experiments-stop\.$/m,
    );

    const missing = await runCommandHere("jobs:run");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: <job-id> is required$/m);

    // A changed audit event makes audit-chain-verify fail.
    await asSuperuser(async (client) => {
      await client.query(
        `INSERT INTO organization (id, slug, name) VALUES ('00000000-0000-4000-8000-0000000000c1', 'cli-jobs', 'CLI Jobs')`,
      );
      await client.query(
        `INSERT INTO audit_event (org_id, actor_type, action, resource_type)
         VALUES ('00000000-0000-4000-8000-0000000000c1', 'system', 'test.event.recorded', 'test')`,
      );
      await client.query("SET session_replication_role = replica");
      await client.query("UPDATE audit_event SET resource_type = 'changed'");
    });
    const failed = await runCommandHere("jobs:run", "--job", "audit-chain-verify"); // the option form works too
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/^audit-chain-verify: failed in \d+ ms/m);
    expect(failed.stdout).toMatch(/^broken: 1$/m);
    expect(failed.stderr).toMatch(/^error: The audit trail is broken in 1 place\(s\): event \d+ \(hash\)/m);
  });
});
