import { z } from "zod";

import { defineApi } from "@/lib/http/spec";

import {
  HELP_LOCALES,
  ZAnalyticsQuery,
  ZAskInput,
  ZAskResult,
  ZDraftInput,
  ZGuideList,
  ZGuideProgressInput,
  ZHelpAnalytics,
  ZHelpArticle,
} from "./schemas";

/**
 * The help system's assisting operations (issue 14, second part): Ask (help.answer), Draft with AI
 * (help.draft) and the search analytics. Listed in `helpApis` (openapi.ts).
 */

const tag = "Help";

export const askHelpApi = defineApi({
  operationId: "askHelp",
  method: "POST",
  path: "/help/ask",
  tag,
  summary: "Ask a question: answered by AI only from the published articles the caller may read",
  description:
    "The answer cites only articles the caller may read (an article of another space is never given to " +
    "the model nor cited). When the articles do not cover the question, `covered` is false and the " +
    "question is a content gap. Without AI (not configured, not allowed for the role, unavailable) the " +
    "search results answer (`answeredBy: search`, `fallbackReason`). Every question is recorded.",
  body: ZAskInput,
  response: { status: 200, description: "The answer", schema: ZAskResult },
  problems: [422],
});

export const draftHelpApi = defineApi({
  operationId: "draftHelpArticle",
  method: "POST",
  path: "/help/drafts",
  tag,
  summary: "Draft with AI (editors): a new article, or a revision of `articleId`, saved as a DRAFT version",
  description:
    "Uses help.draft (the large model) with the topic, matching content gaps and related articles. The " +
    "draft is saved through the ordinary save path (a version by the caller, audited) and never published " +
    "by itself. 503 when AI is not configured, 402 when the AI budget is exhausted.",
  body: ZDraftInput,
  response: {
    status: 201,
    description: "The saved draft and the model that wrote it",
    schema: z.object({ article: ZHelpArticle, model: z.string(), provider: z.string(), costEur: z.number() }),
  },
  problems: [402, 403, 404, 409, 422, 503],
});

export const helpAnalyticsApi = defineApi({
  operationId: "getHelpAnalytics",
  method: "GET",
  path: "/help/analytics",
  tag,
  summary: "Search analytics for 7, 30 or 90 days: top queries, zero-result rate, questions asked (editors)",
  query: ZAnalyticsQuery,
  response: { status: 200, description: "The figures", schema: ZHelpAnalytics },
  problems: [403],
});

export const listHelpGuidesApi = defineApi({
  operationId: "listHelpGuides",
  method: "GET",
  path: "/help/guides",
  tag,
  summary: "The workflow guides the caller may read (salesops: managers and admins), with their own ticks",
  query: z.object({ locale: z.enum(HELP_LOCALES).optional() }),
  response: {
    status: 200,
    description: "The guides, each in the reader's language if it exists",
    schema: ZGuideList,
  },
});

export const setHelpGuideStepApi = defineApi({
  operationId: "setHelpGuideStep",
  method: "PUT",
  path: "/help/guides/steps/{id}/progress",
  tag,
  summary: "Tick or untick a guide's step: the caller's own progress",
  params: z.object({ id: z.uuid() }),
  body: ZGuideProgressInput,
  response: { status: 200, description: "The step's state", schema: ZGuideProgressInput },
  problems: [404, 422],
});

export const helpAssistApis = [
  askHelpApi,
  draftHelpApi,
  helpAnalyticsApi,
  listHelpGuidesApi,
  setHelpGuideStepApi,
];
