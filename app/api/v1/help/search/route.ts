import { searchHelpApi } from "@/lib/help/openapi";
import { searchHelp } from "@/lib/help/service";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute(searchHelpApi, async ({ caller, query }) =>
  Response.json(await searchHelp(caller.ctx, query)),
);
