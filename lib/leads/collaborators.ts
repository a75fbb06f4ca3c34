import "server-only";

import { recordAudit } from "@/lib/audit/service";
import { withOrg, type MemberContext } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { assertMember, loadLead } from "./access";
import { type TAddCollaborator } from "./schemas";

/**
 * Collaborators (§87 HGB): sales partners with a role VIEW, ASSIST or NEGOTIATE and optional
 * commission shares that sum to at most 100 — the owner keeps the rest. The owner while
 * protected, or a manager, changes them. Auditors, managers and admins are never collaborators
 * (the database refuses them too: 20261207100400_collaborators_are_partners.sql).
 */

export interface CollaboratorDto {
  userId: string;
  name: string;
  role: string;
  sharePercent: number | null;
}

export async function listCollaborators(ctx: MemberContext, leadId: string): Promise<CollaboratorDto[]> {
  return withOrg(ctx, async (tx) => {
    await loadLead(tx, ctx, leadId, "lead.read");
    const rows = await tx.$queryRaw<
      { user_id: string; name: string; role: string; share_percent: string | null }[]
    >`
      SELECT c.user_id, u.name, c.role, c.share_percent::text AS share_percent
      FROM lead_collaborator c JOIN app_user u ON u.id = c.user_id
      WHERE c.lead_id = ${leadId}::uuid ORDER BY c.created_at`;
    return rows.map((r) => ({
      userId: r.user_id,
      name: r.name,
      role: r.role,
      sharePercent: r.share_percent === null ? null : Number(r.share_percent),
    }));
  });
}

export async function addCollaborator(ctx: MemberContext, leadId: string, input: TAddCollaborator) {
  await withOrg(ctx, async (tx) => {
    const { protection } = await loadLead(tx, ctx, leadId, "lead.write");
    const { role } = await assertMember(tx, ctx.orgId, input.userId, "userId");
    if (role !== "sales") {
      throw new AppError("unprocessable", "Only sales partners can collaborate on a lead.", {
        text: { code: "leads.errors.collaboratorNotPartner" },
        fieldErrors: [
          { path: "userId", message: "not a sales partner", code: "leads.fieldErrors.notPartner" },
        ],
      });
    }
    if (protection?.owner_user_id === input.userId) {
      throw new AppError("unprocessable", "The owner cannot also be a collaborator.", {
        text: { code: "leads.errors.ownerCollaborator" },
        fieldErrors: [{ path: "userId", message: "is the owner", code: "leads.fieldErrors.isOwner" }],
      });
    }
    const existing = await tx.leadCollaborator.findMany({ where: { leadId } });
    if (existing.some((c) => c.userId === input.userId)) {
      throw new AppError("conflict", "That member collaborates on this lead already.", {
        text: { code: "leads.errors.alreadyCollaborator" },
      });
    }
    const shares =
      existing.reduce((sum, c) => sum + Number(c.sharePercent ?? 0), 0) + (input.sharePercent ?? 0);
    if (shares > 100) {
      throw new AppError(
        "unprocessable",
        `Commission shares would add up to ${shares} %; at most 100 % can be given away.`,
        {
          text: { code: "leads.errors.sharesOver", params: { value: shares } },
          fieldErrors: [
            {
              path: "sharePercent",
              message: `at most ${100 - (shares - (input.sharePercent ?? 0))}`,
              code: "leads.fieldErrors.atMost",
              params: { value: 100 - (shares - (input.sharePercent ?? 0)) },
            },
          ],
        },
      );
    }
    await tx.leadCollaborator.createMany({
      data: [
        {
          orgId: ctx.orgId,
          leadId,
          userId: input.userId,
          role: input.role,
          sharePercent: input.sharePercent ?? null,
          addedBy: ctx.userId,
        },
      ],
    });
    await recordAudit(tx, ctx, {
      action: "lead.collaborator.added",
      resourceType: "lead",
      resourceId: leadId,
      after: { userId: input.userId, role: input.role, sharePercent: input.sharePercent ?? null },
    });
  });
  return listCollaborators(ctx, leadId);
}

export async function removeCollaborator(ctx: MemberContext, leadId: string, userId: string): Promise<void> {
  await withOrg(ctx, async (tx) => {
    await loadLead(tx, ctx, leadId, "lead.write");
    const existing = await tx.leadCollaborator.findUnique({ where: { leadId_userId: { leadId, userId } } });
    if (!existing)
      throw new AppError("not_found", "That member does not collaborate on this lead.", {
        text: { code: "leads.errors.notFound" },
      });
    await tx.leadCollaborator.delete({ where: { leadId_userId: { leadId, userId } } });
    await recordAudit(tx, ctx, {
      action: "lead.collaborator.removed",
      resourceType: "lead",
      resourceId: leadId,
      before: {
        userId,
        role: existing.role,
        sharePercent: existing.sharePercent === null ? null : Number(existing.sharePercent),
      },
    });
  });
}
