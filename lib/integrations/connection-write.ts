import "server-only";

import { randomUUID } from "node:crypto";

import { recordAudit } from "@/lib/audit/service";
import type { DbContext, Prisma, Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { openSecrets, sealSecrets } from "./crypto";
import type { Provider } from "./resilience";

export interface ConnectionWrite {
  /** The connection to edit; none creates one. */
  id?: string;
  provider: Provider;
  name: string;
  /** The settings in clear; undefined leaves them (a kind without settings). */
  settings?: Prisma.InputJsonObject;
  /** New secret values by name; an empty or missing one keeps what is stored under that name. */
  secrets: Record<string, string | undefined>;
  /** The secret a new connection cannot do without, and the field error when it is missing. */
  required: { secret: string; path: string; message: string; code: string };
}

/**
 * Creates (no id) or edits one connection of a provider in the caller's organisation, in the
 * caller's transaction: a new one needs its required secret; on an edit an empty secret keeps the
 * stored one and a given one replaces just that one (the others stay, sealed again together).
 * Audited `integration.connection.created|updated` with `secretChanged`, never a secret. An id of
 * another organisation or provider is "not found".
 */
export async function writeConnection(
  tx: Tx,
  ctx: DbContext & { orgId: string },
  write: ConnectionWrite,
): Promise<{ id: string }> {
  const existing = write.id
    ? await tx.integrationConnection.findFirst({
        where: { id: write.id, orgId: ctx.orgId, provider: write.provider },
        select: { id: true, name: true, settings: true, secrets: true, keyId: true },
      })
    : null;
  if (write.id && !existing) throw new AppError("not_found", "Not found.");
  const given = Object.fromEntries(Object.entries(write.secrets).filter(([, value]) => value)) as Record<
    string,
    string
  >;
  if (!existing && !given[write.required.secret]) {
    const { path, message, code } = write.required;
    throw new AppError("unprocessable", message, { fieldErrors: [{ path, message: "required", code }] });
  }
  const id = existing?.id ?? randomUUID();
  const changed = Object.keys(given).length > 0;
  const kept =
    changed && existing?.secrets && existing.keyId
      ? openSecrets(id, { secrets: existing.secrets, keyId: existing.keyId })
      : {};
  const sealed = changed ? sealSecrets(id, { ...kept, ...given }) : undefined;
  const secrets = sealed ? { secrets: sealed.secrets, keyId: sealed.keyId } : {};
  const settings = write.settings === undefined ? {} : { settings: write.settings };
  if (existing) {
    await tx.integrationConnection.update({
      where: { id },
      data: { name: write.name, ...settings, ...secrets, updatedBy: ctx.userId, updatedAt: new Date() },
    });
  } else {
    await tx.integrationConnection.create({
      data: {
        id,
        orgId: ctx.orgId,
        provider: write.provider,
        name: write.name,
        ...settings,
        ...secrets,
        createdBy: ctx.userId,
        updatedBy: ctx.userId,
      },
    });
  }
  await recordAudit(tx, ctx, {
    action: existing ? "integration.connection.updated" : "integration.connection.created",
    resourceType: "integration_connection",
    resourceId: id,
    ...(existing ? { before: { name: existing.name, settings: existing.settings } } : {}),
    after: { provider: write.provider, name: write.name, ...settings, secretChanged: changed },
  });
  return { id };
}
