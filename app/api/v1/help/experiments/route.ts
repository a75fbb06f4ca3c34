import { createExperiment, listExperiments } from "@/lib/help/experiments";
import { createHelpExperimentApi, listHelpExperimentsApi } from "@/lib/help/openapi";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute(listHelpExperimentsApi, async ({ caller, query }) =>
  Response.json({ items: await listExperiments(caller.ctx, query.status) }),
);

export const POST = apiRoute(createHelpExperimentApi, async ({ caller, body }) =>
  Response.json(await createExperiment(caller.ctx, body), { status: 201 }),
);
