import "server-only";

import { randomUUID } from "node:crypto";

import { recordAudit } from "@/lib/audit/service";
import { authorize, can } from "@/lib/auth/policy";
import { withOrg, type Tx, type MemberContext } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { assertMember, assertNotFuture, loadLead } from "./access";
import { closePendingExtensions } from "./clock";
import { decodeCursor, encodeCursor } from "./cursor";
import { protectionDto } from "./dto";
import {
  type LeadListFilter,
  type LeadListRow,
  listLeadRows,
  listMemberRows,
  listPendingExtensionRows,
  listRecentlyReleasedRows,
  readLeadHistory,
  readProtection,
} from "./queries";
import {
  type TBackdate,
  type TCreateLead,
  type TLead,
  type TLeadListItem,
  type TLeadPage,
  type TLeadSort,
  type TLeadSortKey,
  type TLeadTimeline,
  type TListLeads,
  type TManagerQueue,
  type TReassign,
} from "./schemas";

const sortKey = (sort: TLeadSort) => sort.replace(/^-/, "") as TLeadSortKey;

/**
 * Leads: registration with the duplicate check, reading, reassignment and backdating. Every change
 * is checked by the access rules (lib/auth/policy.ts), again by RLS, and audited in its transaction.
 */

/**
 * A registered lead that collides with a new registration. The caller learns its id only when they
 * may read the lead; of one they may not, only that it is protected and since when (never who
 * holds it). An unprotected lead they may not read is no collision at all: its company is free.
 */
export interface DuplicateCandidate {
  leadId: string | null;
  companyName: string;
  city: string;
  match: "EXACT" | "SIMILAR";
  similarity: number;
  /** When the current protection began; null when the lead is not protected now. */
  protectedSince: Date | null;
}

export type CreateLeadResult =
  { kind: "created"; lead: TLead } | { kind: "similar"; candidates: DuplicateCandidate[] };

export async function createLead(ctx: MemberContext, input: TCreateLead): Promise<CreateLeadResult> {
  authorize(ctx, "lead.create", {
    type: "lead",
    orgId: ctx.orgId,
  });
  const manager = can(ctx, "lead.manage", { type: "lead", orgId: ctx.orgId });
  if (input.registeredAt && !manager) {
    throw new AppError("forbidden", "Only managers and admins may register a lead with an earlier date.", {
      text: { code: "leads.errors.registerEarlier" },
    });
  }
  if (input.registeredAt) assertNotFuture(input.registeredAt, "registeredAt");
  const ownerUserId = input.ownerUserId ?? ctx.userId;
  if (ownerUserId !== ctx.userId && !manager) {
    throw new AppError("forbidden", "Partners register leads for themselves.", {
      text: { code: "leads.errors.registerForOthers" },
    });
  }
  const contact = input.contact ?? {};
  const stage =
    input.vatId || input.expectedVolume !== undefined ? 2 : Object.keys(contact).length > 0 ? 1 : 0;

  const id = randomUUID();
  const outcome = await withOrg(ctx, async (tx) => {
    // One registration per organisation at a time, so two partners cannot register the same lead
    // concurrently past each other's duplicate check.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`lead-registration:${ctx.orgId}`}, 0))`;
    const candidates = await duplicatesOf(tx, input.companyName, input.city, contact.email);
    const exact = candidates.find((c) => c.match === "EXACT");
    if (exact) throw duplicateError(exact);
    if (candidates.length > 0 && !input.confirmSimilar) return { kind: "similar" as const, candidates };

    await assertMember(tx, ctx.orgId, ownerUserId, "ownerUserId");
    // createMany inserts without RETURNING: the new lead becomes visible to a partner through its
    // assignment, which does not exist yet at this point.
    await tx.lead.createMany({
      data: [
        {
          id,
          orgId: ctx.orgId,
          companyName: input.companyName,
          city: input.city,
          industry: input.industry ?? null,
          stage,
          contactFirstName: contact.firstName ?? null,
          contactLastName: contact.lastName ?? null,
          contactEmail: contact.email ?? null,
          contactPhone: contact.phone ?? null,
          vatId: input.vatId ?? null,
          expectedVolume: input.expectedVolume ?? null,
          createdBy: ctx.userId,
        },
      ],
    });
    const assignedAt = input.registeredAt ?? new Date();
    await tx.leadAssignment.createMany({ data: [{ orgId: ctx.orgId, leadId: id, ownerUserId, assignedAt }] });
    await recordAudit(tx, ctx, {
      action: "lead.created",
      resourceType: "lead",
      resourceId: id,
      after: { companyName: input.companyName, city: input.city, stage, ownerUserId, assignedAt, contact },
    });
    return { kind: "created" as const };
  });
  if (outcome.kind === "similar") return outcome;
  return { kind: "created", lead: await getLead(ctx, id) };
}

/**
 * The registered leads a new one collides with (app_lead_duplicates sees the whole organisation), as
 * far as the caller may learn of them: RLS, in the caller's transaction, says which they can read.
 */
export async function duplicatesOf(
  tx: Tx,
  companyName: string,
  city: string,
  email: string | undefined,
): Promise<DuplicateCandidate[]> {
  const rows = await tx.$queryRaw<
    {
      lead_id: string;
      company_name: string;
      city: string;
      match: "EXACT" | "SIMILAR";
      similarity: number;
      protected_since: Date | null;
    }[]
  >`
    SELECT lead_id, company_name, city, match, similarity, protected_since
    FROM app_lead_duplicates(${companyName}, ${city}, ${email ?? null})`;
  if (rows.length === 0) return [];
  const readable = new Set(
    (await tx.lead.findMany({ where: { id: { in: rows.map((r) => r.lead_id) } }, select: { id: true } })).map(
      (lead) => lead.id,
    ),
  );
  return rows.flatMap((r) => {
    const mayRead = readable.has(r.lead_id);
    if (!mayRead && r.protected_since === null) return [];
    return [
      {
        leadId: mayRead ? r.lead_id : null,
        companyName: r.company_name,
        city: r.city,
        match: r.match,
        similarity: r.similarity,
        protectedSince: r.protected_since,
      },
    ];
  });
}

/** 409 for an exact duplicate: naming the lead to whoever may read it, else only its protection. */
export function duplicateError(exact: DuplicateCandidate): AppError {
  if (exact.leadId) {
    return new AppError(
      "conflict",
      `This lead is registered already: ${exact.companyName}, ${exact.city} (${exact.leadId}).`,
      {
        text: { code: "leads.errors.duplicate", params: { value: `${exact.companyName}, ${exact.city}` } },
        fieldErrors: [
          {
            path: "companyName",
            message: `duplicate of lead ${exact.leadId}`,
            code: "leads.fieldErrors.duplicate",
          },
        ],
      },
    );
  }
  // Not even the company's name: a match by e-mail address would tell which company that is.
  const since = exact.protectedSince as Date;
  return new AppError("conflict", `This company is protected already, since ${since.toISOString()}.`, {
    text: { code: "leads.errors.protected", params: { since } },
    fieldErrors: [{ path: "companyName", message: "protected already", code: "leads.fieldErrors.protected" }],
  });
}

/** A lead with its protection, holds and collaborators. */
export async function getLead(ctx: MemberContext, leadId: string): Promise<TLead> {
  return withOrg(ctx, async (tx) => {
    await loadLead(tx, ctx, leadId, "lead.read");
    const lead = await tx.lead.findUniqueOrThrow({
      where: { id: leadId },
      include: {
        holds: { orderBy: { startAt: "asc" } },
        collaborators: { orderBy: { createdAt: "asc" } },
        extensions: { orderBy: { requestedAt: "desc" } },
      },
    });
    const protection = protectionDto(await readProtection(tx, leadId));
    // Prisma types reason, role and status as text; the tables' CHECK constraints hold them to the enums.
    return {
      id: lead.id,
      companyName: lead.companyName,
      city: lead.city,
      industry: lead.industry,
      stage: lead.stage,
      // No contact person (stage 0, or erased or pseudonymised since): null, not four empty fields.
      contact:
        lead.contactFirstName || lead.contactLastName || lead.contactEmail || lead.contactPhone
          ? {
              firstName: lead.contactFirstName,
              lastName: lead.contactLastName,
              email: lead.contactEmail,
              phone: lead.contactPhone,
            }
          : null,
      vatId: lead.vatId,
      expectedVolume: lead.expectedVolume === null ? null : Number(lead.expectedVolume),
      createdAt: lead.createdAt.toISOString(),
      protection,
      holds: lead.holds.map((h) => ({
        id: h.id,
        reason: h.reason as TLead["holds"][number]["reason"],
        startAt: h.startAt.toISOString(),
        endAt: h.endAt?.toISOString() ?? null,
        note: h.note,
      })),
      collaborators: lead.collaborators.map((c) => ({
        userId: c.userId,
        role: c.role as TLead["collaborators"][number]["role"],
        sharePercent: c.sharePercent === null ? null : Number(c.sharePercent),
      })),
      extensions: lead.extensions.map((e) => ({
        id: e.id,
        days: e.days,
        reason: e.reason,
        status: e.status as TLead["extensions"][number]["status"],
        requestedAt: e.requestedAt.toISOString(),
        decidedAt: e.decidedAt?.toISOString() ?? null,
        decisionComment: e.decisionComment,
      })),
    };
  });
}

/** Managers: move `assigned_at` (registration) to an earlier moment, with a reason. */
export async function backdateRegisteredAt(
  ctx: MemberContext,
  leadId: string,
  input: TBackdate,
): Promise<void> {
  assertNotFuture(input.registeredAt, "registeredAt");
  await withOrg(ctx, async (tx) => {
    const { protection } = await loadLead(tx, ctx, leadId, "lead.manage");
    if (!protection)
      throw new AppError("conflict", "The lead has no current owner.", {
        text: { code: "leads.errors.noOwner" },
      });
    await tx.leadAssignment.update({
      where: { id: protection.assignment_id },
      data: { assignedAt: input.registeredAt },
    });
    await recordAudit(tx, ctx, {
      action: "lead.registered_at.backdated",
      resourceType: "lead",
      resourceId: leadId,
      before: { assignedAt: protection.assigned_at },
      after: { assignedAt: input.registeredAt, reason: input.reason, evidenceUrl: input.evidenceUrl ?? null },
    });
  });
}

/** Managers: give the lead to another member; the current assignment ends as REASSIGNED. */
export async function reassignLead(ctx: MemberContext, leadId: string, { ownerUserId }: TReassign) {
  await withOrg(ctx, async (tx) => {
    const { protection } = await loadLead(tx, ctx, leadId, "lead.manage");
    await assertMember(tx, ctx.orgId, ownerUserId, "ownerUserId");
    if (protection?.owner_user_id === ownerUserId) {
      throw new AppError("conflict", "That member owns the lead already.", {
        text: { code: "leads.errors.alreadyOwner" },
      });
    }
    const now = new Date();
    if (protection) {
      await tx.leadAssignment.update({
        where: { id: protection.assignment_id },
        data: { releasedAt: now, releaseReason: "REASSIGNED" },
      });
      await closePendingExtensions(
        tx,
        ctx,
        [{ assignmentId: protection.assignment_id, reason: "REASSIGNED" }],
        now,
      );
    }
    await tx.leadAssignment.createMany({
      data: [{ orgId: ctx.orgId, leadId, ownerUserId, assignedAt: now }],
    });
    await recordAudit(tx, ctx, {
      action: "lead.reassigned",
      resourceType: "lead",
      resourceId: leadId,
      before: { ownerUserId: protection?.owner_user_id ?? null },
      after: { ownerUserId, assignedAt: now },
    });
  });
  return getLead(ctx, leadId);
}

/** The leads the caller may see (RLS decides), in the order asked for, with each lead's protection. */
export async function listLeads(ctx: MemberContext, query: TListLeads): Promise<TLeadPage> {
  if (query.cursor && query.page)
    throw new AppError("bad_request", "Ask for a page either by cursor or by number, not both.", {
      fieldErrors: [{ path: "page", message: "not with cursor" }],
    });
  const rows = await withOrg(ctx, (tx) =>
    listLeadRows(tx, {
      ...leadListFilter(ctx, query),
      after: query.cursor ? decodeCursor(query.sort, query.cursor) : undefined,
      offset: query.page ? (query.page - 1) * query.limit : undefined,
      limit: query.limit,
    }),
  );
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(leadListItem),
    nextCursor: rows.length > query.limit ? encodeCursor(query.sort, page[page.length - 1]) : null,
  };
}

/** The list's filters and order as the query reads them (the list and its CSV export share them). */
export function leadListFilter(
  ctx: MemberContext,
  query: Omit<TListLeads, "cursor" | "page" | "limit">,
): Omit<LeadListFilter, "after" | "offset" | "limit"> {
  return {
    status: query.status,
    ownerUserId: query.owner === "me" ? ctx.userId : query.owner,
    dueSoon: query.dueSoon,
    dueWithinDays: query.due === "7d" ? 7 : undefined,
    holdOpen: query.hold === "open" ? true : undefined,
    extension: query.extension,
    q: query.q,
    sort: { key: sortKey(query.sort), desc: query.sort.startsWith("-") },
  };
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** One row of the list as the API answers it (ZLeadListItem). */
export function leadListItem(r: LeadListRow): TLeadListItem {
  return {
    id: r.id,
    companyName: r.company_name,
    city: r.city,
    industry: r.industry,
    stage: r.stage,
    createdAt: r.created_at.toISOString(),
    registeredAt: r.registered_at.toISOString(),
    owner: r.owner_user_id ? { id: r.owner_user_id, name: r.owner_name } : null,
    status: r.status,
    validUntil: iso(r.valid_until),
    graceUntil: iso(r.grace_until),
    reminderDueAt: iso(r.reminder_due_at),
    dueSoon: r.due_soon ?? false,
    lastQualActivityAt: iso(r.last_qual_activity_at),
    holdOpen: r.hold_open ?? false,
  };
}

/** Just the protection of one lead (GET /leads/{id}/protection). */
export async function getProtection(ctx: MemberContext, leadId: string) {
  return withOrg(ctx, async (tx) => {
    const { protection } = await loadLead(tx, ctx, leadId, "lead.read");
    if (!protection)
      throw new AppError("not_found", "The lead has no current owner, so no protection.", {
        text: { code: "leads.errors.noOwner" },
      });
    return protectionDto(protection)!;
  });
}

// The lead page's protection timeline with the members for the pickers (GET /leads/{id}/timeline),
// and the managers' queue (GET /lead-queue). Same access rules: loadLead for one lead, the policy
// table for the queue.

/** Everything that happened to a lead, oldest first, with what the caller may do next. */
export async function getLeadTimeline(ctx: MemberContext, leadId: string): Promise<TLeadTimeline> {
  return withOrg(ctx, async (tx) => {
    const { resource } = await loadLead(tx, ctx, leadId, "lead.read");
    const { activities, assignments } = await readLeadHistory(tx, leadId);
    const members = await listMemberRows(tx, ctx.orgId);
    return {
      activities: activities.map((a) => ({
        id: a.id,
        kind: a.kind,
        at: a.at.toISOString(),
        note: a.note,
        createdBy: a.createdBy,
      })),
      assignments: assignments.map((a) => ({
        id: a.id,
        ownerUserId: a.ownerUserId,
        assignedAt: a.assignedAt.toISOString(),
        releasedAt: a.releasedAt?.toISOString() ?? null,
        releaseReason: a.releaseReason,
      })),
      members: members.map((m) => ({ id: m.user.id, name: m.user.name, role: m.role })),
      can: {
        write: can(ctx, "lead.write", resource),
        logActivity: can(ctx, "lead.activity.log", resource),
        manage: can(ctx, "lead.manage", resource),
        erase: can(ctx, "lead.erase", resource),
      },
    };
  });
}

/** How far back "recently expired" reaches. */
export const RECENTLY_EXPIRED_DAYS = 30;
const QUEUE_LIMIT = 100;

/** Managers and admins: extension requests waiting for a decision, leads in GRACE, recent expiries. */
export async function getManagerQueue(ctx: MemberContext): Promise<TManagerQueue> {
  authorize(ctx, "lead.manage", {
    type: "lead",
    orgId: ctx.orgId,
  });
  return withOrg(ctx, async (tx) => {
    const pending = await listPendingExtensionRows(tx, QUEUE_LIMIT);
    // Soonest to lapse first: those are the ones a manager can still save.
    const soonest = { key: "protectedUntil", desc: false } as const;
    const grace = await listLeadRows(tx, { status: "GRACE", sort: soonest, limit: QUEUE_LIMIT });
    const unreleased = await listLeadRows(tx, { status: "EXPIRED", sort: soonest, limit: QUEUE_LIMIT });
    const released = await listRecentlyReleasedRows(tx, RECENTLY_EXPIRED_DAYS, QUEUE_LIMIT);
    const iso = (d: Date | null) => d?.toISOString() ?? null;
    return {
      pending: pending.map((r) => ({
        id: r.id,
        leadId: r.lead_id,
        companyName: r.company_name,
        city: r.city,
        days: r.days,
        reason: r.reason,
        requestedAt: r.requested_at.toISOString(),
        escalatedAt: iso(r.escalated_at),
        requestedBy: r.requester,
        baseUntil: iso(r.base_until),
        validUntil: iso(r.valid_until),
      })),
      grace: grace.slice(0, QUEUE_LIMIT).map((r) => ({
        id: r.id,
        companyName: r.company_name,
        city: r.city,
        ownerName: r.owner_name,
        at: iso(r.grace_until),
      })),
      expired: [
        ...unreleased.slice(0, QUEUE_LIMIT).map((r) => ({
          id: r.id,
          companyName: r.company_name,
          city: r.city,
          ownerName: r.owner_name,
          at: iso(r.grace_until),
        })),
        ...released.map((r) => ({
          id: r.id,
          companyName: r.company_name,
          city: r.city,
          ownerName: r.owner_name,
          at: r.released_at.toISOString(),
        })),
      ],
    };
  });
}
