import "server-only";

import { randomUUID } from "node:crypto";

import { recordAudit } from "@/lib/audit/service";
import { authorize } from "@/lib/auth/policy";
import { withOrg, type MemberContext, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { connectionConflict } from "../conflicts";
import { sealSecrets } from "../crypto";
import { forgetAllianzClients } from "./connection";
import type { TAllianzConnectionInput } from "./schemas";

/**
 * Creates (no id) or edits the organisation's Allianz Trade connection (admins): base URL in clear,
 * the API key sealed. A new connection needs the key; an edit without one keeps the stored key, an
 * edit with one replaces it (the cached access token of the old key is no longer used). Audited
 * with `secretChanged`, never the key. One enabled per organisation.
 */
export async function saveAllianzConnection(
  ctx: MemberContext,
  input: TAllianzConnectionInput,
): Promise<{ id: string }> {
  authorize(ctx, "integration.manage", { type: "integration", orgId: ctx.orgId });
  const settings = { baseUrl: input.baseUrl };
  const json = settings as Prisma.InputJsonObject;
  try {
    return await withOrg(ctx, async (tx) => {
      const existing = input.id
        ? await tx.integrationConnection.findFirst({
            where: { id: input.id, orgId: ctx.orgId, provider: "ALLIANZ_TRADE" },
            select: { id: true, name: true, settings: true },
          })
        : null;
      if (input.id && !existing) throw new AppError("not_found", "Not found.");
      if (!existing && !input.apiKey) {
        throw new AppError("unprocessable", "The API key is required.", {
          fieldErrors: [{ path: "apiKey", message: "required", code: "credit.fieldErrors.apiKeyRequired" }],
        });
      }
      const id = existing?.id ?? randomUUID();
      const sealed = input.apiKey ? sealSecrets(id, { apiKey: input.apiKey }) : undefined;
      const secrets = sealed ? { secrets: sealed.secrets, keyId: sealed.keyId } : {};
      if (existing) {
        await tx.integrationConnection.update({
          where: { id },
          data: {
            name: input.name,
            settings: json,
            ...secrets,
            updatedBy: ctx.userId,
            updatedAt: new Date(),
          },
        });
      } else {
        await tx.integrationConnection.create({
          data: {
            id,
            orgId: ctx.orgId,
            provider: "ALLIANZ_TRADE",
            name: input.name,
            settings: json,
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
        after: { provider: "ALLIANZ_TRADE", name: input.name, settings, secretChanged: Boolean(sealed) },
      });
      return { id };
    });
  } catch (error) {
    throw (
      connectionConflict(error, {
        message: "This organisation has an Allianz Trade connection already.",
        code: "credit.errors.connectionExists",
      }) ?? error
    );
  } finally {
    forgetAllianzClients(ctx.orgId);
  }
}
