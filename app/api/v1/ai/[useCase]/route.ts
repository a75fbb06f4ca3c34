import { routeAiApi } from "@/lib/ai/openapi";
import { routeAi } from "@/lib/ai/router";
import { apiRoute } from "@/lib/http/api";

export const POST = apiRoute(routeAiApi, async ({ caller, params, body }) =>
  Response.json(
    await routeAi(caller.ctx, { useCase: params.useCase, input: body.input, noCache: body.noCache }),
  ),
);
