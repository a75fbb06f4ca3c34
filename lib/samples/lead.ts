import "server-only";

import { can } from "@/lib/auth/policy";
import { withOrg } from "@/lib/db";
import { loadLead } from "@/lib/leads/access";

import { activeProducts } from "./queries";
import {
  boxDto,
  feedbackDto,
  productDto,
  type FeedbackDto,
  type ProductDto,
  type SampleBoxDto,
} from "./service";

/**
 * A lead's samples as its page shows them: every box with its items, test phases, results, links
 * (never a token) and the feedback that came in, with what the caller may do. Read as the lead is
 * read (404 when RLS hides it); `canConfigure` is the service's own rule, so the page hides what the
 * services would refuse.
 */
export interface LeadSamples {
  canConfigure: boolean;
  boxes: (Omit<SampleBoxDto, "phases"> & {
    phases: (SampleBoxDto["phases"][number] & { feedback: FeedbackDto[] })[];
  })[];
  /** The active catalogue, for the box configurator (empty when the caller may not configure). */
  products: ProductDto[];
}

export async function leadSamples(ctx: Parameters<typeof loadLead>[1], leadId: string): Promise<LeadSamples> {
  return withOrg(ctx, async (tx) => {
    const { resource } = await loadLead(tx, ctx, leadId, "sample.read");
    const canConfigure = can(ctx, "sample.configure", resource);
    const ids = await tx.sampleBox.findMany({
      where: { leadId },
      select: { id: true },
      orderBy: { configuredAt: "desc" },
    });
    const feedback = await tx.productFeedback.findMany({
      where: { leadId },
      orderBy: [{ createdAt: "desc" }, { sku: "asc" }],
      include: { product: { select: { name: true } } },
    });
    const boxes = [];
    for (const { id } of ids) {
      const box = await boxDto(tx, id);
      boxes.push({
        ...box,
        phases: box.phases.map((phase) => ({
          ...phase,
          feedback: feedback.filter((f) => f.phaseId === phase.id).map(feedbackDto),
        })),
      });
    }
    const products = canConfigure ? await activeProducts(tx, ctx.orgId) : [];
    return {
      canConfigure,
      boxes,
      products: products.map(productDto),
    };
  });
}
