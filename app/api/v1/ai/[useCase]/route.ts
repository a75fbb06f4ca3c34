import { routeAiApi } from "@/lib/ai/openapi";
import { askAi } from "@/lib/ai/service";
import { apiRoute } from "@/lib/http/api";

export const POST = apiRoute(routeAiApi, async ({ caller, params, body }) =>
  Response.json(
    await askAi(caller.ctx, { useCase: params.useCase, input: body.input, noCache: body.noCache }),
  ),
);
