import "server-only";

import { recordAudit } from "@/lib/audit/service";
import { authorize } from "@/lib/auth/policy";
import { withOrg, type MemberContext, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { loadLead } from "@/lib/leads/access";
import { logActivityIn } from "@/lib/leads/clock";
import type { ACTIVITY_KINDS } from "@/lib/leads/schemas";

/**
 * Inbox suggestions (lib/integrations/mail/inbox.ts writes them): read as their lead is read (RLS
 * mail_suggestion_select), decided once by who may write the lead — its protected owner, a manager
 * or an admin. Confirming logs the proposed activity through the leads service (so a qualifying
 * kind such as CUSTOMER_REACTION moves the protection clock) in the same transaction as the decision.
 */

export interface SuggestionView {
  id: string;
  leadId: string;
  companyName: string;
  fromAddress: string;
  fromName: string | null;
  subject: string;
  excerpt: string;
  receivedAt: string;
  matchedBy: string;
  proposedKind: string;
  proposedSummary: string | null;
  aiAction: string | null;
  status: string;
  decidedAt: string | null;
  activityId: string | null;
}

const SELECT = {
  id: true,
  leadId: true,
  fromAddress: true,
  fromName: true,
  subject: true,
  excerpt: true,
  receivedAt: true,
  matchedBy: true,
  proposedKind: true,
  proposedSummary: true,
  aiAction: true,
  status: true,
  decidedAt: true,
  activityId: true,
  lead: { select: { companyName: true } },
} as const;

type Row = Prisma.MailSuggestionGetPayload<{ select: typeof SELECT }>;

function view(r: Row): SuggestionView {
  return {
    id: r.id,
    leadId: r.leadId,
    companyName: r.lead.companyName,
    fromAddress: r.fromAddress,
    fromName: r.fromName,
    subject: r.subject,
    excerpt: r.excerpt,
    receivedAt: r.receivedAt.toISOString(),
    matchedBy: r.matchedBy,
    proposedKind: r.proposedKind,
    proposedSummary: r.proposedSummary,
    aiAction: r.aiAction,
    status: r.status,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    activityId: r.activityId,
  };
}

/** The Integrations area's list (admins): pending first, then the latest decided ones. */
export async function listInboxSuggestions(ctx: MemberContext): Promise<SuggestionView[]> {
  authorize(ctx, "integration.manage", { type: "integration", orgId: ctx.orgId });
  return withOrg(ctx, async (tx) => {
    const rows = await tx.mailSuggestion.findMany({
      where: { orgId: ctx.orgId },
      orderBy: [{ status: "desc" }, { receivedAt: "desc" }],
      take: 50,
      select: SELECT,
    });
    return rows.map(view);
  });
}

/** A lead's suggestions (the lead page), for whoever may read the lead. */
export async function listLeadSuggestions(ctx: MemberContext, leadId: string): Promise<SuggestionView[]> {
  return withOrg(ctx, async (tx) => {
    await loadLead(tx, ctx, leadId, "lead.read");
    const rows = await tx.mailSuggestion.findMany({
      where: { leadId },
      orderBy: [{ status: "desc" }, { receivedAt: "desc" }],
      take: 20,
      select: SELECT,
    });
    return rows.map(view);
  });
}

/**
 * Confirms a suggestion into its proposed activity (at the moment the mail arrived) or dismisses
 * it. A suggestion the caller cannot read is "not found"; one already decided is a conflict.
 */
export async function decideSuggestion(
  ctx: MemberContext,
  id: string,
  decision: "confirm" | "dismiss",
): Promise<{ status: "CONFIRMED" | "DISMISSED"; activityId: string | null; leadId: string }> {
  return withOrg(ctx, async (tx) => {
    const suggestion = await tx.mailSuggestion.findFirst({
      where: { id, orgId: ctx.orgId },
      select: {
        id: true,
        leadId: true,
        status: true,
        proposedKind: true,
        subject: true,
        receivedAt: true,
        proposedSummary: true,
        fromAddress: true,
      },
    });
    if (!suggestion) throw new AppError("not_found", "No such suggestion.");
    await loadLead(tx, ctx, suggestion.leadId, "lead.write");
    if (suggestion.status !== "PENDING") {
      throw new AppError("conflict", "This suggestion has been decided already.", {
        text: { code: "integrations.inbox.alreadyDecided" },
      });
    }
    let activityId: string | null = null;
    if (decision === "confirm") {
      const note = [`E-Mail von ${suggestion.fromAddress}: ${suggestion.subject}`, suggestion.proposedSummary]
        .filter(Boolean)
        .join("\n")
        .slice(0, 4000);
      const activity = await logActivityIn(tx, ctx, suggestion.leadId, {
        kind: suggestion.proposedKind as (typeof ACTIVITY_KINDS)[number],
        at: suggestion.receivedAt,
        note,
      });
      activityId = activity.id;
    }
    const status = decision === "confirm" ? "CONFIRMED" : "DISMISSED";
    const changed = await tx.mailSuggestion.updateMany({
      where: { id, status: "PENDING" },
      data: { status, decidedBy: ctx.userId, decidedAt: new Date(), activityId },
    });
    if (changed.count !== 1) {
      throw new AppError("conflict", "This suggestion has been decided already.", {
        text: { code: "integrations.inbox.alreadyDecided" },
      });
    }
    await recordAudit(tx, ctx, {
      action: decision === "confirm" ? "mail.suggestion.confirmed" : "mail.suggestion.dismissed",
      resourceType: "mail_suggestion",
      resourceId: id,
      before: { status: "PENDING" },
      after: { status, leadId: suggestion.leadId, activityId },
    });
    return { status, activityId, leadId: suggestion.leadId };
  });
}
