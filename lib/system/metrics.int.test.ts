import { describe, expect, it } from "vitest";

import { recordRequest, resetRequestStats } from "@/lib/log/request-stats";
import { asSuperuser } from "@/test/pg";
import { createTenant } from "@/test/tenants";

import { renderMetrics } from "./metrics";

// /api/metrics beyond the health gauges: request durations per route, the jobs' latest runs and
// outcomes, and the notification outbox's backlog, each read from what really happened.

describe("/api/metrics", () => {
  it("has request durations per route and status class, job runs and durations, and the outbox backlog", async () => {
    resetRequestStats();
    recordRequest("GET /leads/{id}/protection", 30, 200);
    recordRequest("GET /leads/{id}/protection", 400, 200);
    recordRequest("POST /leads", 20, 503);

    const tenant = await createTenant("metrics");
    await asSuperuser(async (client) => {
      await client.query(
        `INSERT INTO job_run (job_id, trigger, started_at, finished_at, status)
         VALUES ('metrics-test-job', 'manual', now() - interval '3 hours', now() - interval '3 hours' + interval '4 seconds', 'failed'),
                ('metrics-test-job', 'cron', now() - interval '1 hour', now() - interval '1 hour' + interval '2.5 seconds', 'succeeded'),
                ('metrics-test-job', 'cron', now() - interval '30 hours', now() - interval '30 hours' + interval '1 second', 'succeeded')`,
      );
      await client.query(
        `INSERT INTO notification_outbox (org_id, channel, template, dedupe_key, state, recipient_email, recipient_locale)
         VALUES ($1, 'EMAIL', 'lead.reminder_60d', 'metrics-1', 'QUEUED', 'a@example.test', 'de'),
                ($1, 'EMAIL', 'lead.reminder_60d', 'metrics-2', 'QUEUED', 'b@example.test', 'de'),
                ($1, 'EMAIL', 'lead.reminder_60d', 'metrics-3', 'FAILED', 'c@example.test', 'de')`,
        [tenant.orgId],
      );
    });

    const { body } = await renderMetrics();
    const line = (name: string, labels: string) =>
      body
        .split("\n")
        .find((l) => l.startsWith(`${name}{${labels}} `))
        ?.slice(`${name}{${labels}} `.length);

    const route = 'route="GET /leads/{id}/protection",status="2xx"';
    expect(line("freshplan_http_request_duration_seconds_bucket", `le="0.05",${route}`)).toBe("1");
    expect(line("freshplan_http_request_duration_seconds_bucket", `le="0.5",${route}`)).toBe("2");
    expect(line("freshplan_http_request_duration_seconds_count", route)).toBe("2");
    expect(Number(line("freshplan_http_request_duration_seconds_sum", route))).toBeCloseTo(0.43, 5);
    expect(line("freshplan_http_request_duration_seconds_count", 'route="POST /leads",status="5xx"')).toBe(
      "1",
    );

    // The latest finished run, with its outcome; the runs of the last 24 hours per outcome.
    expect(line("freshplan_job_last_run_duration_seconds", 'job="metrics-test-job",status="succeeded"')).toBe(
      "2.5",
    );
    expect(line("freshplan_job_runs_24h", 'job="metrics-test-job",status="succeeded"')).toBe("1");
    expect(line("freshplan_job_runs_24h", 'job="metrics-test-job",status="failed"')).toBe("1");

    // The default alert rules, none firing; no backup yet, so no age (never a made-up value).
    expect(body).toMatch(/^freshplan_alert_firing\{metric="[^"]+",state="ok"\} 0$/m);
    expect(body).not.toMatch(/^freshplan_backup_age_seconds /m);

    expect(
      Number(line("freshplan_outbox_messages", 'channel="EMAIL",state="QUEUED"')),
    ).toBeGreaterThanOrEqual(2);
    expect(
      Number(line("freshplan_outbox_messages", 'channel="EMAIL",state="FAILED"')),
    ).toBeGreaterThanOrEqual(1);
  });
});
