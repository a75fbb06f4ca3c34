import { randomBytes } from "node:crypto";

import { beforeAll, describe, expect, it } from "vitest";

import * as healthRoute from "@/app/api/v1/integrations/connections/[id]/health/route";
import { createToken } from "@/lib/auth/tokens";
import { setTestEnv } from "@/test/env";
import { asSuperuser } from "@/test/pg";
import { createTenant, type TestTenant } from "@/test/tenants";

import { IntegrationError } from "./errors";
import { getConnectionHealth, getConnectionsHealth } from "./health";
import { callVendor } from "./resilience";
import { purgeExpiredCalls } from "./retention";
import { saveWebhookConnection } from "./webhook-inbox";

// Health per connection from known integration_call rows: error rate and p95 over the last 15
// minutes only, last success and last error, the breaker's state; the REST operation (admins);
// and the retention job that deletes old call rows by the setting.

setTestEnv({ INTEGRATIONS_KEY: randomBytes(32).toString("base64") });

let a: TestTenant;
let b: TestTenant;
let conn = "";
let quiet = "";
const now = new Date();
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

/** Writes call rows as the framework would, at the given moments. */
async function calls(
  connectionId: string,
  rows: { at: Date; durationMs: number; outcome?: string; error?: string }[],
): Promise<void> {
  await asSuperuser(async (client) => {
    for (const row of rows) {
      await client.query(
        `INSERT INTO integration_call (org_id, connection_id, provider, operation, outcome, duration_ms, error, at)
         VALUES ($1, $2, 'GENERIC', 'test.call', $3, $4, $5, $6)`,
        [a.orgId, connectionId, row.outcome ?? "ok", row.durationMs, row.error ?? null, row.at],
      );
    }
  });
}

beforeAll(async () => {
  a = await createTenant("health-a");
  b = await createTenant("health-b");
  ({ id: conn } = await saveWebhookConnection(a.admin, { name: "Sender", webhookSecret: "x".repeat(24) }));
  // Twenty calls in the window, from 14 to 4.5 minutes ago, 10 ms … 200 ms; every fourth failed
  // (5 of 20): the last one (4.5 minutes ago) failed, the one before (5 minutes ago) succeeded.
  await calls(
    conn,
    Array.from({ length: 20 }, (_, i) => ({
      at: minutesAgo(14 - i * 0.5),
      durationMs: (i + 1) * 10,
      ...(i % 4 === 3 ? { outcome: "error", error: `HTTP 503 #${i}` } : {}),
    })),
  );
  // Outside the window: slow and failing, and old enough for the retention to take (40 days).
  await calls(conn, [
    { at: minutesAgo(16), durationMs: 9_000, outcome: "timeout", error: "too slow" },
    { at: minutesAgo(40 * 24 * 60), durationMs: 9_000, outcome: "error", error: "ancient" },
  ]);
});

describe("connection health", () => {
  it("counts only the last 15 minutes: error rate 5/20, p95 190 ms; last success and last error", async () => {
    const health = await getConnectionHealth(a.admin, conn, now);
    expect(health.window).toEqual({ minutes: 15, calls: 20, failures: 5, errorRate: 0.25, p95Ms: 190 });
    expect(health.lastError).toEqual({ at: minutesAgo(4.5).toISOString(), message: "HTTP 503 #19" });
    expect(health.lastSuccessAt).toBe(minutesAgo(5).toISOString());
    expect(health).toMatchObject({ enabled: true, light: "yellow", breaker: { state: "closed" } });
    expect(health.quota).toEqual({ perMinute: 60, remaining: null, resetAt: null });
  });

  it("a connection without calls is green with empty figures; every connection is listed", async () => {
    await asSuperuser((client) =>
      client.query(
        `INSERT INTO integration_connection (org_id, provider, name, enabled) VALUES ($1, 'XENTRAL', 'ERP', true)`,
        [a.orgId],
      ),
    );
    const all = await getConnectionsHealth(a.admin, now);
    expect(all.map((h) => h.name)).toEqual(["Sender", "ERP"]);
    quiet = all[1].connectionId;
    expect(all[1]).toMatchObject({
      light: "green",
      lastSuccessAt: null,
      lastError: null,
      window: { calls: 0, failures: 0, errorRate: null, p95Ms: null },
    });
  });

  it("is red while the breaker is open, saying since and until when", async () => {
    for (let i = 0; i < 5; i++) {
      await callVendor(
        {
          ctx: a.admin,
          provider: "XENTRAL",
          connectionId: quiet,
          operation: "products.list",
          idempotent: false,
          run: () => Promise.reject(new IntegrationError("HTTP 503", { status: 503, transient: true })),
        },
        { record: async () => {} },
      ).catch(() => undefined);
    }
    const health = await getConnectionHealth(a.admin, quiet, now);
    expect(health.light).toBe("red");
    expect(health.breaker.state).toBe("open");
    expect(Date.parse(health.breaker.until!) - Date.parse(health.breaker.since!)).toBe(30_000);
  });

  it("is for admins of the connection's organisation only, also over REST", async () => {
    await expect(getConnectionHealth(a.sales, conn)).rejects.toMatchObject({ kind: "forbidden" });
    await expect(getConnectionHealth(b.admin, conn)).rejects.toMatchObject({ kind: "not_found" });

    const get = async (ctx: TestTenant["admin"], id: string) => {
      const { token } = await createToken(ctx, { name: "health", expiresInDays: 1 });
      const response = await healthRoute.GET(
        new Request(`http://localhost/api/v1/integrations/connections/${id}/health`, {
          headers: { authorization: `Bearer ${token}` },
        }),
        { params: Promise.resolve({ id }) },
      );
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const own = await get(a.admin, conn);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ connectionId: conn, window: { calls: 20, failures: 5, p95Ms: 190 } });
    expect((await get(b.admin, conn)).status).toBe(404);
    expect((await get(a.sales, conn)).status).toBe(403);
  });
});

describe("integration_call retention", () => {
  it("deletes calls older than integrations.calls.retention (P30D by default, or the organisation's)", async () => {
    const count = () =>
      asSuperuser(
        async (client) =>
          (
            await client.query<{ n: number }>(
              "SELECT count(*)::int AS n FROM integration_call WHERE org_id = $1",
              [a.orgId],
            )
          ).rows[0].n,
      );
    expect(await count()).toBe(22);
    expect(await purgeExpiredCalls(now)).toMatchObject({ deleted: 1, failed: 0 });
    expect(await count()).toBe(21);
    await asSuperuser((client) =>
      client.query(
        `INSERT INTO setting_value (scope, org_id, key, value) VALUES ('org', $1, 'integrations.calls.retention', '"PT10M"')`,
        [a.orgId],
      ),
    );
    // Ten minutes: the calls older than that go (the one at 16 min and those from 14 to 10.5 min).
    expect(await purgeExpiredCalls(now)).toMatchObject({ deleted: 9, failed: 0 });
    expect(await count()).toBe(12);
  });
});
