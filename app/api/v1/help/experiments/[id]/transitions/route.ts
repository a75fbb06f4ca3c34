import { transitionExperiment } from "@/lib/help/experiments";
import { transitionHelpExperimentApi } from "@/lib/help/openapi";
import { apiRoute } from "@/lib/http/api";

export const POST = apiRoute(transitionHelpExperimentApi, async ({ caller, params, body }) =>
  Response.json(await transitionExperiment(caller.ctx, params.id, body)),
);
