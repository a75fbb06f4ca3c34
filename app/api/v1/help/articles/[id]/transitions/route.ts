import { transitionHelpArticleApi } from "@/lib/help/openapi";
import { transitionArticle } from "@/lib/help/service";
import { apiRoute } from "@/lib/http/api";

export const POST = apiRoute(transitionHelpArticleApi, async ({ caller, params, body }) =>
  Response.json(await transitionArticle(caller.ctx, params.id, body)),
);
