import "server-only";

import { z } from "zod";

import { withOrg } from "@/lib/db";

import { openSecrets } from "../crypto";
import { AllianzTradeClient, type AllianzClientOptions } from "./client";
import { BASE_URLS } from "./wire";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * An Allianz Trade connection's settings: the API's base URL (production by default, the sandbox,
 * or a server on this machine such as the test fake); its secret is the `apiKey`.
 */
export const ZAllianzSettings = z.object({
  baseUrl: z
    .url({ protocol: /^https?$/ })
    .default(BASE_URLS.production)
    .refine((url) => url.startsWith("https://") || LOOPBACK.has(new URL(url).hostname), {
      message: "https only, except for a server on this machine",
    }),
});
export type TAllianzSettings = z.infer<typeof ZAllianzSettings>;

export interface AllianzConnection {
  id: string;
  orgId: string;
  settings: TAllianzSettings;
  apiKey: string;
}

/**
 * The organisation's enabled Allianz Trade connection with its API key opened, or null (none, or
 * one whose settings or key cannot be read: the credit check then reports "not configured"). Read
 * in the system context: connections are the admins', the credit check is the managers'.
 */
export async function openAllianzConnection(orgId: string): Promise<AllianzConnection | null> {
  return withOrg({ orgId, userId: null, roles: ["system"] }, async (tx) => {
    const row = await tx.integrationConnection.findFirst({
      where: { orgId, provider: "ALLIANZ_TRADE", enabled: true },
      select: { id: true, settings: true, secrets: true, keyId: true },
    });
    if (!row || !row.secrets || !row.keyId) return null;
    const settings = ZAllianzSettings.safeParse(row.settings ?? {});
    const apiKey = openSecrets(row.id, { secrets: row.secrets, keyId: row.keyId }).apiKey;
    if (!settings.success || !apiKey) return null;
    return { id: row.id, orgId, settings: settings.data, apiKey };
  });
}

const CLIENT_TTL_MS = 30_000;
const globalForClients = globalThis as unknown as {
  freshplanAllianzClients?: Map<string, { at: number; client: Promise<AllianzTradeClient | null> }>;
};

/**
 * The organisation's client, kept 30 seconds per process (a credit check at peak must not open the
 * connection's secrets each time); a changed or disabled connection is seen within that time.
 */
export function allianzClientFor(
  orgId: string,
  options?: AllianzClientOptions,
): Promise<AllianzTradeClient | null> {
  globalForClients.freshplanAllianzClients ??= new Map();
  const clients = globalForClients.freshplanAllianzClients;
  const cached = clients.get(orgId);
  if (cached && Date.now() - cached.at < CLIENT_TTL_MS) return cached.client;
  const client = openAllianzConnection(orgId).then((connection) =>
    connection
      ? new AllianzTradeClient(
          {
            orgId,
            connectionId: connection.id,
            baseUrl: connection.settings.baseUrl,
            apiKey: connection.apiKey,
          },
          options,
        )
      : null,
  );
  clients.set(orgId, { at: Date.now(), client });
  client.catch(() => clients.delete(orgId));
  return client;
}

/** Forgets the kept clients (tests; a saved connection). */
export function forgetAllianzClients(orgId?: string): void {
  if (orgId) globalForClients.freshplanAllianzClients?.delete(orgId);
  else globalForClients.freshplanAllianzClients?.clear();
}
