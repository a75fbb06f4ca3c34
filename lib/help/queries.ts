import "server-only";

import { Prisma, type Tx } from "@/lib/db";

import type { THelpArticle, THelpLocale, THelpVersion, TSnippetPart } from "./schemas";
import { closestWord } from "./spelling";

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
 * The query's words that no published article of the reader's spaces holds, each with the word
 * that one does hold and that it is a typo of (spelling.ts: "schutzfirst" → "schutzfrist"). The
 * vocabulary (help_word) is small and its trigram index gives the candidates (word similarity ≥ 0.5,
 * most similar first), so this costs a millisecond whatever the number of articles; row-level
 * security keeps a partner's vocabulary to the enduser space.
 */
export async function correctWords(tx: Tx, query: string): Promise<Map<string, string>> {
  const words = [
    ...new Set(
      query
        .toLowerCase()
        .split(/[^\p{L}-]+/u)
        .filter((w) => w.length >= 3 && w.length <= 40),
    ),
  ].slice(0, 8);
  if (words.length === 0) return new Map();
  await tx.$executeRaw`SELECT set_config('pg_trgm.word_similarity_threshold', '0.5', true)`;
  const rows = await tx.$queryRaw<{ word: string; candidates: string[] }[]>`
    SELECT q.word,
           ARRAY(SELECT c.word FROM (SELECT DISTINCT v.word FROM help_word v WHERE q.word <% v.word) c
                 ORDER BY word_similarity(q.word, c.word) DESC, similarity(q.word, c.word) DESC, c.word
                 LIMIT 10) AS candidates
    FROM unnest(${words}::text[]) AS q (word)
    WHERE NOT EXISTS (SELECT FROM help_word v WHERE v.word = q.word)`;
  const corrections = new Map<string, string>();
  for (const { word, candidates } of rows) {
    const closest = closestWord(word, candidates);
    if (closest) corrections.set(word, closest);
  }
  return corrections;
}

/** The query with each corrected word replaced (whole words, any case). */
export function correctedQuery(query: string, corrections: ReadonlyMap<string, string>): string {
  return query.replace(/[\p{L}-]+/gu, (word) => corrections.get(word.toLowerCase()) ?? word);
}

/**
 * Published articles matching `terms` (the query, then its synonyms' expansions, OR-ed) or the
 * query with its typos corrected (correctWords), in full text: each article's document in its own
 * language's configuration, ranked by ts_rank (title A, tags B, body C), the reader's language first
 * among equals.
 *
 * Built to stay fast at thousands of articles: the document is stored (never computed from the
 * body at search time), the matches come from its GIN index (or one pass over the table when a
 * common word matches most of it), the rank is the only per-match cost, and the snippet
 * (`ts_headline`, the costly part) is made only for the 20 answered.
 */
export async function searchArticles(
  tx: Tx,
  terms: readonly string[],
  locale: THelpLocale,
  salesops: boolean,
): Promise<SearchRow[]> {
  // The right plan depends on the words: a common one matches half the articles (one pass over the
  // table is cheapest), a rare one a handful (the GIN index is). A plan made once for any words, as
  // a prepared statement's generic plan is, would pick one way for all: plan each search anew.
  await tx.$executeRaw`SELECT set_config('plan_cache_mode', 'force_custom_plan', true)`;
  const corrections = await correctWords(tx, terms[0]);
  const all = corrections.size > 0 ? [...terms, correctedQuery(terms[0], corrections)] : terms;
  const orQuery = (config: string) =>
    Prisma.join(
      all.map((t) => Prisma.sql`websearch_to_tsquery(${config}::regconfig, ${t})`),
      " || ",
    );
  return tx.$queryRaw<SearchRow[]>`
    WITH ranked AS (
      SELECT a.id, a.title, a.space, a.locale, a.status, a.body_md, q.tsq,
             ts_rank(a.search_doc, q.tsq)::float8 AS rank
      FROM help_article a
      CROSS JOIN LATERAL (SELECT CASE a.locale WHEN 'de' THEN (${orQuery("german")})
                                              ELSE (${orQuery("english")}) END AS tsq) q
      WHERE a.status = 'PUBLISHED' AND ${spaceFilter(salesops)}
        AND ((a.locale = 'de' AND a.search_doc @@ (${orQuery("german")}))
          OR (a.locale = 'en' AND a.search_doc @@ (${orQuery("english")})))
      ORDER BY rank DESC, a.locale = ${locale} DESC, a.title
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
 * and questions to "Ask" the published articles did not cover, counted by their normalised form
 * (`query`, as normalizeQuery makes it), each with its latest wording as typed (`wording`: trimmed,
 * single spaces, its capitals kept) — the one a draft's title should start from.
 */
export async function readContentGaps(tx: Tx, days: number) {
  return tx.$queryRaw<
    { query: string; wording: string; count: number; last_at: Date; locale: THelpLocale }[]
  >`
    WITH misses AS (
      SELECT normalized, btrim(regexp_replace(query, '\\s+', ' ', 'g')) AS wording, locale, created_at
      FROM help_search_log
      WHERE result_count = 0 AND created_at > now() - make_interval(days => ${days}::int)
      UNION ALL
      SELECT lower(regexp_replace(btrim(question), '\\s+', ' ', 'g')), regexp_replace(btrim(question), '\\s+', ' ', 'g'),
             locale, created_at
      FROM help_question
      WHERE NOT covered AND created_at > now() - make_interval(days => ${days}::int)
    )
    SELECT normalized AS query, (array_agg(wording ORDER BY created_at DESC))[1] AS wording,
           count(*)::int AS count, max(created_at) AS last_at,
           mode() WITHIN GROUP (ORDER BY locale) AS locale
    FROM misses
    GROUP BY normalized
    ORDER BY count DESC, last_at DESC
    LIMIT 50`;
}
