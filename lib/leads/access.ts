import "server-only";

import { authorize, type Action, type Resource } from "@/lib/auth/policy";
import type { MemberContext, Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { readLeadAccess, type ProtectionRow } from "./queries";

export interface LoadedLead {
  id: string;
  orgId: string;
  protection: ProtectionRow | undefined;
  resource: Resource;
}

/**
 * A lead as the caller may see it, with what the access rules need: its owner, protection status
 * and collaborators. Row-level security decides visibility first; a lead the caller cannot see is
 * "not found", the same as one that does not exist. Changes to one lead are serialised by an
 * advisory lock held to the end of the transaction (a row lock would need the UPDATE policy,
 * which collaborators who may log activities do not pass).
 */
export async function loadLead(
  tx: Tx,
  ctx: MemberContext,
  leadId: string,
  action: Action,
): Promise<LoadedLead> {
  const notFound = () =>
    new AppError("not_found", "No such lead.", { text: { code: "leads.errors.notFound" } });
  if (action !== "lead.read") {
    const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM lead WHERE id = ${leadId}::uuid`;
    if (!row) throw notFound();
    // The key from the stored id, so every writer (services, the daily job) takes the same lock;
    // what the rules read comes after it.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`lead:${row.id}`}, 0))`;
  }
  const lead = await readLeadAccess(tx, leadId);
  if (!lead) throw notFound();
  const { protection, collaborators } = lead;
  const resource: Resource = {
    type: "lead",
    orgId: lead.orgId,
    attributes: { ownerId: protection?.owner_user_id ?? null, status: protection?.status, collaborators },
  };
  authorize(ctx, action, resource);
  return { id: lead.id, orgId: lead.orgId, protection, resource };
}

/** Allowed clock drift between a client and us when a time must not lie in the future. */
export const CLOCK_DRIFT_MS = 60_000;

export function assertNotFuture(when: Date, field: string): void {
  if (when.getTime() > Date.now() + CLOCK_DRIFT_MS) {
    throw new AppError("bad_request", `${field} lies in the future.`, {
      text: { code: "leads.errors.inFuture" },
      fieldErrors: [{ path: field, message: "must not be in the future", code: "leads.fieldErrors.future" }],
    });
  }
}

/**
 * The id must belong to a member of the organisation (RLS shows only this org's memberships);
 * returns the membership, for rules that depend on the member's role.
 */
export async function assertMember(
  tx: Tx,
  orgId: string,
  userId: string,
  field: string,
): Promise<{ role: string }> {
  const member = await tx.membership.findUnique({ where: { orgId_userId: { orgId, userId } } });
  if (!member) {
    throw new AppError("unprocessable", "No such member in this organisation.", {
      text: { code: "leads.errors.notMember" },
      fieldErrors: [
        { path: field, message: "not a member of this organisation", code: "leads.fieldErrors.notMember" },
      ],
    });
  }
  return member;
}
