import { getExperiment } from "@/lib/help/experiments";
import { getHelpExperimentApi } from "@/lib/help/openapi";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute(getHelpExperimentApi, async ({ caller, params }) =>
  Response.json(await getExperiment(caller.ctx, params.id)),
);
