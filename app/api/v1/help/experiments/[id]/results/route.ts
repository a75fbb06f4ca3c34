import { experimentResults } from "@/lib/help/experiments";
import { helpExperimentResultsApi } from "@/lib/help/openapi";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute(helpExperimentResultsApi, async ({ caller, params }) =>
  Response.json(await experimentResults(caller.ctx, params.id)),
);
