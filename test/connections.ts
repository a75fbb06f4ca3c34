import { randomUUID } from "node:crypto";

import { keyringOf, sealSecrets } from "@/lib/integrations/crypto";

import { asSuperuser } from "./pg";

/**
 * An all-inkl mail connection of `orgId`, written as the superuser: settings in clear, secrets
 * sealed under `key` (base64, the test's INTEGRATIONS_KEY). Returns its id.
 */
export async function insertMailConnection(
  orgId: string,
  key: string,
  settings: Record<string, unknown>,
  secrets: Record<string, string>,
  name = "Mail",
): Promise<string> {
  const id = randomUUID();
  const sealed = sealSecrets(id, secrets, keyringOf(key));
  await asSuperuser((client) =>
    client.query(
      `INSERT INTO integration_connection (id, org_id, provider, name, settings, secrets, key_id)
       VALUES ($1, $2, 'ALLINKL_MAIL', $3, $4, $5, $6)`,
      [id, orgId, name, JSON.stringify(settings), Buffer.from(sealed.secrets), sealed.keyId],
    ),
  );
  return id;
}

/** An Allianz Trade connection of `orgId` (base URL in clear, the API key sealed), as the superuser. */
export async function insertAllianzConnection(
  orgId: string,
  key: string,
  baseUrl: string,
  apiKey: string,
  name = "Allianz Trade",
): Promise<string> {
  const id = randomUUID();
  const sealed = sealSecrets(id, { apiKey }, keyringOf(key));
  await asSuperuser((client) =>
    client.query(
      `INSERT INTO integration_connection (id, org_id, provider, name, settings, secrets, key_id)
       VALUES ($1, $2, 'ALLIANZ_TRADE', $3, $4, $5, $6)`,
      [id, orgId, name, JSON.stringify({ baseUrl }), Buffer.from(sealed.secrets), sealed.keyId],
    ),
  );
  return id;
}

/** A Xentral connection of `orgId` (superuser insert): settings in clear, token and webhook key sealed. */
export async function insertXentralConnection(
  orgId: string,
  key: string,
  settings: Record<string, unknown>,
  secrets: { token: string; webhookSecret?: string },
  name = "Xentral",
): Promise<string> {
  const id = randomUUID();
  const sealed = sealSecrets(id, secrets, keyringOf(key));
  await asSuperuser((client) =>
    client.query(
      `INSERT INTO integration_connection (id, org_id, provider, name, settings, secrets, key_id)
       VALUES ($1, $2, 'XENTRAL', $3, $4, $5, $6)`,
      [id, orgId, name, JSON.stringify(settings), Buffer.from(sealed.secrets), sealed.keyId],
    ),
  );
  return id;
}
