import { z } from "zod";

import { defineApi } from "@/lib/http/spec";

import { helpAssistApis } from "./openapi-assist";
import {
  EXPERIMENT_STATUSES,
  ZCreateExperiment,
  ZExperiment,
  ZExperimentList,
  ZExperimentResults,
  ZExperimentTransition,
} from "./experiment-schemas";
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
  summary: "Searches without a result and unanswered questions, most asked first (editors)",
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

// A/B tests of articles (experiments.ts), for editors (managers, admins). Readers never see an
// experiment: they are only shown the version of an article their arm gives them.
const experimentParams = z.object({ id: z.uuid() });

export const listHelpExperimentsApi = defineApi({
  operationId: "listHelpExperiments",
  method: "GET",
  path: "/help/experiments",
  tag,
  summary: "The A/B tests of help articles, running first (editors)",
  query: z.object({ status: z.enum(EXPERIMENT_STATUSES).optional() }),
  response: { status: 200, description: "The experiments", schema: ZExperimentList },
  problems: [403],
});

export const createHelpExperimentApi = defineApi({
  operationId: "createHelpExperiment",
  method: "POST",
  path: "/help/experiments",
  tag,
  summary: "A new A/B test of an article (DRAFT): control is its published text, plus 1–4 variants; audited",
  body: ZCreateExperiment,
  response: { status: 201, description: "The experiment", schema: ZExperiment },
  problems: [403, 422],
});

export const getHelpExperimentApi = defineApi({
  operationId: "getHelpExperiment",
  method: "GET",
  path: "/help/experiments/{id}",
  tag,
  summary: "One A/B test with its arms (editors)",
  params: experimentParams,
  response: { status: 200, description: "The experiment", schema: ZExperiment },
  problems: [403, 404],
});

export const transitionHelpExperimentApi = defineApi({
  operationId: "transitionHelpExperiment",
  method: "POST",
  path: "/help/experiments/{id}/transitions",
  tag,
  summary:
    "start (DRAFT → RUNNING, a published article) or stop (RUNNING → STOPPED, optional winnerArm); audited",
  description:
    "Stopping records the winner; it does not publish it. The winning text reaches readers when an editor " +
    "saves it into the article and another editor publishes it (four eyes).",
  params: experimentParams,
  body: ZExperimentTransition,
  response: { status: 200, description: "The experiment after the transition", schema: ZExperiment },
  problems: [403, 404, 409, 422],
});

export const helpExperimentResultsApi = defineApi({
  operationId: "getHelpExperimentResults",
  method: "GET",
  path: "/help/experiments/{id}/results",
  tag,
  summary:
    "Exposures and conversions per arm (helpful votes, deflection), P(beat control), expected loss, SRM, stop rule",
  params: experimentParams,
  response: { status: 200, description: "The results", schema: ZExperimentResults },
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
  listHelpExperimentsApi,
  createHelpExperimentApi,
  getHelpExperimentApi,
  transitionHelpExperimentApi,
  helpExperimentResultsApi,
  ...helpAssistApis,
];
