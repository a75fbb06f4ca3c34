import { helpGapsApi } from "@/lib/help/openapi";
import { contentGaps } from "@/lib/help/service";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute(helpGapsApi, async ({ caller, query }) =>
  Response.json({ items: await contentGaps(caller.ctx, query.days) }),
);
