import "server-only";

import type { RouterOptions } from "@/lib/ai/router";
import { askAi } from "@/lib/ai/service";
import type { THelpAnswerInput, THelpAnswerOutput } from "@/lib/ai/use-cases";
import { authorize, can } from "@/lib/auth/policy";
import { withOrg, type MemberContext } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { readEffectiveValue } from "@/lib/settings/queries";

import { searchArticles, snippetParts } from "./queries";
import type { TAskInput, TAskResult, THelpLocale, TSearchHit } from "./schemas";
import { expansionsOf, localeOf } from "./service";

/**
 * "Ask" (issue 14): a question answered by the AI use case `help.answer` (small model first, through
 * the router: budget, cache, privacy, call log) only from the published articles the reader may
 * read — the top hits of the ordinary search, under the reader's own context and row-level
 * security. The model sees stand-in ids (`a-1`, `a-2`, …); an id it answers that is not one of them
 * is dropped, so an answer can only ever cite an article that was given, never one of a space the
 * reader may not read. When the articles do not cover the question (no hit, the model says none,
 * or its calibrated confidence is below the routing threshold) the answer says so and the question
 * is a content gap. Without AI (not configured, not allowed for the role, or unavailable now) the
 * search results answer. Every question is one `help_question` row.
 */

/** The use case takes at most eight articles; the best five keep the prompt small. */
const ARTICLES_GIVEN = 5;
/** The use case's limit for one article's body. */
const BODY_CHARS = 8000;

const resource = (orgId: string) => ({ type: "help_article", orgId });

type Fallback = TAskResult["fallbackReason"];

function fallbackOf(error: unknown): Fallback {
  if (!isAppError(error)) return null;
  if (error.text?.code === "ai.errors.notConfigured") return "notConfigured";
  // Budget exhausted, every provider down: the search answers rather than an error.
  if (
    error.kind === "unavailable" ||
    error.kind === "ai_budget_exceeded" ||
    error.kind === "integration_unavailable"
  )
    return "unavailable";
  return null;
}

export async function askHelp(
  ctx: MemberContext,
  input: TAskInput,
  options: RouterOptions = {},
): Promise<TAskResult> {
  authorize(ctx, "help.read", resource(ctx.orgId));
  const salesops = can(ctx, "help.readSalesops", resource(ctx.orgId));

  // The reader's articles: the search's best hits and their texts, read under the reader's RLS.
  const { locale, hits, given, threshold } = await withOrg(ctx, async (tx) => {
    const locale = await localeOf(tx, ctx, input.locale);
    const expandedWith = await expansionsOf(tx, input.question);
    const rows = await searchArticles(tx, [input.question, ...expandedWith], locale, salesops);
    const hits: TSearchHit[] = rows.map((r) => ({
      id: r.id,
      title: r.title,
      space: r.space,
      locale: r.locale,
      status: r.status,
      rank: Number(r.rank),
      snippet: snippetParts(r.headline),
    }));
    const top = hits.slice(0, ARTICLES_GIVEN);
    const bodies = await tx.helpArticle.findMany({
      where: { id: { in: top.map((h) => h.id) }, status: "PUBLISHED" },
      select: { id: true, bodyMd: true },
    });
    const bodyOf = new Map(bodies.map((b) => [b.id, b.bodyMd]));
    const given = top
      .filter((h) => bodyOf.has(h.id))
      .map((h, i) => ({
        alias: `a-${i + 1}`,
        hit: h,
        body: bodyOf.get(h.id)!.trim().slice(0, BODY_CHARS) || h.title,
      }));
    const threshold = await readEffectiveValue(tx, ctx, "ai.routing.confidence.threshold");
    return { locale, hits, given, threshold: Number(threshold) };
  });

  let fallbackReason: Fallback = can(ctx, "ai.use", { type: "ai", orgId: ctx.orgId }) ? null : "notAllowed";
  let answeredBy: TAskResult["answeredBy"] = "search";
  let answer: string | null = null;
  let citations: TAskResult["citations"] = [];
  let covered = hits.length > 0;

  if (fallbackReason === null && given.length > 0) {
    const request: THelpAnswerInput = {
      question: input.question,
      articles: given.map((g) => ({ id: g.alias, title: g.hit.title, body: g.body })),
    };
    try {
      const reply = await askAi(ctx, { useCase: "help.answer", input: request }, options);
      const output = reply.output as THelpAnswerOutput;
      answeredBy = "ai";
      // Only an article that was given may be cited; any other id (made up, or of an article the
      // reader may not read) is dropped.
      const cited = given.find((g) => g.alias === output.articleId);
      const confident = reply.confidence === null || reply.confidence >= threshold;
      covered = cited !== undefined && confident;
      answer = covered ? output.answer : null;
      citations =
        covered && cited ? [{ id: cited.hit.id, title: cited.hit.title, locale: cited.hit.locale }] : [];
    } catch (error) {
      fallbackReason = fallbackOf(error);
      if (fallbackReason === null) throw error;
    }
  } else if (fallbackReason === null) {
    // Nothing to answer from: no model is asked; the question is a gap.
    covered = false;
  }

  const questionId = await withOrg(ctx, async (tx) => {
    const row = await tx.helpQuestion.create({
      data: {
        orgId: ctx.orgId,
        userId: ctx.userId,
        question: input.question,
        locale: locale satisfies THelpLocale,
        answeredBy,
        covered,
        citedArticleIds: citations.map((c) => c.id),
      },
      select: { id: true },
    });
    return row.id;
  });

  return {
    questionId,
    question: input.question,
    answeredBy,
    covered,
    answer,
    citations,
    fallbackReason,
    hits,
  };
}
