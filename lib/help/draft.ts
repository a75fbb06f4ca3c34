import "server-only";

import type { RouterOptions } from "@/lib/ai/router";
import { askAi } from "@/lib/ai/service";
import type { THelpDraftInput, THelpDraftOutput } from "@/lib/ai/use-cases";
import { recordAudit } from "@/lib/audit/service";
import { authorize } from "@/lib/auth/policy";
import { withOrg, type MemberContext } from "@/lib/db";
import { AppError, isAppError } from "@/lib/errors";

import { readArticle, readContentGaps, searchArticles } from "./queries";
import type { TDraftInput, THelpArticle } from "./schemas";
import { createArticle, updateArticle } from "./service";

/**
 * "Draft with AI" (issue 14), for editors: the use case `help.draft` (the large model, through the
 * router) writes a new article about a topic — or a revision of an article — from the topic, the
 * questions readers asked without an answer (the content gaps that share a word with it) and the
 * related published articles. The draft is saved through the ordinary save path (a version by the
 * editor who asked, audited as created/updated, plus `help.article.drafted` naming the model), and
 * always as DRAFT: it reaches readers only after review and a four-eyes publish.
 */

export interface THelpDraftResult {
  article: THelpArticle;
  model: string;
  provider: string;
  costEur: number;
}

/** The use case's limit for the outline. */
const OUTLINE_CHARS = 4000;
const LANGUAGE = { de: "Deutsch", en: "English" } as const;

const resource = (orgId: string) => ({ type: "help_article", orgId });

const wordsOf = (text: string) =>
  new Set(
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length >= 4),
  );

export async function draftWithAi(
  ctx: MemberContext,
  input: TDraftInput,
  options: RouterOptions = {},
): Promise<THelpDraftResult> {
  authorize(ctx, "help.edit", resource(ctx.orgId));
  const salesops = input.space === "salesops";
  if (salesops) authorize(ctx, "help.readSalesops", resource(ctx.orgId));

  const { current, gaps, related } = await withOrg(ctx, async (tx) => {
    const current = input.articleId ? await readArticle(tx, input.articleId, true) : null;
    if (input.articleId && !current)
      throw new AppError("not_found", "No such help article.", { text: { code: "help.errors.notFound" } });
    if (current?.space === "salesops") authorize(ctx, "help.readSalesops", resource(ctx.orgId));
    const topicWords = wordsOf(input.topic);
    const gaps = (await readContentGaps(tx, 90))
      .filter(
        (g) => [...wordsOf(g.query)].some((w) => topicWords.has(w)) || g.query === input.topic.toLowerCase(),
      )
      .slice(0, 10)
      .map((g) => g.wording);
    const related = (
      await searchArticles(tx, [input.topic], input.locale, salesops || current?.space === "salesops")
    )
      .filter((r) => r.id !== input.articleId)
      .slice(0, 5)
      .map((r) => r.title);
    return { current, gaps, related };
  });

  const outline = [
    `Sprache des Artikels: ${LANGUAGE[current?.locale ?? input.locale]}`,
    gaps.length > 0
      ? `Fragen von Nutzern, die die Hilfe bisher nicht beantwortet:\n${gaps.map((g) => `- ${g}`).join("\n")}`
      : "",
    related.length > 0
      ? `Verwandte Artikel (nicht wiederholen, darauf verweisen):\n${related.map((t) => `- ${t}`).join("\n")}`
      : "",
    current ? `Überarbeite diesen bestehenden Artikel „${current.title}“:\n${current.bodyMd}` : "",
  ]
    .filter(Boolean)
    .join("\n\n")
    .slice(0, OUTLINE_CHARS);
  const request: THelpDraftInput = {
    topic: input.topic,
    audience: (current?.space ?? input.space) === "salesops" ? "sales_ops" : "end_users",
    outline,
  };
  const reply = await askAi(ctx, { useCase: "help.draft", input: request }, options);
  const output = reply.output as THelpDraftOutput;
  const title = output.title.trim().slice(0, 200) || input.topic;
  const bodyMd = output.body.slice(0, 100_000);
  const keywords = [...new Set(output.keywords.map((k) => k.trim().slice(0, 50)).filter(Boolean))].slice(
    0,
    20,
  );

  let article: THelpArticle;
  if (current) {
    article = await updateArticle(ctx, current.id, {
      title,
      bodyMd,
      tags: [...new Set([...current.tags, ...keywords])].slice(0, 20),
      helpKeys: current.helpKeys,
    });
  } else {
    const fields = { space: input.space, locale: input.locale, title, bodyMd, tags: keywords, helpKeys: [] };
    try {
      article = await createArticle(ctx, fields);
    } catch (error) {
      // The title's slug is taken in this language: the draft gets its own until an editor names it.
      if (!isAppError(error) || error.kind !== "conflict") throw error;
      article = await createArticle(ctx, { ...fields, slug: `draft-${Date.now().toString(36)}` });
    }
  }
  await withOrg(ctx, (tx) =>
    recordAudit(tx, ctx, {
      action: "help.article.drafted",
      resourceType: "help_article",
      resourceId: article.id,
      after: {
        topic: input.topic,
        version: article.version,
        provider: reply.provider,
        model: reply.model,
        gaps: gaps.length,
        related: related.length,
      },
    }),
  );
  return { article, model: reply.model, provider: reply.provider, costEur: reply.costEur };
}
