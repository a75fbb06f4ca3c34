import { contextHelpApi } from "@/lib/help/openapi";
import { contextHelp } from "@/lib/help/service";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute(contextHelpApi, async ({ caller, params, query }) =>
  Response.json(await contextHelp(caller.ctx, params.key, query.locale)),
);
