import "server-only";

import { Prisma, type Tx } from "@/lib/db";

import type { THelpArticle, THelpLocale, THelpVersion, TSnippetPart } from "./schemas";

/**
 * Reads of the help domain; they take a tx and check no permission: row-level security shows a
 * member only the articles of their spaces (service.ts asks the access rules as well).
 */

interface ArticleRow {
  id: string;
  space: THelpArticle["space"];
  locale: THelpArticle["locale"];
  slug: string;
  title: string;
  body_md: string;
  tags: string[];
  help_keys: string[];
  status: THelpArticle["status"];
  version: number;
  updated_by: string | null;
  updated_by_name: string | null;
  reviewed_by: string | null;
  updated_at: Date;
  published_at: Date | null;
  helpful: number;
  votes: number;
}

const articleColumns = Prisma.sql`
  a.id, a.space, a.locale, a.slug, a.title, a.body_md, a.tags, a.help_keys, a.status, a.version,
  a.updated_by, u.name AS updated_by_name, a.reviewed_by, a.updated_at, a.published_at,
  (SELECT count(*) FILTER (WHERE f.helpful)::int FROM help_feedback f
    WHERE f.org_id = a.org_id AND f.article_id = a.id) AS helpful,
  (SELECT count(*)::int FROM help_feedback f WHERE f.org_id = a.org_id AND f.article_id = a.id) AS votes`;

function articleView(row: ArticleRow): THelpArticle {
  return {
    id: row.id,
    space: row.space,
    locale: row.locale,
    slug: row.slug,
    title: row.title,
    bodyMd: row.body_md,
    tags: row.tags,
    helpKeys: row.help_keys,
    status: row.status,
    version: row.version,
    updatedBy: row.updated_by,
    updatedByName: row.updated_by_name,
    reviewedBy: row.reviewed_by,
    updatedAt: row.updated_at.toISOString(),
    publishedAt: row.published_at?.toISOString() ?? null,
    helpful: row.helpful,
    votes: row.votes,
  };
}

/** `salesops`: whether the reader may see that space (the access rules' answer, besides RLS). */
const spaceFilter = (salesops: boolean) => (salesops ? Prisma.sql`TRUE` : Prisma.sql`a.space = 'enduser'`);

export async function readArticle(tx: Tx, id: string, salesops: boolean): Promise<THelpArticle | null> {
  const [row] = await tx.$queryRaw<ArticleRow[]>`
    SELECT ${articleColumns} FROM help_article a LEFT JOIN app_user u ON u.id = a.updated_by
    WHERE a.id = ${id}::uuid AND ${spaceFilter(salesops)}`;
  return row ? articleView(row) : null;
}

export async function listArticleRows(
  tx: Tx,
  filter: { space?: string; locale?: string; status?: string },
  salesops: boolean,
): Promise<THelpArticle[]> {
  const rows = await tx.$queryRaw<ArticleRow[]>`
    SELECT ${articleColumns} FROM help_article a LEFT JOIN app_user u ON u.id = a.updated_by
    WHERE ${spaceFilter(salesops)}
      AND (${filter.space ?? null}::text IS NULL OR a.space = ${filter.space ?? null})
      AND (${filter.locale ?? null}::text IS NULL OR a.locale = ${filter.locale ?? null})
      AND (${filter.status ?? null}::text IS NULL OR a.status = ${filter.status ?? null})
    ORDER BY a.space, a.title, a.locale
    LIMIT 500`;
  return rows.map(articleView);
}

/** The published article for a help key: the reader's language first, else the other one. */
export async function readContextArticle(
  tx: Tx,
  key: string,
  locale: THelpLocale,
  salesops: boolean,
): Promise<THelpArticle | null> {
  const [row] = await tx.$queryRaw<ArticleRow[]>`
    SELECT ${articleColumns} FROM help_article a LEFT JOIN app_user u ON u.id = a.updated_by
    WHERE a.status = 'PUBLISHED' AND ${key} = ANY (a.help_keys) AND ${spaceFilter(salesops)}
    ORDER BY a.locale = ${locale} DESC, a.space = 'enduser' DESC, a.published_at DESC
    LIMIT 1`;
  return row ? articleView(row) : null;
}

export async function readVersions(tx: Tx, articleId: string): Promise<THelpVersion[]> {
  const rows = await tx.$queryRaw<
    {
      number: number;
      title: string;
      body_md: string;
      author_id: string | null;
      author_name: string | null;
      created_at: Date;
    }[]
  >`
    SELECT v.number, v.title, v.body_md, v.author_id, u.name AS author_name, v.created_at
    FROM help_article_version v LEFT JOIN app_user u ON u.id = v.author_id
    WHERE v.article_id = ${articleId}::uuid
    ORDER BY v.number DESC`;
  return rows.map((v) => ({
    number: v.number,
    title: v.title,
    bodyMd: v.body_md,
    authorId: v.author_id,
    authorName: v.author_name,
    createdAt: v.created_at.toISOString(),
  }));
}

// Search ------------------------------------------------------------------------------------------

/**
 * Marks ts_headline puts around a hit; removed from the text first, so they mean only that (with
 * the Markdown emphasis, heading and code marks, which a snippet would show as such).
 */
const START = "\u0002";
const STOP = "\u0003";

export interface SearchRow {
  id: string;
  title: string;
  space: THelpArticle["space"];
  locale: THelpLocale;
  status: THelpArticle["status"];
  rank: number;
  headline: string;
}

/**
 * Published articles matching `terms` (the query, then its synonyms' expansions, OR-ed): full text
 * in each article's own language configuration, or — for typos — trigram word similarity of each
 * of the query's words to the title and tags (every word at least 0.5). Ranked by text rank plus
 * similarity, the reader's language first among equals.
 *
 * Built to stay fast at thousands of articles: the document is stored (never computed from the
 * body at search time), the candidates come from indexes (the document's GIN index for `@@`; the
 * trigram indexes on title and tags for the first word, `<%` at the 0.5 threshold), scores are
 * computed for them alone, and the snippet (`ts_headline`, the costly part) only for the 20
 * answered.
 */
export async function searchArticles(
  tx: Tx,
  terms: readonly string[],
  locale: THelpLocale,
  salesops: boolean,
): Promise<SearchRow[]> {
  const orQuery = (config: string) =>
    Prisma.join(
      terms.map((t) => Prisma.sql`websearch_to_tsquery(${config}::regconfig, ${t})`),
      " || ",
    );
  // The stored document (help_article.search_doc, generated from locale, title, tags and body).
  const document = Prisma.sql`a.search_doc`;
  // The query's words for the typo match: three letters or more, at most eight.
  const words = terms[0]
    .split(/[\s"]+/)
    .filter((w) => w.length >= 3)
    .slice(0, 8);
  await tx.$executeRaw`SELECT set_config('pg_trgm.word_similarity_threshold', '0.5', true)`;
  return tx.$queryRaw<SearchRow[]>`
    WITH candidates AS (
      SELECT a.id FROM help_article a
      WHERE a.status = 'PUBLISHED' AND ${spaceFilter(salesops)}
        AND ((a.locale = 'de' AND ${document} @@ (${orQuery("german")}))
          OR (a.locale = 'en' AND ${document} @@ (${orQuery("english")})))
      UNION
      SELECT a.id FROM help_article a
      WHERE a.status = 'PUBLISHED' AND ${spaceFilter(salesops)} AND ${words.length > 0}
        AND (${words[0] ?? ""} <% a.title OR ${words[0] ?? ""} <% app_help_tag_text(a.tags))
    ),
    scored AS (
      SELECT a.id, a.title, a.space, a.locale, a.status, a.body_md,
             CASE a.locale WHEN 'de' THEN (${orQuery("german")}) ELSE (${orQuery("english")}) END AS tsq,
             ${document} AS doc,
             -- Every word of the query must be close to a word of the title or the tags.
             coalesce((SELECT min(greatest(word_similarity(w, a.title), word_similarity(w, app_help_tag_text(a.tags))))
                       FROM unnest(${words}::text[]) AS w), 0) AS sim
      FROM help_article a JOIN candidates c ON c.id = a.id
    ),
    ranked AS (
      SELECT id, title, space, locale, status, body_md, tsq,
             (CASE WHEN doc @@ tsq THEN ts_rank(doc, tsq) ELSE 0 END
              + CASE WHEN sim >= 0.5 THEN sim ELSE 0 END)::float8 AS rank
      FROM scored
      WHERE doc @@ tsq OR sim >= 0.5
      ORDER BY rank DESC, locale = ${locale} DESC, title
      LIMIT 20
    )
    SELECT id, title, space, locale, status, rank,
           ts_headline(CASE locale WHEN 'de' THEN 'german'::regconfig ELSE 'english'::regconfig END,
                       translate(body_md, ${START + STOP + "*#`"}, ''), tsq,
                       ${`StartSel=${START}, StopSel=${STOP}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`}
                      ) AS headline
    FROM ranked
    ORDER BY rank DESC, locale = ${locale} DESC, title`;
}

/** A headline cut into plain-text parts; the browser renders hits as <mark>, never as HTML. */
export function snippetParts(headline: string): TSnippetPart[] {
  const parts: TSnippetPart[] = [];
  const pattern = new RegExp(`${START}([^${STOP}]*)${STOP}`, "g");
  let last = 0;
  for (const match of headline.matchAll(pattern)) {
    if (match.index > last) parts.push({ text: headline.slice(last, match.index), hit: false });
    parts.push({ text: match[1], hit: true });
    last = match.index + match[0].length;
  }
  if (last < headline.length) parts.push({ text: headline.slice(last), hit: false });
  return parts.filter((p) => p.text.length > 0);
}

/**
 * Queries without a result in the last `days` days, most asked first: searches that found nothing
 * and questions to "Ask" the published articles did not cover (normalised as normalizeQuery does).
 */
export async function readContentGaps(tx: Tx, days: number) {
  return tx.$queryRaw<{ query: string; count: number; last_at: Date; locale: THelpLocale }[]>`
    WITH misses AS (
      SELECT normalized, locale, created_at FROM help_search_log
      WHERE result_count = 0 AND created_at > now() - make_interval(days => ${days}::int)
      UNION ALL
      SELECT lower(regexp_replace(btrim(question), '\\s+', ' ', 'g')), locale, created_at FROM help_question
      WHERE NOT covered AND created_at > now() - make_interval(days => ${days}::int)
    )
    SELECT normalized AS query, count(*)::int AS count, max(created_at) AS last_at,
           mode() WITHIN GROUP (ORDER BY locale) AS locale
    FROM misses
    GROUP BY normalized
    ORDER BY count DESC, last_at DESC
    LIMIT 50`;
}
