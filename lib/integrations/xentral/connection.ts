import "server-only";

import { authorize } from "@/lib/auth/policy";
import { withOrg, type DbContext, type MemberContext, type Prisma, type Tx } from "@/lib/db";

import { connectionConflict } from "../conflicts";
import { writeConnection } from "../connection-write";
import { openSecrets } from "../crypto";
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
    return await withOrg(ctx, (tx) =>
      writeConnection(tx, ctx, {
        id: input.id,
        provider: "XENTRAL",
        name: input.name,
        settings: settings as unknown as Prisma.InputJsonObject,
        secrets: { token: input.token, webhookSecret: input.webhookSecret },
        required: {
          secret: "token",
          path: "token",
          message: "The access token is required.",
          code: "xentral.fieldErrors.tokenRequired",
        },
      }),
    );
  } catch (error) {
    throw (
      connectionConflict(error, {
        message: "Another Xentral connection is enabled; disable it first.",
        code: "xentral.errors.oneEnabled",
      }) ?? error
    );
  }
}
