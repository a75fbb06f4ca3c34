import { notFound } from "next/navigation";
import { z } from "zod";

import type { OrgSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/policy";
import { isAppError } from "@/lib/errors";
import { showArticle } from "@/lib/help/experiments";
import { getArticle } from "@/lib/help/service";

import { ArticleEditor } from "./ArticleEditor";
import { ArticleView } from "./ArticleView";

/** One article: editors get the editor (review steps, versions), readers the article. */
export async function HelpArticlePanel({ session, articleId }: { session: OrgSession; articleId: string }) {
  if (!z.uuid().safeParse(articleId).success) notFound();
  const article = await getArticle(session.ctx, articleId).catch((error: unknown) => {
    if (isAppError(error) && (error.kind === "not_found" || error.kind === "forbidden")) return null;
    throw error;
  });
  if (!article) notFound();
  if (can(session.ctx, "help.edit", { type: "help_article", orgId: session.ctx.orgId }))
    return <ArticleEditor orgSlug={session.org.slug} article={article} userId={session.ctx.userId} />;
  // A reader is shown the article: their A/B-test version, if one runs (the exposure is logged).
  return <ArticleView article={await showArticle(session.ctx, articleId)} />;
}
