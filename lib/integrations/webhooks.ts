import "server-only";

import { createHmac } from "node:crypto";

import { recordAudit } from "@/lib/audit/service";
import { authorize } from "@/lib/auth/policy";
import {
  systemContext,
  withOrg,
  withoutOrg,
  type MemberContext,
  type OrgContext,
  type Prisma,
  type Tx,
} from "@/lib/db";
import { forEachOrg } from "@/lib/db/orgs";
import { AppError } from "@/lib/errors";
import { hasPrototypeKey } from "@/lib/keys";

import { openSecrets } from "./crypto";
import { redactError } from "./errors";
import { verifyWebhookSignature, type SignedRequest } from "./webhook-signature";
import { webhookProviderBySlug, webhookProviderOf } from "./webhook-handlers";

/**
 * The webhook inbox (DESIGN.md "Integrations"): a vendor's event is checked (the connection's
 * webhook secret, HMAC-SHA256, five minutes' tolerance), stored once per event id and answered at
 * once; the job webhook-process hands stored events to their provider's handler
 * (webhook-handlers.ts). Failed events stay visible and an admin replays them (audited).
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The one answer for an unknown provider or connection, a missing secret and a bad signature. */
function refused(): AppError {
  return new AppError("unauthorized", "The webhook's signature could not be verified.");
}

/** The secret the webhook is checked with, or null (unknown, disabled, no secret, key missing). */
async function webhookSecretOf(
  connectionId: string,
  provider: string,
): Promise<{ orgId: string; secret: string } | null> {
  const [row] = await withoutOrg(
    (tx) => tx.$queryRaw<{ org_id: string; secrets: Uint8Array | null; key_id: string | null }[]>`
      SELECT org_id::text, secrets, key_id FROM app_webhook_connection(${connectionId}::uuid, ${provider})`,
  );
  if (!row?.secrets || !row.key_id) return null;
  try {
    const secret = openSecrets(connectionId, { secrets: row.secrets, keyId: row.key_id }).webhookSecret;
    return secret ? { orgId: row.org_id, secret } : null;
  } catch (error) {
    console.error(`[webhooks] secrets of connection ${connectionId} cannot be opened`, error);
    return null;
  }
}

export interface WebhookReceipt {
  status: "accepted" | "duplicate";
  /** The stored event's id. */
  id: string;
}

/**
 * Checks and stores one webhook. Unknown provider or connection, a disabled one, one without a
 * webhook secret and a wrong or stale signature are all the same 401, so a caller learns nothing
 * about which connections exist. A verified body that is no event of the provider is a 400.
 */
export async function receiveWebhook(
  providerSlug: string,
  connectionId: string,
  request: SignedRequest,
  nowMs = Date.now(),
): Promise<WebhookReceipt> {
  const provider = webhookProviderBySlug(providerSlug);
  const target =
    provider && UUID.test(connectionId) ? await webhookSecretOf(connectionId, provider.provider) : null;
  if (!target || !provider) {
    // As much work as a real check, so the time taken does not tell unknown from wrong.
    createHmac("sha256", "no-secret").update(request.body).digest();
    throw refused();
  }
  if (!verifyWebhookSignature(target.secret, request, nowMs)) throw refused();

  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(request.body));
  } catch {
    throw new AppError("bad_request", "The body is not UTF-8 JSON.");
  }
  if (hasPrototypeKey(payload)) {
    throw new AppError("bad_request", "Names __proto__, constructor and prototype are not allowed.");
  }
  const event = provider.identify(payload);
  if (!event) throw new AppError("bad_request", `The body is not an event of the ${providerSlug} provider.`);

  const ctx = { ...systemContext("webhook-inbox"), orgId: target.orgId };
  return withOrg(ctx, async (tx) => {
    const [inserted] = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO integration_webhook_event (org_id, connection_id, provider, event_id, event_type, payload)
      VALUES (${target.orgId}::uuid, ${connectionId}::uuid, ${provider.provider}, ${event.id}, ${event.type},
              ${JSON.stringify(payload)}::jsonb)
      ON CONFLICT (org_id, connection_id, event_id) DO NOTHING
      RETURNING id::text`;
    if (inserted) return { status: "accepted", id: inserted.id };
    const existing = await tx.integrationWebhookEvent.findFirstOrThrow({
      where: { orgId: target.orgId, connectionId, eventId: event.id },
      select: { id: true },
    });
    return { status: "duplicate", id: existing.id };
  });
}

interface PendingRow {
  id: string;
  connection_id: string;
  provider: string;
  event_id: string;
  event_type: string;
  payload: Prisma.JsonValue;
  attempts: number;
}

/**
 * Processes one claimed event in the transaction: the handler runs under a savepoint, so a failing
 * handler's writes are undone while the event's FAILED state and error are kept.
 */
async function processEvent(tx: Tx, ctx: OrgContext, row: PendingRow): Promise<"PROCESSED" | "FAILED"> {
  const attempt = row.attempts + 1;
  const provider = webhookProviderOf(row.provider);
  await tx.$executeRaw`SAVEPOINT webhook_handler`;
  try {
    if (!provider) throw new Error(`No webhook handler for the provider ${row.provider}.`);
    const result = await provider.handle(
      {
        id: row.id,
        connectionId: row.connection_id,
        eventId: row.event_id,
        eventType: row.event_type,
        payload: row.payload,
        attempt,
      },
      { tx, ctx },
    );
    await tx.$executeRaw`RELEASE SAVEPOINT webhook_handler`;
    await tx.$executeRaw`
      UPDATE integration_webhook_event
      SET status = 'PROCESSED', attempts = ${attempt}, result = ${JSON.stringify(result)}::jsonb,
          last_error = NULL, processed_at = now()
      WHERE id = ${row.id}::uuid`;
    return "PROCESSED";
  } catch (error) {
    await tx.$executeRaw`ROLLBACK TO SAVEPOINT webhook_handler`;
    const message = redactError(error instanceof Error ? error.message : String(error));
    console.warn(
      JSON.stringify({ msg: "webhook event failed", orgId: ctx.orgId, event: row.id, error: message }),
    );
    await tx.$executeRaw`
      UPDATE integration_webhook_event
      SET status = 'FAILED', attempts = ${attempt}, last_error = ${message}
      WHERE id = ${row.id}::uuid`;
    return "FAILED";
  }
}

/** Claims an organisation's received events (all, or one by id), oldest first, skipping locked ones. */
function claimEvents(tx: Tx, orgId: string, limit: number, id?: string): Promise<PendingRow[]> {
  return tx.$queryRaw<PendingRow[]>`
    SELECT id::text, connection_id::text, provider, event_id, event_type, payload, attempts
    FROM integration_webhook_event
    WHERE org_id = ${orgId}::uuid AND status = 'RECEIVED' AND (${id ?? null}::uuid IS NULL OR id = ${id ?? null}::uuid)
    ORDER BY received_at
    LIMIT ${limit}
    FOR UPDATE SKIP LOCKED`;
}

export interface WebhookProcessCounts {
  orgs: number;
  processed: number;
  failed: number;
  orgsFailed: number;
}

/**
 * The job's work: every organisation's received events, at most `batch` per organisation and run.
 * Safe to run concurrently: rows are claimed with FOR UPDATE SKIP LOCKED, so no event is handled twice.
 */
export async function processPendingWebhooks(options: { batch: number }): Promise<WebhookProcessCounts> {
  let processed = 0;
  let failed = 0;
  const { orgs, failed: orgsFailed } = await forEachOrg(
    systemContext("webhook-process"),
    "webhook-process",
    async (tx, ctx) => {
      for (const row of await claimEvents(tx, ctx.orgId, options.batch)) {
        if ((await processEvent(tx, ctx, row)) === "PROCESSED") processed += 1;
        else failed += 1;
      }
    },
  );
  return { orgs, processed, failed, orgsFailed };
}

/**
 * "Replay" on a failed event (admins): audited, put back to RECEIVED and processed at once; returns
 * how that ended. Another organisation's event, or one that has not failed, is a 404.
 */
export async function replayWebhookEvent(
  ctx: MemberContext,
  id: string,
): Promise<"PROCESSED" | "FAILED" | "RECEIVED"> {
  authorize(ctx, "integration.manage", { type: "integration", orgId: ctx.orgId });
  await withOrg(ctx, async (tx) => {
    const [row] = await tx.$queryRaw<{ event_id: string; attempts: number }[]>`
      UPDATE integration_webhook_event SET status = 'RECEIVED'
      WHERE id = ${id}::uuid AND org_id = ${ctx.orgId}::uuid AND status = 'FAILED'
      RETURNING event_id, attempts`;
    if (!row) throw new AppError("not_found", "Not found.");
    await recordAudit(tx, ctx, {
      action: "integration.webhook.replayed",
      resourceType: "integration_webhook_event",
      resourceId: id,
      before: { status: "FAILED", attempts: row.attempts },
      after: { status: "RECEIVED", eventId: row.event_id },
    });
  });
  const system = { ...systemContext("webhook-replay", { type: "user", id: ctx.userId }), orgId: ctx.orgId };
  return withOrg(system, async (tx) => {
    const [row] = await claimEvents(tx, ctx.orgId, 1, id);
    // Claimed meanwhile by the job, which then processes it.
    return row ? processEvent(tx, system, row) : "RECEIVED";
  });
}
