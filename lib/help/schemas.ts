import { z } from "zod";

import { formInput } from "@/lib/forms";

/** The help system (issue 14): inputs and answers, shared by routes, actions, OpenAPI and the UI. */

export const HELP_SPACES = ["enduser", "salesops"] as const;
export const HELP_LOCALES = ["de", "en"] as const;
export const HELP_STATUSES = ["DRAFT", "IN_REVIEW", "PUBLISHED", "ARCHIVED"] as const;
export const HELP_TRANSITIONS = ["submit", "publish", "archive"] as const;

export type THelpSpace = (typeof HELP_SPACES)[number];
export type THelpLocale = (typeof HELP_LOCALES)[number];
export type THelpStatus = (typeof HELP_STATUSES)[number];

const at = z.iso.datetime();

/** A help key names a screen's section: lower-case words joined by dots (`leads.protection.timeline`). */
export const ZHelpKey = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9]*(\.[a-z][a-z0-9-]*)*$/)
  .max(100);

const listOf = (item: z.ZodType<string>) =>
  z.preprocess(
    (value) =>
      typeof value === "string"
        ? value
            .split(",")
            .map((v) => v.trim())
            .filter(Boolean)
        : value,
    z.array(item).max(20),
  );

const articleFields = {
  title: z.string().trim().min(1).max(200),
  bodyMd: z.string().max(100_000),
  tags: listOf(z.string().trim().min(1).max(50)).default([]),
  helpKeys: listOf(ZHelpKey).default([]),
};

export const ZCreateArticle = z.strictObject({
  space: z.enum(HELP_SPACES),
  locale: z.enum(HELP_LOCALES),
  /** Lower-case words joined by dashes; made from the title when left out. */
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    .max(120)
    .optional(),
  ...articleFields,
});
export type TCreateArticle = z.infer<typeof ZCreateArticle>;

/** A save: the whole text again (every save is a version). */
export const ZUpdateArticle = z.strictObject({
  ...articleFields,
  space: z.enum(HELP_SPACES).optional(),
});
export type TUpdateArticle = z.infer<typeof ZUpdateArticle>;

export const ZTransition = z.strictObject({ action: z.enum(HELP_TRANSITIONS) });
export type TTransition = z.infer<typeof ZTransition>;

export const ZFeedbackInput = z.strictObject({
  helpful: z.boolean(),
  comment: z.string().trim().max(2000).optional(),
});
export type TFeedbackInput = z.infer<typeof ZFeedbackInput>;

export const ZListArticles = z.object({
  space: z.enum(HELP_SPACES).optional(),
  locale: z.enum(HELP_LOCALES).optional(),
  status: z.enum(HELP_STATUSES).optional(),
});
export type TListArticles = z.infer<typeof ZListArticles>;

export const ZSearchQuery = z.object({
  q: z.string().trim().min(1).max(200),
  /** The reader's language (ranks articles in it first); the caller's language when left out. */
  locale: z.enum(HELP_LOCALES).optional(),
});
export type TSearchQuery = z.infer<typeof ZSearchQuery>;

export const ZContextQuery = z.object({ locale: z.enum(HELP_LOCALES).optional() });

export const ZHelpArticle = z
  .object({
    id: z.uuid(),
    space: z.enum(HELP_SPACES),
    locale: z.enum(HELP_LOCALES),
    slug: z.string(),
    title: z.string(),
    bodyMd: z.string(),
    tags: z.array(z.string()),
    helpKeys: z.array(z.string()),
    status: z.enum(HELP_STATUSES),
    version: z.number().int(),
    updatedBy: z.uuid().nullable(),
    updatedByName: z.string().nullable(),
    reviewedBy: z.uuid().nullable(),
    updatedAt: at,
    publishedAt: at.nullable(),
    /** Votes: helpful / all (editors see every vote; others only their own). */
    helpful: z.number().int(),
    votes: z.number().int(),
  })
  .meta({ id: "HelpArticle" });
export type THelpArticle = z.infer<typeof ZHelpArticle>;

export const ZHelpArticleList = z.object({ items: z.array(ZHelpArticle) });

export const ZHelpVersion = z.object({
  number: z.number().int(),
  title: z.string(),
  bodyMd: z.string(),
  authorId: z.uuid().nullable(),
  authorName: z.string().nullable(),
  createdAt: at,
});
export type THelpVersion = z.infer<typeof ZHelpVersion>;
export const ZHelpVersionList = z.object({ items: z.array(ZHelpVersion) });

/** A snippet: plain text pieces, `hit` marks the matched words (rendered as <mark>, never as HTML). */
export const ZSnippetPart = z.object({ text: z.string(), hit: z.boolean() });
export type TSnippetPart = z.infer<typeof ZSnippetPart>;

export const ZSearchHit = z.object({
  id: z.uuid(),
  title: z.string(),
  space: z.enum(HELP_SPACES),
  locale: z.enum(HELP_LOCALES),
  status: z.enum(HELP_STATUSES),
  rank: z.number(),
  snippet: z.array(ZSnippetPart),
});
export type TSearchHit = z.infer<typeof ZSearchHit>;
export const ZSearchResult = z.object({
  query: z.string(),
  /** The query with the synonyms that were added to it. */
  expandedWith: z.array(z.string()),
  items: z.array(ZSearchHit),
});
export type TSearchResult = z.infer<typeof ZSearchResult>;

/** The article for a help key in the reader's language, or in the other one (`fallback`). */
export const ZContextHelp = z.object({
  key: z.string(),
  article: ZHelpArticle.nullable(),
  fallback: z.boolean(),
  /** The reader's own vote on it, if any. */
  myVote: z.object({ helpful: z.boolean(), comment: z.string().nullable() }).nullable(),
});
export type TContextHelp = z.infer<typeof ZContextHelp>;

export const ZContentGap = z.object({
  query: z
    .string()
    .describe("The search or question normalised (lower case, single spaces): what the gap is counted by"),
  wording: z
    .string()
    .describe("Its latest wording as typed (single spaces, capitals kept): the topic for a draft"),
  count: z.number().int(),
  lastAt: at,
  locale: z.enum(HELP_LOCALES),
});
export type TContentGap = z.infer<typeof ZContentGap>;
export const ZContentGaps = z.object({ items: z.array(ZContentGap) });

export const ZHelpFeedback = z.object({
  articleId: z.uuid(),
  helpful: z.boolean(),
  comment: z.string().nullable(),
});

export const ZSynonymInput = z.strictObject({
  term: z.string().trim().min(1).max(100),
  expansion: z.string().trim().min(1).max(200),
});

/** The forms' inputs: the API's schemas, plus the ids they are about. */
export const helpForms = {
  create: formInput(ZCreateArticle),
  update: formInput(ZUpdateArticle.extend({ id: z.uuid() })),
  transition: formInput(ZTransition.extend({ id: z.uuid() })),
  feedback: formInput(ZFeedbackInput.extend({ articleId: z.uuid() }), { helpful: "boolean" }),
  synonym: formInput(ZSynonymInput),
  removeSynonym: formInput(z.strictObject({ id: z.uuid() })),
};

/** The A/B tests' forms (experiment-schemas.ts), here with the others so the form checks find them. */
export { experimentForms } from "./experiment-schemas";
// Ask, Draft with AI, search analytics (issue 14, second part) -----------------------------------

export const ZAskInput = z.strictObject({
  question: z.string().trim().min(3).max(2000),
  /** The reader's language; the caller's language when left out. */
  locale: z.enum(HELP_LOCALES).optional(),
});
export type TAskInput = z.infer<typeof ZAskInput>;

export const ZAskCitation = z.object({
  id: z.uuid(),
  title: z.string(),
  locale: z.enum(HELP_LOCALES),
});

/**
 * The answer to a question: by the AI from the reader's published articles (`ai`), or — without AI
 * configured or allowed — the search results (`search`). `covered` false: the help has nothing on
 * it, recorded as a content gap.
 */
export const ZAskResult = z
  .object({
    questionId: z.uuid(),
    question: z.string(),
    answeredBy: z.enum(["ai", "search"]),
    covered: z.boolean(),
    /** The AI's answer; null when the articles do not cover it or no AI answered. */
    answer: z.string().nullable(),
    /** The article the answer rests on: only ever one the reader may read and the model was given. */
    citations: z.array(ZAskCitation),
    /** Why the search answered: no AI on this installation, not allowed, or unavailable now. */
    fallbackReason: z.enum(["notConfigured", "notAllowed", "unavailable"]).nullable(),
    /** The search results (the articles the AI was given, or the fallback's answer). */
    hits: z.array(ZSearchHit),
  })
  .meta({ id: "HelpAskResult" });
export type TAskResult = z.infer<typeof ZAskResult>;

/** Draft with AI: a new article about a topic (a content gap), or a revision of an article. */
export const ZDraftInput = z.strictObject({
  topic: z.string().trim().min(1).max(200),
  locale: z.enum(HELP_LOCALES),
  space: z.enum(HELP_SPACES).default("enduser"),
  /** The article to revise; a new article when left out. */
  articleId: z.uuid().optional(),
});
export type TDraftInput = z.infer<typeof ZDraftInput>;

export const ANALYTICS_DAYS = [7, 30, 90] as const;
export const ZAnalyticsQuery = z.object({
  days: z.coerce
    .number()
    .int()
    .refine((d) => (ANALYTICS_DAYS as readonly number[]).includes(d), "7, 30 or 90")
    .default(30),
});

export const ZHelpAnalytics = z
  .object({
    days: z.number().int(),
    searches: z.number().int(),
    zeroResults: z.number().int(),
    /** zeroResults / searches, 0 when there was no search. */
    zeroResultRate: z.number(),
    questions: z.number().int(),
    questionsUncovered: z.number().int(),
    questionsByAi: z.number().int(),
    topQueries: z.array(
      z.object({ query: z.string(), count: z.number().int(), zeroResults: z.number().int() }),
    ),
  })
  .meta({ id: "HelpAnalytics" });
export type THelpAnalytics = z.infer<typeof ZHelpAnalytics>;

export const helpAssistForms = {
  ask: formInput(ZAskInput),
  draft: formInput(ZDraftInput),
};

// Workflow guides ----------------------------------------------------------------------------------

export const ZGuideStep = z.object({
  id: z.uuid(),
  position: z.number().int(),
  title: z.string(),
  body: z.string(),
  /** The screen where the step happens: a path inside the organisation (`leads/queue`), or null. */
  href: z.string().nullable(),
  /** Whether the caller ticked it. */
  done: z.boolean(),
});
export const ZGuide = z
  .object({
    id: z.uuid(),
    space: z.enum(HELP_SPACES),
    locale: z.enum(HELP_LOCALES),
    slug: z.string(),
    title: z.string(),
    summary: z.string(),
    steps: z.array(ZGuideStep),
  })
  .meta({ id: "HelpGuide" });
export type TGuide = z.infer<typeof ZGuide>;
export const ZGuideList = z.object({ items: z.array(ZGuide) });

export const ZGuideProgressInput = z.strictObject({ done: z.boolean() });
export const helpGuideForms = {
  progress: formInput(ZGuideProgressInput.extend({ stepId: z.uuid() }), { done: "boolean" }),
};
