import "server-only";

import { authorize } from "@/lib/auth/policy";
import { withOrg, type MemberContext } from "@/lib/db";

import type { THelpAnalytics } from "./schemas";

/**
 * Search analytics for the Help area (issue 14), for editors: over the last 7, 30 or 90 days, how
 * many searches ran and how many found nothing (the zero-result rate), the most frequent queries,
 * and the questions asked to "Ask" — how many the articles did not cover and how many the AI
 * answered. From `help_search_log` and `help_question`; row-level security shows an editor every
 * row of their organisation.
 */

const TOP_QUERIES = 10;

export async function helpAnalytics(ctx: MemberContext, days: number): Promise<THelpAnalytics> {
  authorize(ctx, "help.edit", { type: "help_article", orgId: ctx.orgId });
  return withOrg(ctx, async (tx) => {
    const [searches] = await tx.$queryRaw<{ searches: number; zero: number }[]>`
      SELECT count(*)::int AS searches, count(*) FILTER (WHERE result_count = 0)::int AS zero
      FROM help_search_log WHERE created_at > now() - make_interval(days => ${days}::int)`;
    const [questions] = await tx.$queryRaw<{ questions: number; uncovered: number; ai: number }[]>`
      SELECT count(*)::int AS questions, count(*) FILTER (WHERE NOT covered)::int AS uncovered,
             count(*) FILTER (WHERE answered_by = 'ai')::int AS ai
      FROM help_question WHERE created_at > now() - make_interval(days => ${days}::int)`;
    const top = await tx.$queryRaw<{ query: string; count: number; zero: number }[]>`
      SELECT normalized AS query, count(*)::int AS count, count(*) FILTER (WHERE result_count = 0)::int AS zero
      FROM help_search_log WHERE created_at > now() - make_interval(days => ${days}::int)
      GROUP BY normalized
      ORDER BY count DESC, normalized
      LIMIT ${TOP_QUERIES}`;
    return {
      days,
      searches: searches.searches,
      zeroResults: searches.zero,
      zeroResultRate: searches.searches === 0 ? 0 : searches.zero / searches.searches,
      questions: questions.questions,
      questionsUncovered: questions.uncovered,
      questionsByAi: questions.ai,
      topQueries: top.map((q) => ({ query: q.query, count: q.count, zeroResults: q.zero })),
    };
  });
}
