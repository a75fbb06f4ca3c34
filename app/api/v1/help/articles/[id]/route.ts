import { getHelpArticleApi, updateHelpArticleApi } from "@/lib/help/openapi";
import { getArticle, updateArticle } from "@/lib/help/service";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute(getHelpArticleApi, async ({ caller, params }) =>
  Response.json(await getArticle(caller.ctx, params.id)),
);

export const PUT = apiRoute(updateHelpArticleApi, async ({ caller, params, body }) =>
  Response.json(await updateArticle(caller.ctx, params.id, body)),
);
