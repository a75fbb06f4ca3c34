import "server-only";

import type { z } from "zod";

import { recordAudit } from "@/lib/audit/service";
import { isUniqueViolation, withOrg, withoutOrg, type DbContext, type Tx } from "@/lib/db";
import { AppError, type FieldError } from "@/lib/errors";
import { activeMembers, enqueue, recipientsOf } from "@/lib/leads/outbox";
import { SETTINGS } from "@/lib/settings/registry";

import { leadOwner, lockLead, phaseProducts, type PhaseProduct } from "./queries";
import {
  ZFeedbackDraft,
  ZFeedbackSubmission,
  type FeedbackDraft,
  type FeedbackSubmission,
  type PortalView,
  type TBoxStatus,
} from "./schemas";
import { isLegalMove } from "./status";
import { hashToken, isWellFormedToken } from "./tokens";

/**
 * The public feedback portal's service: no session, the token is the only key. The link is found
 * by the SHA-256 of the token through app_feedback_link_by_hash (the one look-up that works without
 * an organisation); everything else runs in the link's organisation as the system context, audited
 * with the link as the actor. Unknown and revoked links are "not found", expired ones "gone", a
 * link that was answered already a conflict for every further write.
 *
 * Drafts are saved on every tap and are not audit events: they are the customer's unfinished form,
 * not a change to the organisation's data, and an audit event per tap would put every customer of
 * an organisation in one queue (the chain is linked per organisation). The submission is audited.
 */

interface FoundLink {
  orgId: string;
  linkId: string;
  expiresAt: Date;
  submittedAt: Date | null;
  contact: string;
}

export const FEEDBACK_TEMPLATES = {
  received: "samples.feedback.received",
  invitation: "samples.feedback.invitation",
  reminder: "samples.feedback.reminder",
} as const;

function notFound(): AppError {
  return new AppError("not_found", "No such feedback link.", { text: { code: "samples.portal.notFound" } });
}

function gone(contact: string): AppError {
  return new AppError("gone", `This feedback link has expired. Please write to ${contact}.`, {
    text: { code: "samples.portal.expired", params: { contact } },
  });
}

function submittedAlready(): AppError {
  return new AppError("conflict", "This feedback has been sent already.", {
    text: { code: "samples.portal.submitted" },
  });
}

/** The link of a token, or 404: malformed, unknown and revoked alike. */
async function findLink(token: string): Promise<FoundLink> {
  if (!isWellFormedToken(token)) throw notFound();
  const [row] = await withoutOrg(
    (tx) => tx.$queryRaw<
      {
        org_id: string;
        link_id: string;
        expires_at: Date;
        revoked_at: Date | null;
        submitted_at: Date | null;
        contact: unknown;
      }[]
    >`SELECT org_id, link_id, expires_at, revoked_at, submitted_at, contact
      FROM app_feedback_link_by_hash(${hashToken(token)})`,
  );
  if (!row || row.revoked_at) throw notFound();
  const contact =
    typeof row.contact === "string" ? row.contact : SETTINGS["samples.feedback.contact"].default;
  return {
    orgId: row.org_id,
    linkId: row.link_id,
    expiresAt: row.expires_at,
    submittedAt: row.submitted_at,
    contact,
  };
}

/** The link's organisation as the system, acting for the link. */
function linkContext(link: FoundLink): DbContext & { orgId: string } {
  return {
    orgId: link.orgId,
    userId: null,
    roles: ["system"],
    actor: { type: "feedback_link", id: link.linkId },
  };
}

const isExpired = (link: { expiresAt: Date }) => link.expiresAt.getTime() <= Date.now();

/** Re-reads the link in the organisation's transaction: its state may have changed since the look-up. */
async function loadLink(tx: Tx, link: FoundLink) {
  const row = await tx.feedbackLink.findUnique({ where: { id: link.linkId } });
  if (!row || row.revokedAt) throw notFound();
  return row;
}

type LinkRow = Awaited<ReturnType<typeof loadLink>>;

async function viewOf(tx: Tx, row: LinkRow, products?: PhaseProduct[]): Promise<PortalView> {
  const org = await tx.organization.findUniqueOrThrow({ where: { id: row.orgId }, select: { name: true } });
  const parsed = ZFeedbackDraft.safeParse(row.draft);
  return {
    state: row.submittedAt ? "submitted" : "open",
    locale: row.locale === "en" ? "en" : "de",
    recipientName: row.recipientName,
    senderName: org.name,
    expiresAt: row.expiresAt.toISOString(),
    submittedAt: row.submittedAt?.toISOString() ?? null,
    products: products ?? (await phaseProducts(tx, row.phaseId)),
    draft: parsed.success ? parsed.data : {},
  };
}

/** The page: the phase's products and the saved draft (or what was sent). Records the first opening. */
export async function openFeedbackLink(token: string): Promise<PortalView> {
  const link = await findLink(token);
  if (!link.submittedAt && isExpired(link)) throw gone(link.contact);
  return withOrg(linkContext(link), async (tx) => {
    let row = await loadLink(tx, link);
    if (!row.firstOpenedAt) {
      const opened = await tx.feedbackLink.updateManyAndReturn({
        where: { id: row.id, firstOpenedAt: null },
        data: { firstOpenedAt: new Date() },
      });
      if (opened.length === 1) {
        row = opened[0];
        await recordAudit(tx, linkContext(link), {
          action: "samples.feedback_link.opened",
          resourceType: "feedback_link",
          resourceId: row.id,
        });
      }
    }
    return viewOf(tx, row);
  });
}

/** Field errors for every sku that is not one of the phase's, and for a sku given twice. */
function skuErrors(items: readonly { sku: string }[], products: readonly PhaseProduct[]): FieldError[] {
  const known = new Set(products.map((p) => p.sku));
  const seen = new Set<string>();
  return items.flatMap((item, i) => {
    const path = `items.${i}.sku`;
    if (!known.has(item.sku))
      return [{ path, message: "not a product of this test", code: "samples.fieldErrors.skuNotInPhase" }];
    if (seen.has(item.sku)) return [{ path, message: "given twice", code: "samples.fieldErrors.skuTwice" }];
    seen.add(item.sku);
    return [];
  });
}

function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new AppError("bad_request", "The feedback is not valid.", {
    text: { code: "samples.portal.invalid" },
    fieldErrors: parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
  });
}

function invalid(fieldErrors: FieldError[]): AppError {
  return new AppError("bad_request", "The feedback names a product that is not part of this test.", {
    text: { code: "samples.portal.invalid" },
    fieldErrors,
  });
}

/** Saves the customer's unfinished answers; the next opening, on any device, shows them again. */
export async function saveFeedbackDraft(token: string, draft: FeedbackDraft): Promise<PortalView> {
  const input = parseOrThrow(ZFeedbackDraft, draft);
  const link = await findLink(token);
  if (link.submittedAt) throw submittedAlready();
  if (isExpired(link)) throw gone(link.contact);
  return withOrg(linkContext(link), async (tx) => {
    const row = await loadLink(tx, link);
    const products = await phaseProducts(tx, row.phaseId);
    const errors = skuErrors(input.items ?? [], products);
    if (errors.length > 0) throw invalid(errors);
    const saved = await tx.feedbackLink.updateManyAndReturn({
      where: { id: row.id, submittedAt: null, revokedAt: null },
      data: { draft: input, draftSavedAt: new Date(), firstOpenedAt: row.firstOpenedAt ?? new Date() },
    });
    if (saved.length === 0) throw submittedAlready();
    return viewOf(tx, saved[0], products);
  });
}

/**
 * The customer's answer, in one transaction: the one submission (its primary key is the link, so of
 * concurrent submissions exactly one commits and the others are conflicts), a feedback row per
 * product, the qualifying SAMPLE_FEEDBACK activity on the lead (it moves the protection clock), the
 * box to FEEDBACK, the audit event and the lead owner's notifications.
 */
export async function submitFeedback(
  token: string,
  submission: FeedbackSubmission,
): Promise<{ submittedAt: string }> {
  const input = parseOrThrow(ZFeedbackSubmission, submission);
  const link = await findLink(token);
  if (link.submittedAt) throw submittedAlready();
  if (isExpired(link)) throw gone(link.contact);
  const ctx = linkContext(link);
  try {
    return await withOrg(ctx, async (tx) => {
      const row = await loadLink(tx, link);
      if (isExpired(row)) throw gone(link.contact);
      const products = await phaseProducts(tx, row.phaseId);
      const errors = skuErrors(input.items, products);
      if (errors.length > 0) throw invalid(errors);

      const submittedAt = new Date();
      // The guard: a second submission of this link fails here, on the primary key.
      await tx.feedbackSubmission.create({
        data: {
          linkId: row.id,
          orgId: row.orgId,
          leadId: row.leadId,
          contactName: input.contact.name,
          contactRole: input.contact.role,
          submittedAt,
        },
      });
      await tx.feedbackLink.update({
        where: { id: row.id },
        data: { submittedAt, draft: input, draftSavedAt: submittedAt },
      });
      await tx.productFeedback.createMany({
        data: input.items.map((item) => ({
          orgId: row.orgId,
          phaseId: row.phaseId,
          leadId: row.leadId,
          linkId: row.id,
          sku: item.sku,
          rating: item.rating,
          comment: item.comment || null,
          wouldReorder: item.wouldReorder ?? null,
          contactName: input.contact.name,
          contactRole: input.contact.role,
          source: "FORM",
        })),
      });

      await lockLead(tx, row.leadId);
      const ratings = input.items.map((i) => i.rating);
      const average = ratings.reduce((a, b) => a + b, 0) / ratings.length;
      const activity = await tx.leadActivity.create({
        data: {
          orgId: row.orgId,
          leadId: row.leadId,
          kind: "SAMPLE_FEEDBACK",
          at: submittedAt,
          note: `Feedback: ${input.items.length} product(s), average rating ${average.toFixed(1)}`,
          createdBy: null,
        },
      });

      const phase = await tx.testPhase.findUniqueOrThrow({
        where: { id: row.phaseId },
        select: { boxId: true },
      });
      const box = await tx.sampleBox.findUniqueOrThrow({
        where: { id: phase.boxId },
        select: { status: true },
      });
      const boxMoved = isLegalMove(box.status as TBoxStatus, "FEEDBACK");
      if (boxMoved) {
        await tx.sampleBox.update({
          where: { id: phase.boxId },
          data: { status: "FEEDBACK", statusAt: submittedAt },
        });
      }

      await recordAudit(tx, ctx, {
        action: "samples.feedback.submitted",
        resourceType: "feedback_link",
        resourceId: row.id,
        after: {
          phaseId: row.phaseId,
          leadId: row.leadId,
          activityId: activity.id,
          items: input.items.map((i) => ({ sku: i.sku, rating: i.rating })),
          boxStatus: boxMoved ? { from: box.status, to: "FEEDBACK" } : null,
        },
      });

      const owner = await leadOwner(tx, row.leadId);
      if (owner) {
        const members = await activeMembers(tx, row.orgId);
        await enqueue(tx, row.orgId, recipientsOf(members, { userIds: [owner] }), ["INAPP", "EMAIL"], {
          template: FEEDBACK_TEMPLATES.received,
          payload: {
            leadId: row.leadId,
            phaseId: row.phaseId,
            linkId: row.id,
            products: input.items.length,
            averageRating: Math.round(average * 10) / 10,
          },
          dedupeKey: `samples.feedback.received:${row.id}`,
        });
      }
      return { submittedAt: submittedAt.toISOString() };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw submittedAlready();
    throw error;
  }
}
