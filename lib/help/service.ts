import "server-only";

import { recordAudit } from "@/lib/audit/service";
import { authorize, can, type Action } from "@/lib/auth/policy";
import { isUniqueViolation, withOrg, type MemberContext, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { servedArticle } from "./experiment-queries";
import {
  listArticleRows,
  readArticle,
  readContentGaps,
  readContextArticle,
  readVersions,
  searchArticles,
  snippetParts,
} from "./queries";
import type {
  TContentGap,
  TContextHelp,
  TCreateArticle,
  TFeedbackInput,
  THelpArticle,
  THelpLocale,
  THelpVersion,
  TListArticles,
  TSearchResult,
  TTransition,
  TUpdateArticle,
} from "./schemas";

/**
 * The help system (issue 14): articles in two spaces — enduser for every member, salesops for
 * managers and admins — written by editors (every save a version), submitted for review, published
 * by a second editor (four eyes), archived; every transition audited. Readers find them by search
 * (full text + typos + synonyms) and by the help keys the screens carry.
 */

const resource = (orgId: string) => ({ type: "help_article", orgId });

/** Whether the caller may read the salesops space: the access rules' answer, RLS answers too. */
const salesopsFor = (ctx: MemberContext) => can(ctx, "help.readSalesops", resource(ctx.orgId));

function notFound(): AppError {
  return new AppError("not_found", "No such help article.", { text: { code: "help.errors.notFound" } });
}

/** An article as the caller may see it (404 otherwise), after the permission `action`. */
async function loadArticle(tx: Tx, ctx: MemberContext, id: string, action: Action): Promise<THelpArticle> {
  authorize(ctx, "help.read", resource(ctx.orgId));
  const article = await readArticle(tx, id, salesopsFor(ctx));
  if (!article) throw notFound();
  authorize(ctx, action, resource(ctx.orgId));
  return article;
}

/** The reader's language: the one asked for, else their account's. */
export async function localeOf(tx: Tx, ctx: MemberContext, asked?: THelpLocale): Promise<THelpLocale> {
  if (asked) return asked;
  const user = await tx.user.findUnique({ where: { id: ctx.userId }, select: { locale: true } });
  return user?.locale === "en" ? "en" : "de";
}

const slugOf = (title: string) =>
  title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/ß/g, "ss")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80) || "article";

function slugTaken(): AppError {
  return new AppError("conflict", "An article with this slug exists in this language.", {
    text: { code: "help.errors.slugTaken" },
    fieldErrors: [{ path: "slug", message: "taken", code: "help.errors.slugTaken" }],
  });
}

export async function listArticles(ctx: MemberContext, filter: TListArticles): Promise<THelpArticle[]> {
  authorize(ctx, "help.read", resource(ctx.orgId));
  return withOrg(ctx, (tx) => listArticleRows(tx, filter, salesopsFor(ctx)));
}

export async function getArticle(ctx: MemberContext, id: string): Promise<THelpArticle> {
  return withOrg(ctx, (tx) => loadArticle(tx, ctx, id, "help.read"));
}

export async function createArticle(ctx: MemberContext, input: TCreateArticle): Promise<THelpArticle> {
  authorize(ctx, "help.edit", resource(ctx.orgId));
  try {
    return await withOrg(ctx, async (tx) => {
      const article = await tx.helpArticle.create({
        data: {
          orgId: ctx.orgId,
          space: input.space,
          locale: input.locale,
          slug: input.slug ?? slugOf(input.title),
          title: input.title,
          bodyMd: input.bodyMd,
          tags: input.tags,
          helpKeys: input.helpKeys,
          createdBy: ctx.userId,
          updatedBy: ctx.userId,
        },
        select: { id: true },
      });
      await tx.helpArticleVersion.create({
        data: {
          orgId: ctx.orgId,
          articleId: article.id,
          number: 1,
          title: input.title,
          bodyMd: input.bodyMd,
          authorId: ctx.userId,
        },
      });
      await recordAudit(tx, ctx, {
        action: "help.article.created",
        resourceType: "help_article",
        resourceId: article.id,
        after: { space: input.space, locale: input.locale, title: input.title },
      });
      return (await readArticle(tx, article.id, true))!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken();
    throw error;
  }
}

/**
 * A save: the text becomes version n+1. A published, in-review or archived article goes back to
 * DRAFT with it (changed text needs a new review), so readers no longer see it until it is
 * published again.
 */
export async function updateArticle(
  ctx: MemberContext,
  id: string,
  input: TUpdateArticle,
): Promise<THelpArticle> {
  return withOrg(ctx, async (tx) => {
    const before = await loadArticle(tx, ctx, id, "help.edit");
    if (input.space === "salesops" || before.space === "salesops")
      authorize(ctx, "help.readSalesops", resource(ctx.orgId));
    const number = before.version + 1;
    await tx.helpArticle.update({
      where: { id },
      data: {
        title: input.title,
        bodyMd: input.bodyMd,
        tags: input.tags,
        helpKeys: input.helpKeys,
        space: input.space ?? before.space,
        status: "DRAFT",
        reviewedBy: null,
        publishedAt: null,
        version: number,
        updatedBy: ctx.userId,
        updatedAt: new Date(),
      },
    });
    await tx.helpArticleVersion.create({
      data: {
        orgId: ctx.orgId,
        articleId: id,
        number,
        title: input.title,
        bodyMd: input.bodyMd,
        authorId: ctx.userId,
      },
    });
    await recordAudit(tx, ctx, {
      action: "help.article.updated",
      resourceType: "help_article",
      resourceId: id,
      before: { status: before.status, version: before.version, title: before.title },
      after: { status: "DRAFT", version: number, title: input.title },
    });
    return (await readArticle(tx, id, true))!;
  });
}

const FROM: Record<TTransition["action"], readonly string[]> = {
  submit: ["DRAFT"],
  publish: ["IN_REVIEW"],
  archive: ["DRAFT", "IN_REVIEW", "PUBLISHED"],
};
const TO = { submit: "IN_REVIEW", publish: "PUBLISHED", archive: "ARCHIVED" } as const;
const AUDITED = {
  submit: "help.article.submitted",
  publish: "help.article.published",
  archive: "help.article.archived",
} as const;

/**
 * DRAFT → IN_REVIEW (submit, by an editor) → PUBLISHED (publish, by an editor who did not write
 * the last version: four eyes) → ARCHIVED (archive, from any state but archived).
 */
export async function transitionArticle(
  ctx: MemberContext,
  id: string,
  { action }: TTransition,
): Promise<THelpArticle> {
  return withOrg(ctx, async (tx) => {
    const article = await loadArticle(tx, ctx, id, action === "submit" ? "help.edit" : "help.publish");
    if (!FROM[action].includes(article.status)) {
      throw new AppError(
        "conflict",
        `An article in ${article.status} cannot be ${TO[action].toLowerCase()}.`,
        {
          text: { code: "help.errors.wrongStatus", params: { status: article.status } },
        },
      );
    }
    if (action === "publish" && article.updatedBy === ctx.userId) {
      throw new AppError(
        "unprocessable",
        "Four eyes: an article is published by an editor other than the author of its last version.",
        { text: { code: "help.errors.fourEyes" } },
      );
    }
    const now = new Date();
    await tx.helpArticle.update({
      where: { id },
      data: {
        status: TO[action],
        ...(action === "publish" ? { reviewedBy: ctx.userId, publishedAt: now } : {}),
      },
    });
    await recordAudit(tx, ctx, {
      action: AUDITED[action],
      resourceType: "help_article",
      resourceId: id,
      before: { status: article.status },
      after: { status: TO[action], version: article.version },
    });
    return (await readArticle(tx, id, true))!;
  });
}

export async function listVersions(ctx: MemberContext, id: string): Promise<THelpVersion[]> {
  return withOrg(ctx, async (tx) => {
    await loadArticle(tx, ctx, id, "help.edit");
    return readVersions(tx, id);
  });
}

/** Synonyms whose term (or expansion) the query contains: what the query is also searched for. */
export async function expansionsOf(tx: Tx, query: string): Promise<string[]> {
  const lower = query.toLowerCase();
  const synonyms = await tx.helpSynonym.findMany({ select: { term: true, expansion: true } });
  const extra = new Set<string>();
  for (const { term, expansion } of synonyms) {
    if (lower.includes(term.toLowerCase())) extra.add(expansion);
    else if (lower.includes(expansion.toLowerCase())) extra.add(term);
  }
  return [...extra];
}

export const normalizeQuery = (query: string) => query.trim().toLowerCase().replace(/\s+/g, " ");

/**
 * Search across the spaces the caller may read; every search is logged with its result count, so
 * the ones without a result make the content-gap report.
 */
export async function searchHelp(
  ctx: MemberContext,
  input: { q: string; locale?: THelpLocale },
): Promise<TSearchResult> {
  authorize(ctx, "help.read", resource(ctx.orgId));
  return withOrg(ctx, async (tx) => {
    const locale = await localeOf(tx, ctx, input.locale);
    const expandedWith = await expansionsOf(tx, input.q);
    const rows = await searchArticles(tx, [input.q, ...expandedWith], locale, salesopsFor(ctx));
    // createMany: no RETURNING, which a reader's SELECT policy (editors only) would refuse.
    await tx.helpSearchLog.createMany({
      data: {
        orgId: ctx.orgId,
        query: input.q,
        normalized: normalizeQuery(input.q),
        locale,
        resultCount: rows.length,
        userId: ctx.userId,
      },
    });
    return {
      query: input.q,
      expandedWith,
      items: rows.map((r) => ({
        id: r.id,
        title: r.title,
        space: r.space,
        locale: r.locale,
        status: r.status,
        rank: Number(r.rank),
        snippet: snippetParts(r.headline),
      })),
    };
  });
}

/** The published article for a screen's help key, in the reader's language or else the other one. */
export async function contextHelp(
  ctx: MemberContext,
  key: string,
  asked?: THelpLocale,
): Promise<TContextHelp> {
  authorize(ctx, "help.read", resource(ctx.orgId));
  return withOrg(ctx, async (tx) => {
    const locale = await localeOf(tx, ctx, asked);
    const found = await readContextArticle(tx, key, locale, salesopsFor(ctx));
    // The drawer shows it: the reader's A/B-test version, if one runs, and the exposure logged.
    const article = found ? await servedArticle(tx, ctx, found) : null;
    const vote = article
      ? await tx.helpFeedback.findUnique({
          where: { orgId_articleId_userId: { orgId: ctx.orgId, articleId: article.id, userId: ctx.userId } },
          select: { helpful: true, comment: true },
        })
      : null;
    return { key, article, fallback: article !== null && article.locale !== locale, myVote: vote };
  });
}

/** "Was this helpful?": the caller's vote on an article they may read (voting again changes it). */
export async function recordFeedback(ctx: MemberContext, articleId: string, input: TFeedbackInput) {
  return withOrg(ctx, async (tx) => {
    const article = await loadArticle(tx, ctx, articleId, "help.read");
    if (article.status !== "PUBLISHED") throw notFound();
    const comment = input.comment ? input.comment : null;
    await tx.helpFeedback.upsert({
      where: { orgId_articleId_userId: { orgId: ctx.orgId, articleId, userId: ctx.userId } },
      create: { orgId: ctx.orgId, articleId, userId: ctx.userId, helpful: input.helpful, comment },
      update: { helpful: input.helpful, comment, createdAt: new Date() },
    });
    await recordAudit(tx, ctx, {
      action: "help.feedback.recorded",
      resourceType: "help_article",
      resourceId: articleId,
      after: { helpful: input.helpful, commented: comment !== null },
    });
    return { articleId, helpful: input.helpful, comment };
  });
}

/** Queries that found nothing, most asked first: what to write next (editors). */
export async function contentGaps(ctx: MemberContext, days = 30): Promise<TContentGap[]> {
  authorize(ctx, "help.edit", resource(ctx.orgId));
  return withOrg(ctx, async (tx) =>
    (await readContentGaps(tx, days)).map((g) => ({
      query: g.query,
      wording: g.wording,
      count: g.count,
      lastAt: g.last_at.toISOString(),
      locale: g.locale,
    })),
  );
}

export async function listSynonyms(ctx: MemberContext) {
  authorize(ctx, "help.read", resource(ctx.orgId));
  return withOrg(ctx, (tx) =>
    tx.helpSynonym.findMany({ select: { id: true, term: true, expansion: true }, orderBy: { term: "asc" } }),
  );
}

export async function addSynonym(ctx: MemberContext, input: { term: string; expansion: string }) {
  authorize(ctx, "help.edit", resource(ctx.orgId));
  try {
    return await withOrg(ctx, async (tx) => {
      const row = await tx.helpSynonym.create({
        data: { orgId: ctx.orgId, term: input.term, expansion: input.expansion, createdBy: ctx.userId },
        select: { id: true, term: true, expansion: true },
      });
      await recordAudit(tx, ctx, {
        action: "help.synonym.added",
        resourceType: "help_synonym",
        resourceId: row.id,
        after: input,
      });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("conflict", "This synonym exists.", { text: { code: "help.errors.synonymExists" } });
    throw error;
  }
}

export async function removeSynonym(ctx: MemberContext, id: string): Promise<void> {
  authorize(ctx, "help.edit", resource(ctx.orgId));
  await withOrg(ctx, async (tx) => {
    const row = await tx.helpSynonym.findUnique({ where: { id } });
    if (!row) throw new AppError("not_found", "No such synonym.", { text: { code: "help.errors.notFound" } });
    await tx.helpSynonym.delete({ where: { id } });
    await recordAudit(tx, ctx, {
      action: "help.synonym.removed",
      resourceType: "help_synonym",
      resourceId: id,
      before: { term: row.term, expansion: row.expansion },
    });
  });
}
