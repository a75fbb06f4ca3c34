import { createArticle, listArticles } from "@/lib/help/service";
import { createHelpArticleApi, listHelpArticlesApi } from "@/lib/help/openapi";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute(listHelpArticlesApi, async ({ caller, query }) =>
  Response.json({ items: await listArticles(caller.ctx, query) }),
);

export const POST = apiRoute(createHelpArticleApi, async ({ caller, body }) =>
  Response.json(await createArticle(caller.ctx, body), { status: 201 }),
);
