import { listHelpVersionsApi } from "@/lib/help/openapi";
import { listVersions } from "@/lib/help/service";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute(listHelpVersionsApi, async ({ caller, params }) =>
  Response.json({ items: await listVersions(caller.ctx, params.id) }),
);
