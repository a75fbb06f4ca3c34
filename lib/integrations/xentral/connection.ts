import "server-only";

import { randomUUID } from "node:crypto";

import { recordAudit } from "@/lib/audit/service";
import { authorize } from "@/lib/auth/policy";
import { withOrg, type DbContext, type MemberContext, type Prisma, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { connectionConflict } from "../conflicts";
import { openSecrets, sealSecrets } from "../crypto";
import { XentralClient } from "./client";
import {
  ZXentralConnectionInput,
  ZXentralSettings,
  type TXentralConnectionInput,
  type TXentralSettings,
} from "./schemas";

/**
 * The organisation's Xentral connection (one enabled at a time, like every provider): the
 * instance's base URL, the token's expiry and the sales-order defaults in clear; the personal
 * access token and the webhook signature key sealed. Admins only; audited with `secretChanged`.
 */

export interface OpenXentral {
  id: string;
  name: string;
  settings: TXentralSettings;
  token: string;
}

/** The enabled Xentral connection with its token, or null (none, or no token, or bad settings). */
export async function openXentralConnection(tx: Tx, orgId: string): Promise<OpenXentral | null> {
  const row = await tx.integrationConnection.findFirst({
    where: { orgId, provider: "XENTRAL", enabled: true },
    select: { id: true, name: true, settings: true, secrets: true, keyId: true },
  });
  if (!row?.secrets || !row.keyId) return null;
  const settings = ZXentralSettings.safeParse(row.settings);
  const token = openSecrets(row.id, { secrets: row.secrets, keyId: row.keyId }).token;
  if (!settings.success || !token) return null;
  return { id: row.id, name: row.name, settings: settings.data, token };
}

export function clientOf(ctx: DbContext & { orgId: string }, connection: OpenXentral): XentralClient {
  return new XentralClient({
    ctx,
    connectionId: connection.id,
    baseUrl: connection.settings.baseUrl,
    token: connection.token,
  });
}

/** Creates (no id) or edits the Xentral connection. A new one needs the token. */
export async function saveXentralConnection(
  ctx: MemberContext,
  raw: TXentralConnectionInput,
): Promise<{ id: string }> {
  authorize(ctx, "integration.manage", { type: "integration", orgId: ctx.orgId });
  const input = ZXentralConnectionInput.parse(raw);
  const settings: TXentralSettings = ZXentralSettings.parse({
    baseUrl: input.instance,
    tokenExpiresAt: input.tokenExpiresAt,
    projectId: input.projectId,
    paymentMethodId: input.paymentMethodId,
    shippingMethodId: input.shippingMethodId,
    currency: input.currency,
    taxRate: input.taxRate,
  });
  try {
    return await withOrg(ctx, async (tx) => {
      const existing = input.id
        ? await tx.integrationConnection.findFirst({
            where: { id: input.id, orgId: ctx.orgId, provider: "XENTRAL" },
            select: { id: true, name: true, settings: true, secrets: true, keyId: true },
          })
        : null;
      if (input.id && !existing) throw new AppError("not_found", "Not found.");
      if (!existing && !input.token) {
        throw new AppError("unprocessable", "The access token is required.", {
          fieldErrors: [{ path: "token", message: "required", code: "xentral.fieldErrors.tokenRequired" }],
        });
      }
      const id = existing?.id ?? randomUUID();
      const kept =
        existing?.secrets && existing.keyId
          ? openSecrets(id, { secrets: existing.secrets, keyId: existing.keyId })
          : {};
      const changed = Boolean(input.token || input.webhookSecret);
      const sealed = changed
        ? sealSecrets(id, {
            ...kept,
            ...(input.token ? { token: input.token } : {}),
            ...(input.webhookSecret ? { webhookSecret: input.webhookSecret } : {}),
          })
        : undefined;
      const secrets = sealed ? { secrets: sealed.secrets, keyId: sealed.keyId } : {};
      const json = settings as unknown as Prisma.InputJsonObject;
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
            provider: "XENTRAL",
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
        after: { provider: "XENTRAL", name: input.name, settings, secretChanged: changed },
      });
      return { id };
    });
  } catch (error) {
    throw (
      connectionConflict(error, {
        message: "Another Xentral connection is enabled; disable it first.",
        code: "xentral.errors.oneEnabled",
      }) ?? error
    );
  }
}
