import "server-only";

import { authorize } from "@/lib/auth/policy";
import { withOrg, type MemberContext } from "@/lib/db";

import { connectionConflict } from "../conflicts";
import { writeConnection } from "../connection-write";
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
  try {
    return await withOrg(ctx, (tx) =>
      writeConnection(tx, ctx, {
        id: input.id,
        provider: "ALLIANZ_TRADE",
        name: input.name,
        settings: { baseUrl: input.baseUrl },
        secrets: { apiKey: input.apiKey },
        required: {
          secret: "apiKey",
          path: "apiKey",
          message: "The API key is required.",
          code: "credit.fieldErrors.apiKeyRequired",
        },
      }),
    );
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
