import { apiRoute } from "@/lib/http/api";
import { recordTestResultsApi } from "@/lib/samples/openapi";
import { recordResults } from "@/lib/samples/service";

export const POST = apiRoute(recordTestResultsApi, async ({ caller, params, body }) =>
  Response.json(await recordResults(caller.ctx, params.id, body)),
);
