import "server-only";

import { randomUUID } from "node:crypto";

import { recordAudit } from "@/lib/audit/service";
import { authorize } from "@/lib/auth/policy";
import { isUniqueViolation, withOrg, type MemberContext, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { sealSecrets } from "../crypto";
import { forgetAllianzClients } from "./connection";
import type { TAllianzConnectionInput } from "./schemas";

/**
 * Creates the organisation's Allianz Trade connection (admins): base URL in clear, the API key
 * sealed; audited with `secretChanged`, never the key. One enabled per organisation.
 */
export async function createAllianzConnection(
  ctx: MemberContext,
  input: TAllianzConnectionInput,
): Promise<{ id: string }> {
  authorize(ctx, "integration.manage", { type: "integration", orgId: ctx.orgId });
  const id = randomUUID();
  const sealed = sealSecrets(id, { apiKey: input.apiKey });
  const settings = { baseUrl: input.baseUrl };
  try {
    await withOrg(ctx, async (tx) => {
      await tx.integrationConnection.create({
        data: {
          id,
          orgId: ctx.orgId,
          provider: "ALLIANZ_TRADE",
          name: input.name,
          settings: settings as Prisma.InputJsonObject,
          secrets: sealed.secrets,
          keyId: sealed.keyId,
          createdBy: ctx.userId,
          updatedBy: ctx.userId,
        },
      });
      await recordAudit(tx, ctx, {
        action: "integration.connection.created",
        resourceType: "integration_connection",
        resourceId: id,
        after: { provider: "ALLIANZ_TRADE", name: input.name, settings, secretChanged: true },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", "This organisation has an Allianz Trade connection already.", {
        text: { code: "credit.errors.connectionExists" },
      });
    }
    throw error;
  }
  forgetAllianzClients(ctx.orgId);
  return { id };
}
