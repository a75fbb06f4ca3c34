import "server-only";

import { authorize } from "@/lib/auth/policy";
import { withOrg, type MemberContext } from "@/lib/db";

import { connectionConflict } from "./conflicts";
import { writeConnection } from "./connection-write";
import type { TWebhookConnectionInput } from "./schemas";
import { webhookSlugOf } from "./webhook-handlers";

/**
 * The webhook inbox as the Integrations page shows it (admins): where each connection receives
 * webhooks, the latest events with their state, and the generic webhook connection's form.
 */

export interface WebhookEndpoint {
  connectionId: string;
  name: string;
  provider: string;
  enabled: boolean;
  /** The path a vendor posts to, on this app's origin. */
  path: string;
}

export interface WebhookEventView {
  id: string;
  connectionName: string;
  provider: string;
  eventId: string;
  eventType: string;
  status: "RECEIVED" | "PROCESSED" | "FAILED";
  attempts: number;
  receivedAt: string;
  processedAt: string | null;
  lastError: string | null;
}

export interface WebhookInbox {
  endpoints: WebhookEndpoint[];
  counts: Record<WebhookEventView["status"], number>;
  /** The latest events, failed ones first. */
  events: WebhookEventView[];
}

export async function getWebhookInbox(ctx: MemberContext, limit = 50): Promise<WebhookInbox> {
  authorize(ctx, "integration.manage", { type: "integration", orgId: ctx.orgId });
  return withOrg(ctx, async (tx) => {
    const connections = await tx.integrationConnection.findMany({
      where: { orgId: ctx.orgId },
      orderBy: { name: "asc" },
      select: { id: true, name: true, provider: true, enabled: true },
    });
    const endpoints = connections.flatMap((c) => {
      const slug = webhookSlugOf(c.provider);
      return slug
        ? [
            {
              connectionId: c.id,
              name: c.name,
              provider: c.provider,
              enabled: c.enabled,
              path: `/api/webhooks/${slug}/${c.id}`,
            },
          ]
        : [];
    });
    const grouped = await tx.integrationWebhookEvent.groupBy({
      by: ["status"],
      where: { orgId: ctx.orgId },
      _count: { _all: true },
    });
    const counts = { RECEIVED: 0, PROCESSED: 0, FAILED: 0 };
    for (const g of grouped) if (g.status in counts) counts[g.status as keyof typeof counts] = g._count._all;
    const rows = await tx.$queryRaw<
      {
        id: string;
        name: string;
        provider: string;
        event_id: string;
        event_type: string;
        status: WebhookEventView["status"];
        attempts: number;
        received_at: Date;
        processed_at: Date | null;
        last_error: string | null;
      }[]
    >`
      SELECT e.id::text, c.name, e.provider, e.event_id, e.event_type, e.status, e.attempts, e.received_at,
             e.processed_at, e.last_error
      FROM integration_webhook_event e
      JOIN integration_connection c ON c.org_id = e.org_id AND c.id = e.connection_id
      WHERE e.org_id = ${ctx.orgId}::uuid
      ORDER BY (e.status = 'FAILED') DESC, e.received_at DESC
      LIMIT ${limit}`;
    return {
      endpoints,
      counts,
      events: rows.map((r) => ({
        id: r.id,
        connectionName: r.name,
        provider: r.provider,
        eventId: r.event_id,
        eventType: r.event_type,
        status: r.status,
        attempts: r.attempts,
        receivedAt: r.received_at.toISOString(),
        processedAt: r.processed_at?.toISOString() ?? null,
        lastError: r.last_error,
      })),
    };
  });
}

/**
 * Creates (no id) or renames a generic webhook connection, and sets its webhook secret (required
 * for a new one; empty keeps the stored one). Other secrets of the connection stay as they are.
 * Audited with `secretChanged`, never the secret.
 */
export async function saveWebhookConnection(
  ctx: MemberContext,
  input: TWebhookConnectionInput,
): Promise<{ id: string }> {
  authorize(ctx, "integration.manage", { type: "integration", orgId: ctx.orgId });
  try {
    return await withOrg(ctx, (tx) =>
      writeConnection(tx, ctx, {
        id: input.id,
        provider: "GENERIC",
        name: input.name,
        secrets: { webhookSecret: input.webhookSecret },
        required: {
          secret: "webhookSecret",
          path: "webhookSecret",
          message: "The webhook secret is required.",
          code: "integrationsMonitor.fieldErrors.secretRequired",
        },
      }),
    );
  } catch (error) {
    throw (
      connectionConflict(error, {
        message: "Another generic connection is enabled; disable it first.",
        code: "integrationsMonitor.errors.oneEnabled",
      }) ?? error
    );
  }
}
