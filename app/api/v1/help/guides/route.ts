import { listGuides } from "@/lib/help/guides";
import { listHelpGuidesApi } from "@/lib/help/openapi-assist";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute(listHelpGuidesApi, async ({ caller, query }) =>
  Response.json({ items: await listGuides(caller.ctx, query.locale) }),
);
