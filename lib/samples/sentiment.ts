import "server-only";

import { providerClients } from "@/lib/ai/providers";
import { routeAi, type RouterOptions } from "@/lib/ai/router";
import { ZFeedbackSentimentOutput } from "@/lib/ai/use-cases/feedback";
import { withOrg, type DbContext } from "@/lib/db";
import { forEachOrg } from "@/lib/db/orgs";
import { isAppError } from "@/lib/errors";

/**
 * feedback.sentiment for the customer comments that came in (job samples-feedback-sentiment): each
 * comment through the AI router (small model first, budget, cache, PII scrubbing, call log), the
 * answer stored on its feedback row. Without a configured provider nothing is asked and nothing
 * breaks: the comments wait, counted as pending, for a later run. The rows are read in one short
 * transaction per organisation and each answer written in its own, so no transaction stays open
 * while a provider answers.
 */

export interface SentimentCounts {
  orgs: number;
  pending: number;
  analysed: number;
  failed: number;
}

const BATCH = 50;

export async function runFeedbackSentiment(
  options: { router?: RouterOptions; actor?: DbContext["actor"] } = {},
): Promise<SentimentCounts> {
  const system: DbContext = {
    orgId: null,
    userId: null,
    roles: ["system"],
    actor: options.actor ?? { type: "system", id: "job:samples-feedback-sentiment" },
  };
  const work: {
    ctx: DbContext & { orgId: string };
    rows: { id: string; comment: string; rating: number }[];
  }[] = [];
  const walk = await forEachOrg(system, "samples-feedback-sentiment", async (tx, ctx) => {
    const rows = await tx.productFeedback.findMany({
      where: { sentiment: null, comment: { not: null } },
      orderBy: { createdAt: "asc" },
      take: BATCH,
      select: { id: true, comment: true, rating: true },
    });
    if (rows.length > 0) work.push({ ctx, rows: rows.map((r) => ({ ...r, comment: r.comment ?? "" })) });
  });
  const counts: SentimentCounts = { orgs: walk.orgs, pending: 0, analysed: 0, failed: walk.failed };
  const configured = Object.keys(options.router?.clients ?? providerClients()).length > 0;
  for (const { ctx, rows } of work) {
    if (!configured) {
      counts.pending += rows.length;
      continue;
    }
    for (const row of rows) {
      try {
        const answer = await routeAi(
          ctx,
          { useCase: "feedback.sentiment", input: { comment: row.comment, rating: row.rating } },
          options.router,
        );
        const output = ZFeedbackSentimentOutput.parse(answer.output);
        await withOrg(ctx, (tx) =>
          tx.productFeedback.update({
            where: { id: row.id },
            data: {
              sentiment: output.sentiment,
              sentimentTopics: output.topics,
              sentimentConfidence: output.confidence,
              sentimentAt: new Date(),
            },
          }),
        );
        counts.analysed += 1;
      } catch (error) {
        counts.pending += 1;
        // Over budget or no provider reachable: the rest of this organisation waits for a later run.
        if (isAppError(error) && (error.kind === "ai_budget_exceeded" || error.kind === "unavailable")) break;
        counts.failed += 1;
        console.error("[samples-feedback-sentiment] feedback", row.id, error);
      }
    }
  }
  return counts;
}
