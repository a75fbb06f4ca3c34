import { randomBytes, randomUUID } from "node:crypto";

import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";

import * as inbox from "@/app/api/webhooks/[provider]/[connectionId]/route";
import { withOrg } from "@/lib/db";
import { setTestEnv } from "@/test/env";
import { asSuperuser } from "@/test/pg";
import { createTenant, type TestTenant } from "@/test/tenants";

import { setConnectionEnabled } from "./service";
import { getWebhookInbox, saveWebhookConnection } from "./webhook-inbox";
import { signWebhook } from "./webhook-signature";
import { processPendingWebhooks, replayWebhookEvent } from "./webhooks";

// The webhook inbox end to end: the real route handler (public, signed), the stored events under
// RLS, the job's processing through the provider registry, and an admin's audited replay.

setTestEnv({
  INTEGRATIONS_KEY: randomBytes(32).toString("base64"),
  PUBLIC_RATE_LIMIT_PER_IP_PER_MINUTE: "1000",
});

const SECRET_A = "whsec-alpha-0123456789-abcdefghij";
const SECRET_B = "whsec-beta-0123456789-abcdefghijk";

let a: TestTenant;
let b: TestTenant;
let connA = "";
let connB = "";

beforeAll(async () => {
  a = await createTenant("webhooks-a");
  b = await createTenant("webhooks-b");
  ({ id: connA } = await saveWebhookConnection(a.admin, { name: "Test sender", webhookSecret: SECRET_A }));
  ({ id: connB } = await saveWebhookConnection(b.admin, { name: "Test sender", webhookSecret: SECRET_B }));
});

interface Delivery {
  connectionId?: string;
  provider?: string;
  secret?: string;
  timestamp?: number;
  body?: string;
  /** Sent instead of the body that was signed. */
  sentBody?: string;
  headers?: Record<string, string>;
}

async function deliver(event: object, options: Delivery = {}) {
  const body = options.body ?? JSON.stringify(event);
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const connectionId = options.connectionId ?? connA;
  const provider = options.provider ?? "generic";
  const response = await inbox.POST(
    new NextRequest(`http://localhost/api/webhooks/${provider}/${connectionId}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-forwarded-for": "198.51.100.7",
        "x-webhook-timestamp": String(timestamp),
        "x-webhook-signature": signWebhook(options.secret ?? SECRET_A, timestamp, body),
        ...options.headers,
      },
      body: options.sentBody ?? body,
    }),
    { params: Promise.resolve({ provider, connectionId }) },
  );
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    body: (text ? JSON.parse(text) : null) as Record<string, string>,
  };
}

const events = (orgId: string) =>
  asSuperuser(
    async (client) =>
      (
        await client.query<{
          id: string;
          event_id: string;
          status: string;
          attempts: number;
          last_error: string | null;
          result: Record<string, unknown> | null;
          payload: unknown;
        }>(
          `SELECT id::text, event_id, status, attempts, last_error, result, payload
           FROM integration_webhook_event WHERE org_id = $1 ORDER BY received_at, event_id`,
          [orgId],
        )
      ).rows,
  );

describe("POST /api/webhooks/{provider}/{connectionId}", () => {
  it("stores a correctly signed event and answers 202", async () => {
    const event = { id: "evt-good", type: "product.updated", data: { sku: "A-1" } };
    const res = await deliver(event);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: "accepted", id: expect.any(String) });
    const stored = (await events(a.orgId)).find((e) => e.event_id === "evt-good");
    expect(stored).toMatchObject({ id: res.body.id, status: "RECEIVED", attempts: 0, payload: event });
  });

  it("refuses a wrong secret, a stale or future timestamp, a tampered body and missing headers alike (401)", async () => {
    const event = { id: "evt-refused", type: "product.updated" };
    const now = Math.floor(Date.now() / 1000);
    const answers = await Promise.all([
      deliver(event, { secret: "another-secret-of-enough-length" }),
      // Well outside the 5 minutes, so the seconds the requests take cannot carry one back inside.
      deliver(event, { timestamp: now - 600 }),
      deliver(event, { timestamp: now + 600 }),
      deliver(event, { sentBody: JSON.stringify({ ...event, type: "product.deleted" }) }),
      deliver(event, { headers: { "x-webhook-signature": "" } }),
      deliver(event, { headers: { "x-webhook-timestamp": "" } }),
    ]);
    for (const res of answers) {
      expect(res.status).toBe(401);
      expect(res.type).toBe("application/problem+json");
      expect(res.body.detail).toBe("The webhook's signature could not be verified.");
    }
    expect((await events(a.orgId)).some((e) => e.event_id === "evt-refused")).toBe(false);
  });

  it("answers an unknown, a disabled and another organisation's connection exactly like a bad signature", async () => {
    const event = { id: "evt-elsewhere", type: "product.updated" };
    const refused = [
      await deliver(event, { connectionId: randomUUID() }),
      await deliver(event, { connectionId: "not-a-uuid" }),
      await deliver(event, { provider: "xentral" }),
      // Org B's connection, signed with org A's secret: no way to learn it exists.
      await deliver(event, { connectionId: connB }),
    ];
    for (const res of refused) {
      expect(res.status).toBe(401);
      expect(res.body.detail).toBe("The webhook's signature could not be verified.");
    }
    // One enabled generic connection per organisation: B's goes off while a second one is made.
    await setConnectionEnabled(b.admin, connB, false);
    const { id: disabled } = await saveWebhookConnection(b.admin, {
      name: "Disabled",
      webhookSecret: "whsec-disabled-0123456789abcdef",
    });
    await setConnectionEnabled(b.admin, disabled, false);
    await setConnectionEnabled(b.admin, connB, true);
    const off = await deliver(event, { connectionId: disabled, secret: "whsec-disabled-0123456789abcdef" });
    expect(off.status).toBe(401);
    // Signed with B's own secret it is B's event, stored in B only.
    expect((await deliver(event, { connectionId: connB, secret: SECRET_B })).status).toBe(202);
    expect((await events(b.orgId)).map((e) => e.event_id)).toEqual(["evt-elsewhere"]);
    expect((await events(a.orgId)).some((e) => e.event_id === "evt-elsewhere")).toBe(false);
  });

  it("stores an event id once: the vendor's retry answers 200 duplicate with the same id", async () => {
    const event = { id: "evt-twice", type: "salesOrder.created" };
    const first = await deliver(event);
    const second = await deliver({ ...event, data: { again: true } });
    expect(first.status).toBe(202);
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ status: "duplicate", id: first.body.id });
    expect((await events(a.orgId)).filter((e) => e.event_id === "evt-twice")).toHaveLength(1);
  });

  it("refuses a signed body that is not the provider's event (400) and a body over 256 KB (413)", async () => {
    expect((await deliver({ id: "evt-x", type: "t", extra: 1 })).status).toBe(400);
    expect((await deliver({}, { body: "not json" })).status).toBe(400);
    const big = await deliver({ id: "evt-big", type: "t", data: { blob: "x".repeat(300_000) } });
    expect(big.status).toBe(413);
  });
});

describe("processing and replay", () => {
  it("the job hands received events to the handler; a failing one is FAILED with its error", async () => {
    await deliver({ id: "evt-fails", type: "test.ping", data: { failAttempts: 1 } });
    const counts = await processPendingWebhooks({ batch: 100 });
    expect(counts.orgsFailed).toBe(0);
    expect(counts.failed).toBe(1);
    expect(counts.processed).toBeGreaterThanOrEqual(3);
    const rows = await events(a.orgId);
    expect(rows.find((e) => e.event_id === "evt-good")).toMatchObject({
      status: "PROCESSED",
      attempts: 1,
      result: { handled: "product.updated", fields: ["sku"], attempt: 1 },
    });
    expect(rows.find((e) => e.event_id === "evt-fails")).toMatchObject({
      status: "FAILED",
      attempts: 1,
      last_error: "The test event asked to fail (attempt 1 of 1).",
    });
    // Nothing is left to do: a second run processes nothing.
    expect(await processPendingWebhooks({ batch: 100 })).toMatchObject({ processed: 0, failed: 0 });
  });

  it("an admin sees the failed event first and replays it: processed again, audited", async () => {
    const view = await getWebhookInbox(a.admin);
    expect(view.endpoints).toEqual([
      expect.objectContaining({ connectionId: connA, path: `/api/webhooks/generic/${connA}` }),
    ]);
    expect(view.events[0]).toMatchObject({ eventId: "evt-fails", status: "FAILED", attempts: 1 });
    expect(view.counts.FAILED).toBe(1);
    const failed = view.events[0].id;

    // Not another organisation's admin, not a sales partner.
    await expect(replayWebhookEvent(b.admin, failed)).rejects.toMatchObject({ kind: "not_found" });
    await expect(replayWebhookEvent(a.sales, failed)).rejects.toMatchObject({ kind: "forbidden" });

    expect(await replayWebhookEvent(a.admin, failed)).toBe("PROCESSED");
    expect((await events(a.orgId)).find((e) => e.id === failed)).toMatchObject({
      status: "PROCESSED",
      attempts: 2,
      last_error: null,
      result: { handled: "test.ping", attempt: 2 },
    });
    const audit = await asSuperuser(
      async (client) =>
        (
          await client.query<{ action: string; actor_id: string | null; after: unknown }>(
            `SELECT action, actor_id, after FROM audit_event
             WHERE org_id = $1 AND resource_type = 'integration_webhook_event' AND resource_id = $2`,
            [a.orgId, failed],
          )
        ).rows,
    );
    expect(audit).toEqual([
      expect.objectContaining({
        action: "integration.webhook.replayed",
        actor_id: a.admin.userId,
        after: { status: "RECEIVED", eventId: "evt-fails" },
      }),
    ]);
    // A processed event is not replayed again.
    await expect(replayWebhookEvent(a.admin, failed)).rejects.toMatchObject({ kind: "not_found" });
  });

  it("two concurrent runs of the job handle every event exactly once", async () => {
    const ids = ["evt-c1", "evt-c2", "evt-c3", "evt-c4", "evt-c5"];
    for (const id of ids) expect((await deliver({ id, type: "test.concurrent" })).status).toBe(202);
    const runs = await Promise.all([
      processPendingWebhooks({ batch: 100 }),
      processPendingWebhooks({ batch: 100 }),
    ]);
    expect(runs[0].processed + runs[1].processed).toBe(ids.length);
    const rows = (await events(a.orgId)).filter((e) => ids.includes(e.event_id));
    expect(rows.map((e) => [e.status, e.attempts])).toEqual(ids.map(() => ["PROCESSED", 1]));
  });

  it("only admins (and the system context) see events; the secret is never in the audit trail", async () => {
    const seen = await withOrg(a.sales, (tx) => tx.integrationWebhookEvent.count());
    expect(seen).toBe(0);
    expect(await withOrg(a.admin, (tx) => tx.integrationWebhookEvent.count())).toBeGreaterThan(0);
    const audit = await asSuperuser(
      async (client) =>
        (
          await client.query<{ text: string }>(
            `SELECT row_to_json(e)::text AS text FROM audit_event e WHERE org_id = $1`,
            [a.orgId],
          )
        ).rows,
    );
    expect(audit.length).toBeGreaterThan(0);
    for (const row of audit) expect(row.text).not.toContain(SECRET_A);
  });
});
