import { apiRoute } from "@/lib/http/api";
import { listTestPhaseFeedbackApi } from "@/lib/samples/openapi";
import { listFeedback } from "@/lib/samples/service";

export const GET = apiRoute(listTestPhaseFeedbackApi, async ({ caller, params }) =>
  Response.json(await listFeedback(caller.ctx, params.id)),
);
