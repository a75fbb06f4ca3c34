import "server-only";

import type { AiAnswer } from "@/lib/ai/router";
import { askAi } from "@/lib/ai/service";
import type { TLeadBriefInput } from "@/lib/ai/use-cases";
import { withOrg, type MemberContext } from "@/lib/db";

import { loadLead } from "./access";

/** The brief reads at most this many of the latest activities; older ones add little. */
const BRIEF_ACTIVITIES = 30;
const DAY_MS = 86_400_000;

/**
 * An AI account brief of a lead (use case `lead.brief`, the large model): what the lead is, where
 * its protection stands, and its latest activities, through the same router as every AI feature
 * (budget, cache, privacy, call log). Only someone who may read the lead asks; the lead's contact
 * person is not part of the input, and notes are scrubbed of personal data by the router.
 */
export async function briefLead(
  ctx: MemberContext,
  leadId: string,
  options: { noCache?: boolean } = {},
): Promise<AiAnswer> {
  const input = await withOrg(ctx, async (tx): Promise<TLeadBriefInput> => {
    const { protection } = await loadLead(tx, ctx, leadId, "lead.read");
    const lead = await tx.lead.findUniqueOrThrow({ where: { id: leadId } });
    const activities = await tx.leadActivity.findMany({
      where: { leadId },
      orderBy: { at: "desc" },
      take: BRIEF_ACTIVITIES,
    });
    return {
      companyName: lead.companyName,
      city: lead.city,
      ...(lead.industry ? { industry: lead.industry } : {}),
      ...(lead.expectedVolume !== null ? { expectedVolumeEurPerMonth: Number(lead.expectedVolume) } : {}),
      ...(protection
        ? {
            protection: {
              status: protection.status,
              daysLeft: Math.floor(
                ((protection.status === "ACTIVE"
                  ? protection.valid_until
                  : protection.grace_until
                ).getTime() -
                  Date.now()) /
                  DAY_MS,
              ),
            },
          }
        : {}),
      activities: activities.reverse().map((a) => ({
        date: a.at.toISOString().slice(0, 10),
        kind: a.kind as TLeadBriefInput["activities"][number]["kind"],
        ...(a.note ? { note: a.note.slice(0, 1000) } : {}),
      })),
    };
  });
  return askAi(ctx, { useCase: "lead.brief", input, noCache: options.noCache });
}
