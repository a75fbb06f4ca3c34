import { z } from "zod";

import { defineApi } from "@/lib/http/spec";

import { helpAssistApis } from "./openapi-assist";
import {
  ZContentGaps,
  ZContextHelp,
  ZContextQuery,
  ZCreateArticle,
  ZFeedbackInput,
  ZHelpArticle,
  ZHelpArticleList,
  ZHelpFeedback,
  ZHelpKey,
  ZHelpVersionList,
  ZListArticles,
  ZSearchQuery,
  ZSearchResult,
  ZSynonymInput,
  ZTransition,
  ZUpdateArticle,
} from "./schemas";

/**
 * The /api/v1 operations of the help system. A reader sees the enduser space's published articles;
 * managers and admins also the salesops space and every status. Another organisation's article, or
 * one of a space the caller may not read, is a 404.
 */

const tag = "Help";
const articleParams = z.object({ id: z.uuid() });
const ZSynonym = z.object({ id: z.uuid(), term: z.string(), expansion: z.string() });

export const listHelpArticlesApi = defineApi({
  operationId: "listHelpArticles",
  method: "GET",
  path: "/help/articles",
  tag,
  summary: "Help articles the caller may read (editors: every status), with their votes",
  query: ZListArticles,
  response: { status: 200, description: "The articles", schema: ZHelpArticleList },
});

export const createHelpArticleApi = defineApi({
  operationId: "createHelpArticle",
  method: "POST",
  path: "/help/articles",
  tag,
  summary: "Write a new article (a DRAFT, version 1); managers and admins; audited",
  body: ZCreateArticle,
  response: { status: 201, description: "The draft", schema: ZHelpArticle },
  problems: [403, 409, 422],
});

export const getHelpArticleApi = defineApi({
  operationId: "getHelpArticle",
  method: "GET",
  path: "/help/articles/{id}",
  tag,
  summary: "One article",
  params: articleParams,
  response: { status: 200, description: "The article", schema: ZHelpArticle },
  problems: [404],
});

export const updateHelpArticleApi = defineApi({
  operationId: "updateHelpArticle",
  method: "PUT",
  path: "/help/articles/{id}",
  tag,
  summary: "Save an article: the next version; a published article goes back to DRAFT for review; audited",
  params: articleParams,
  body: ZUpdateArticle,
  response: { status: 200, description: "The saved article", schema: ZHelpArticle },
  problems: [403, 404, 422],
});

export const listHelpVersionsApi = defineApi({
  operationId: "listHelpArticleVersions",
  method: "GET",
  path: "/help/articles/{id}/versions",
  tag,
  summary: "Every saved version of an article, newest first (editors)",
  params: articleParams,
  response: { status: 200, description: "The versions", schema: ZHelpVersionList },
  problems: [403, 404],
});

export const transitionHelpArticleApi = defineApi({
  operationId: "transitionHelpArticle",
  method: "POST",
  path: "/help/articles/{id}/transitions",
  tag,
  summary: "submit (DRAFT → IN_REVIEW), publish (IN_REVIEW → PUBLISHED), archive; audited",
  description:
    "Publishing needs four eyes: the publisher must not be the author of the article's last version " +
    "(422 help.errors.fourEyes). A transition from the wrong status is a 409.",
  params: articleParams,
  body: ZTransition,
  response: { status: 200, description: "The article after the transition", schema: ZHelpArticle },
  problems: [403, 404, 409, 422],
});

export const helpFeedbackApi = defineApi({
  operationId: "createHelpFeedback",
  method: "POST",
  path: "/help/articles/{id}/feedback",
  tag,
  summary: "Was this helpful? The caller's vote on a published article (voting again replaces it)",
  params: articleParams,
  body: ZFeedbackInput,
  response: { status: 201, description: "The vote", schema: ZHelpFeedback },
  problems: [404, 422],
});

export const searchHelpApi = defineApi({
  operationId: "searchHelp",
  method: "GET",
  path: "/help/search",
  tag,
  summary: "Search the published articles of the caller's spaces (full text, typos, synonyms) with snippets",
  description:
    "Each snippet is a list of plain-text parts; `hit` marks matched words. A search without a result is " +
    "recorded for the content-gap report.",
  query: ZSearchQuery,
  response: { status: 200, description: "Hits, best first", schema: ZSearchResult },
});

export const contextHelpApi = defineApi({
  operationId: "getContextHelp",
  method: "GET",
  path: "/help/context/{key}",
  tag,
  summary: "The published article for a screen's help key, in the reader's language or else the other",
  params: z.object({ key: ZHelpKey }),
  query: ZContextQuery,
  response: {
    status: 200,
    description: "The article (null when none), and whether it is the fallback language",
    schema: ZContextHelp,
  },
});

export const helpGapsApi = defineApi({
  operationId: "listHelpContentGaps",
  method: "GET",
  path: "/help/gaps",
  tag,
  summary: "Searches without a result, most asked first (editors)",
  query: z.object({ days: z.coerce.number().int().min(1).max(365).default(30) }),
  response: { status: 200, description: "The gaps", schema: ZContentGaps },
  problems: [403],
});

export const listHelpSynonymsApi = defineApi({
  operationId: "listHelpSynonyms",
  method: "GET",
  path: "/help/synonyms",
  tag,
  summary: "The search synonyms (a query containing term also searches expansion)",
  response: { status: 200, description: "The synonyms", schema: z.object({ items: z.array(ZSynonym) }) },
});

export const createHelpSynonymApi = defineApi({
  operationId: "createHelpSynonym",
  method: "POST",
  path: "/help/synonyms",
  tag,
  summary: "Add a search synonym (editors); audited",
  body: ZSynonymInput,
  response: { status: 201, description: "The synonym", schema: ZSynonym },
  problems: [403, 409],
});

export const deleteHelpSynonymApi = defineApi({
  operationId: "deleteHelpSynonym",
  method: "DELETE",
  path: "/help/synonyms/{id}",
  tag,
  summary: "Remove a search synonym (editors); audited",
  params: z.object({ id: z.uuid() }),
  response: { status: 204, description: "Removed" },
  problems: [403, 404],
});

export const helpApis = [
  listHelpArticlesApi,
  createHelpArticleApi,
  getHelpArticleApi,
  updateHelpArticleApi,
  listHelpVersionsApi,
  transitionHelpArticleApi,
  helpFeedbackApi,
  searchHelpApi,
  contextHelpApi,
  helpGapsApi,
  listHelpSynonymsApi,
  createHelpSynonymApi,
  deleteHelpSynonymApi,
  ...helpAssistApis,
];
