import "server-only";

import { recordAudit } from "@/lib/audit/service";
import type { DbContext } from "@/lib/db";
import { forEachOrg } from "@/lib/db/orgs";

import { keyring, openSecrets, sealSecrets, type Keyring } from "./crypto";

export interface RotateCounts {
  orgs: number;
  checked: number;
  rotated: number;
  failed: number;
}

/**
 * Re-encrypts every connection's secrets that are not under the current INTEGRATIONS_KEY, in each
 * organisation's own transaction, auditing each row ("secrets re-encrypted", never the secrets).
 * Safe to run again: rows already under the current key are left alone. A row whose key is neither
 * current nor previous counts as failed (its organisation's rows stay as they were).
 */
export async function rotateIntegrationKeys(
  system: DbContext,
  ring: Keyring = keyring(),
): Promise<RotateCounts> {
  const current = ring.current;
  if (!current) throw new Error("INTEGRATIONS_KEY is not set: there is no key to rotate to");
  let checked = 0;
  let rotated = 0;
  const { orgs, failed } = await forEachOrg(system, "integrations:rotate-key", async (tx, ctx) => {
    const rows = await tx.integrationConnection.findMany({
      where: { orgId: ctx.orgId, secrets: { not: null } },
      select: { id: true, secrets: true, keyId: true },
      orderBy: { id: "asc" },
    });
    checked += rows.length;
    let done = 0;
    for (const row of rows) {
      if (!row.secrets || !row.keyId || row.keyId === current.id) continue;
      const plain = openSecrets(row.id, { secrets: row.secrets, keyId: row.keyId }, ring);
      const sealed = sealSecrets(row.id, plain, ring);
      await tx.integrationConnection.update({
        where: { id: row.id },
        data: { secrets: sealed.secrets, keyId: sealed.keyId, updatedAt: new Date() },
      });
      await recordAudit(tx, ctx, {
        action: "integration.connection.key_rotated",
        resourceType: "integration_connection",
        resourceId: row.id,
        before: { keyId: row.keyId },
        after: { keyId: sealed.keyId },
      });
      done += 1;
    }
    rotated += done;
  });
  return { orgs, checked, rotated, failed };
}
