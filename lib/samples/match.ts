import "server-only";

import type { AiAnswer } from "@/lib/ai/router";
import { askAi } from "@/lib/ai/service";
import type { TSampleMatchInput, TSampleMatchOutput } from "@/lib/ai/use-cases";
import { SEGMENTS } from "@/lib/ai/use-cases/shared";
import { withOrg, type MemberContext } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { loadLead } from "@/lib/leads/access";

import { activeProducts } from "./queries";

/** The use case takes at most this many catalogue products. */
const CATALOG_LIMIT = 60;

export interface SampleSuggestions {
  items: { sku: string; name: string; reason: string }[];
  note: string;
  /** Who answered at what cost, as the lead brief shows it. */
  model: string;
  provider: string;
  costEur: number;
  cached: boolean;
}

/**
 * Products to put in a lead's sample box, suggested by the large model through the AI router (use
 * case `sample.match`: budget, cache, privacy and the call log as for every AI feature). Asked by
 * who may configure the lead's samples; the input is the lead's company, segment (its industry
 * when that is one of the router's segments) and notes-free facts, and the active catalogue; the
 * answer keeps only products of that catalogue. Without AI configured, the router's refusal says so.
 */
export async function suggestSamples(ctx: MemberContext, leadId: string): Promise<SampleSuggestions> {
  const { input, chosen } = await withOrg(ctx, async (tx) => {
    await loadLead(tx, ctx, leadId, "sample.configure");
    const lead = await tx.lead.findUniqueOrThrow({ where: { id: leadId } });
    const products = await activeProducts(tx, ctx.orgId);
    // The use case wants article numbers like FG-1042; ours may be any sku (lower case, dots), so
    // the model sees a stand-in per product (P-1, P-2, …), mapped back to the sku below.
    const catalog = products.slice(0, CATALOG_LIMIT).map((p, i) => ({
      sku: `P-${i + 1}`,
      name: p.name,
      category: p.category ?? "Sonstiges",
    }));
    const industry = lead.industry?.trim().toLowerCase();
    const segment = SEGMENTS.find((s) => s === industry) ?? "other";
    const input: TSampleMatchInput = { companyName: lead.companyName, segment, preferences: [], catalog };
    const chosen = new Map(products.slice(0, CATALOG_LIMIT).map((p, i) => [`P-${i + 1}`, p]));
    return { input, chosen };
  });
  if (input.catalog.length === 0) {
    throw new AppError("unprocessable", "The catalogue has no products to suggest from.", {
      text: { code: "samples.errors.noCatalogue" },
    });
  }
  const answer: AiAnswer = await askAi(ctx, { useCase: "sample.match", input });
  const output = answer.output as TSampleMatchOutput;
  return {
    items: output.skus.flatMap((s) => {
      const product = chosen.get(s.sku);
      return product ? [{ sku: product.sku, name: product.name, reason: s.reason }] : [];
    }),
    note: output.note,
    model: answer.model,
    provider: answer.provider,
    costEur: answer.costEur,
    cached: answer.cached,
  };
}
