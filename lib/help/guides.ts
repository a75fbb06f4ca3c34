import "server-only";

import { recordAudit } from "@/lib/audit/service";
import { authorize, can } from "@/lib/auth/policy";
import { withOrg, type MemberContext } from "@/lib/db";
import { AppError } from "@/lib/errors";

import type { DemoGuide } from "./demo-guides";
import type { TGuide, THelpLocale } from "./schemas";
import { localeOf } from "./service";

/**
 * Workflow guides (issue 14): checklists for the common tasks — for sales managers the manager
 * queue's extension requests, reassigning expired leads, reading the AI spend — each step linked to
 * the screen where it happens, with each member's own ticks. A guide has a space like an article:
 * salesops guides reach managers and admins only (the access rules and row-level security).
 * Guides are seeded by the demo; editing them in the app is not built yet.
 */

const resource = (orgId: string) => ({ type: "help_article", orgId });

/** The guides the caller may read in their language (else the other one), with their own ticks. */
export async function listGuides(ctx: MemberContext, asked?: THelpLocale): Promise<TGuide[]> {
  authorize(ctx, "help.read", resource(ctx.orgId));
  const salesops = can(ctx, "help.readSalesops", resource(ctx.orgId));
  return withOrg(ctx, async (tx) => {
    const locale = await localeOf(tx, ctx, asked);
    const guides = await tx.helpGuide.findMany({
      where: salesops ? {} : { space: "enduser" },
      orderBy: [{ position: "asc" }, { title: "asc" }],
    });
    // One guide per slug: the reader's language first.
    const bySlug = new Map<string, (typeof guides)[number]>();
    for (const g of guides) {
      const seen = bySlug.get(g.slug);
      if (!seen || (seen.locale !== locale && g.locale === locale)) bySlug.set(g.slug, g);
    }
    const chosen = guides.filter((g) => bySlug.get(g.slug) === g);
    const steps = await tx.helpGuideStep.findMany({
      where: { guideId: { in: chosen.map((g) => g.id) } },
      orderBy: { position: "asc" },
    });
    const done = new Set(
      (
        await tx.helpGuideProgress.findMany({
          where: { userId: ctx.userId, stepId: { in: steps.map((s) => s.id) } },
          select: { stepId: true },
        })
      ).map((p) => p.stepId),
    );
    return chosen.map((g) => ({
      id: g.id,
      space: g.space as TGuide["space"],
      locale: g.locale as THelpLocale,
      slug: g.slug,
      title: g.title,
      summary: g.summary,
      steps: steps
        .filter((s) => s.guideId === g.id)
        .map((s) => ({
          id: s.id,
          position: s.position,
          title: s.title,
          body: s.body,
          href: s.href,
          done: done.has(s.id),
        })),
    }));
  });
}

/** Ticks (or unticks) a step of a guide the caller may read: their own progress only. */
export async function setGuideStep(
  ctx: MemberContext,
  stepId: string,
  done: boolean,
): Promise<{ done: boolean }> {
  authorize(ctx, "help.read", resource(ctx.orgId));
  const salesops = can(ctx, "help.readSalesops", resource(ctx.orgId));
  return withOrg(ctx, async (tx) => {
    const step = await tx.helpGuideStep.findUnique({ where: { id: stepId }, select: { guideId: true } });
    const guide = step
      ? await tx.helpGuide.findUnique({ where: { id: step.guideId }, select: { space: true } })
      : null;
    if (!guide || (guide.space === "salesops" && !salesops))
      throw new AppError("not_found", "No such guide step.", { text: { code: "help.errors.notFound" } });
    if (done) {
      // createMany with skipDuplicates: ticking twice is one tick.
      await tx.helpGuideProgress.createMany({
        data: { orgId: ctx.orgId, userId: ctx.userId, stepId },
        skipDuplicates: true,
      });
    } else {
      await tx.helpGuideProgress.deleteMany({ where: { userId: ctx.userId, stepId } });
    }
    await recordAudit(tx, ctx, {
      action: done ? "help.guide.step_done" : "help.guide.step_reopened",
      resourceType: "help_guide_step",
      resourceId: stepId,
      after: { done },
    });
    return { done };
  });
}

/** The demo's guides (lib/help/demo-guides.ts), written by an editor; once per organisation. */
export async function seedGuides(editor: MemberContext, guides: readonly DemoGuide[]): Promise<number> {
  authorize(editor, "help.edit", resource(editor.orgId));
  return withOrg(editor, async (tx) => {
    if ((await tx.helpGuide.count()) > 0) return 0;
    for (const [position, g] of guides.entries()) {
      const guide = await tx.helpGuide.create({
        data: {
          orgId: editor.orgId,
          space: g.space,
          locale: g.locale,
          slug: g.slug,
          title: g.title,
          summary: g.summary,
          position,
          createdBy: editor.userId,
        },
        select: { id: true },
      });
      await tx.helpGuideStep.createMany({
        data: g.steps.map((s, i) => ({
          orgId: editor.orgId,
          guideId: guide.id,
          position: i + 1,
          title: s.title,
          body: s.body,
          href: s.href,
        })),
      });
    }
    return guides.length;
  });
}
