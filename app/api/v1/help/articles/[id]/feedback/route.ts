import { helpFeedbackApi } from "@/lib/help/openapi";
import { recordFeedback } from "@/lib/help/service";
import { apiRoute } from "@/lib/http/api";

export const POST = apiRoute(helpFeedbackApi, async ({ caller, params, body }) =>
  Response.json(await recordFeedback(caller.ctx, params.id, body), { status: 201 }),
);
