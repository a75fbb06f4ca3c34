import "server-only";

import { recordAudit } from "@/lib/audit/service";
import { withOrg, type MemberContext } from "@/lib/db";

import { loadLead } from "./access";
import type { TEraseLead, TLead, TUpdateLead } from "./schemas";
import { duplicateError, duplicatesOf, getLead } from "./service";

/**
 * A lead as a record people maintain: its owner (while protected) and managers edit its details,
 * and an admin erases its contact person on request. Both are audited; personal data does not go
 * into the audit trail — a changed contact is recorded by which fields changed, not their values,
 * so that an erasure leaves no copy behind in an append-only ledger.
 */

const CONTACT_FIELDS = ["firstName", "lastName", "email", "phone"] as const;
const CONTACT_COLUMNS = {
  firstName: "contactFirstName",
  lastName: "contactLastName",
  email: "contactEmail",
  phone: "contactPhone",
} as const;
const BUSINESS_FIELDS = ["companyName", "city", "industry", "vatId", "expectedVolume"] as const;

/** The stage the details show (spec, "Data protection"): 2 with VAT id or volume, 1 with a contact. */
function stageOf(input: TUpdateLead): number {
  if (input.vatId || input.expectedVolume !== undefined) return 2;
  return Object.values(input.contact ?? {}).some(Boolean) ? 1 : 0;
}

/**
 * Replaces the lead's details (`lead.write`: its protected owner, managers, admins). A new company,
 * city or contact address is checked for duplicates as a registration is, the lead itself aside:
 * an exact match elsewhere is a 409, so nobody renames a lead into another partner's protected
 * company. A close name is allowed: the protection was granted at registration, and the edit grants
 * nothing new. The stage only rises.
 */
export async function updateLead(ctx: MemberContext, leadId: string, input: TUpdateLead): Promise<TLead> {
  await withOrg(ctx, async (tx) => {
    // The registrations' lock first (then the lead's, in loadLead), as createLead takes it: an edit
    // and a registration of the same company cannot pass each other's duplicate check.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`lead-registration:${ctx.orgId}`}, 0))`;
    await loadLead(tx, ctx, leadId, "lead.write");
    const before = await tx.lead.findUniqueOrThrow({ where: { id: leadId } });
    const contact = input.contact ?? {};
    const after = {
      companyName: input.companyName,
      city: input.city,
      industry: input.industry ?? null,
      vatId: input.vatId ?? null,
      expectedVolume: input.expectedVolume ?? null,
    };
    const previous = {
      companyName: before.companyName,
      city: before.city,
      industry: before.industry,
      vatId: before.vatId,
      expectedVolume: before.expectedVolume === null ? null : Number(before.expectedVolume),
    };
    const changed = BUSINESS_FIELDS.filter((field) => previous[field] !== after[field]);
    const contactChanged = CONTACT_FIELDS.filter(
      (field) => (before[CONTACT_COLUMNS[field]] ?? null) !== (contact[field] ?? null),
    );
    if (changed.length === 0 && contactChanged.length === 0) return;

    if (changed.includes("companyName") || changed.includes("city") || contactChanged.includes("email")) {
      const others = (await duplicatesOf(tx, input.companyName, input.city, contact.email)).filter(
        (candidate) => candidate.leadId !== leadId,
      );
      const exact = others.find((candidate) => candidate.match === "EXACT");
      if (exact) throw duplicateError(exact);
    }
    const stage = Math.max(before.stage, stageOf(input));
    await tx.lead.update({
      where: { id: leadId },
      data: {
        ...after,
        stage,
        contactFirstName: contact.firstName ?? null,
        contactLastName: contact.lastName ?? null,
        contactEmail: contact.email ?? null,
        contactPhone: contact.phone ?? null,
        updatedAt: new Date(),
      },
    });
    await recordAudit(tx, ctx, {
      action: "lead.updated",
      resourceType: "lead",
      resourceId: leadId,
      before: { ...pick(previous, changed), ...(stage !== before.stage ? { stage: before.stage } : {}) },
      after: {
        ...pick(after, changed),
        ...(stage !== before.stage ? { stage } : {}),
        ...(contactChanged.length > 0 ? { contactChanged } : {}),
      },
    });
  });
  return getLead(ctx, leadId);
}

/**
 * Erases the lead's contact person on the data subject's request (`lead.erase`: admins), as the
 * daily job pseudonymises stale leads: the contact fields become NULL and the lead is marked
 * pseudonymised; its company, dates, activities and audit trail (the contract's evidence) stay.
 * Erasing a lead without a contact still records the request and its reason.
 */
export async function eraseLeadPersonalData(
  ctx: MemberContext,
  leadId: string,
  { reason }: TEraseLead,
): Promise<TLead> {
  await withOrg(ctx, async (tx) => {
    await loadLead(tx, ctx, leadId, "lead.erase");
    const before = await tx.lead.findUniqueOrThrow({ where: { id: leadId } });
    const now = new Date();
    await tx.lead.update({
      where: { id: leadId },
      data: {
        contactFirstName: null,
        contactLastName: null,
        contactEmail: null,
        contactPhone: null,
        pseudonymisedAt: now,
        updatedAt: now,
      },
    });
    await recordAudit(tx, ctx, {
      action: "lead.personal_data.erased",
      resourceType: "lead",
      resourceId: leadId,
      after: {
        reason,
        replaced: CONTACT_FIELDS.filter((field) => before[CONTACT_COLUMNS[field]] !== null),
        pseudonymisedAt: now,
      },
    });
  });
  return getLead(ctx, leadId);
}

function pick<T extends Record<string, unknown>>(values: T, keys: readonly (keyof T)[]): Partial<T> {
  const out: Partial<T> = {};
  for (const key of keys) out[key] = values[key];
  return out;
}
