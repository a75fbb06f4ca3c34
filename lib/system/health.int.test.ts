import { readdirSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { asSuperuser } from "@/test/pg";

import { checkHealth } from "./health";

const shipped = readdirSync(path.join(process.cwd(), "sql", "migrations"))
  .filter((f) => f.endsWith(".sql"))
  .map((f) => f.split("_")[0])
  .sort();

describe("checkHealth", () => {
  it("reports ok on the migrated database", async () => {
    const health = await checkHealth();
    expect(health).toEqual({
      status: "ok",
      database: "up",
      migrations: { applied: shipped.length, pending: [] },
      checkedAt: expect.any(String),
    });
    expect(Number.isNaN(Date.parse(health.checkedAt))).toBe(false);
  });

  it("reports degraded with the pending version when a migration is missing", async () => {
    const last = shipped.at(-1)!;
    await asSuperuser((c) => c.query("DELETE FROM schema_migrations WHERE version = $1", [last]));
    try {
      expect(await checkHealth()).toMatchObject({
        status: "degraded",
        database: "up",
        migrations: { pending: [last] },
      });
    } finally {
      await asSuperuser((c) => c.query("INSERT INTO schema_migrations (version) VALUES ($1)", [last]));
    }
    expect((await checkHealth()).status).toBe("ok");
  });
});

describe("healthReport and the alert metrics", () => {
  it("reads the parts, each job's lag against its schedule, and what the rules watch", async () => {
    const { healthReport, healthMetrics } = await import("./health-report");
    const now = new Date();
    await asSuperuser((c) =>
      c.query(
        `INSERT INTO job_run (job_id, trigger, started_at, finished_at, status)
         VALUES ('hourly-thing', 'cron', $1, $1, 'succeeded')`,
        [new Date(now.getTime() - 3 * 3_600_000)],
      ),
    );
    // Due an hour after its last run: two hours late. The other job never ran: unknown, not late.
    const hourly = { id: "hourly-thing", nextRunAt: (after: Date) => new Date(after.getTime() + 3_600_000) };
    const never = { id: "never-ran", nextRunAt: () => null };
    const report = await healthReport([hourly, never], now);
    expect(report.database.up).toBe(true);
    expect(report.migrations.pending).toEqual([]);
    expect(report.jobs).toEqual([
      expect.objectContaining({
        id: "hourly-thing",
        lastStatus: "succeeded",
        lagMinutes: expect.closeTo(120, 0),
      }),
      { id: "never-ran", lastRunAt: null, lastStatus: null, lagMinutes: null },
    ]);
    expect(report.outbox.backlog).toBe(0);
    expect(report.disk?.freeBytes).toBeGreaterThan(0);
    expect(report.backups).toMatchObject({
      ageHours: null,
      lastGoodAt: null,
      lastDrill: null,
      support: { ok: true },
    });
    const metrics = healthMetrics(report);
    expect(metrics).toMatchObject({
      "jobs.lag_minutes": expect.closeTo(120, 0),
      "migrations.pending": 0,
      "outbox.backlog": 0,
      "backup.age_hours": null,
      "backup.drill_failed": null,
      "integrations.circuits_open": 0,
    });
    expect(metrics["database.latency_ms"]).toBeGreaterThan(0);
  });
});
