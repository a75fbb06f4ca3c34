import { apiRoute } from "@/lib/http/api";
import { createTestPhaseApi } from "@/lib/samples/openapi";
import { createPhase } from "@/lib/samples/service";

export const POST = apiRoute(createTestPhaseApi, async ({ caller, params, body }) =>
  Response.json(await createPhase(caller.ctx, params.id, body), { status: 201 }),
);
