import "server-only";

import type { OrgContext, Tx } from "@/lib/db";

import { genericWebhooks } from "./generic/webhooks";
import { xentralWebhooks } from "./xentral/webhooks";

/**
 * The webhook inbox's providers: what the `{provider}` segment of /api/webhooks/{provider}/{id}
 * names, how an event's id and type are read from its payload, and what processing an event does.
 * Adding a vendor's webhooks (Xentral: issue 13) is one entry here and its module in the vendor's
 * folder (lib/integrations/<vendor>/webhooks.ts).
 */
export interface StoredWebhookEvent {
  id: string;
  connectionId: string;
  eventId: string;
  eventType: string;
  payload: unknown;
  /** This processing's number: 1 the first time, 2 after one failure or replay, … */
  attempt: number;
}

export interface WebhookProvider {
  /** The connection's provider (integration_connection.provider). */
  provider: "GENERIC" | "XENTRAL" | "ALLIANZ_TRADE";
  /** The event's id (unique per connection, the dedupe key) and type, or null: not this provider's. */
  identify(payload: unknown): { id: string; type: string } | null;
  /**
   * Processes one event inside the organisation's system transaction; what it returns is stored
   * as the event's result (what it did). Throwing marks the event FAILED with the redacted message,
   * and whatever the handler wrote in the transaction is rolled back.
   */
  handle(event: StoredWebhookEvent, tools: { tx: Tx; ctx: OrgContext }): Promise<Record<string, unknown>>;
}

const PROVIDERS: ReadonlyMap<string, WebhookProvider> = new Map([
  ["generic", genericWebhooks],
  ["xentral", xentralWebhooks],
]);

/** The provider by the URL's segment (`generic`), or undefined. */
export function webhookProviderBySlug(slug: string): WebhookProvider | undefined {
  return PROVIDERS.get(slug);
}

/** The provider of a stored event (its connection's provider). */
export function webhookProviderOf(provider: string): WebhookProvider | undefined {
  return [...PROVIDERS.values()].find((p) => p.provider === provider);
}

/** The URL segment of a connection's provider, or null when it receives no webhooks. */
export function webhookSlugOf(provider: string): string | null {
  return [...PROVIDERS.entries()].find(([, p]) => p.provider === provider)?.[0] ?? null;
}
