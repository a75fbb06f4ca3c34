import { apiRoute } from "@/lib/http/api";
import { createHold } from "@/lib/leads/clock";
import { createLeadHoldApi } from "@/lib/leads/openapi";

export const POST = apiRoute(createLeadHoldApi, async ({ caller, params, body }) =>
  Response.json(await createHold(caller.ctx, params.id, body), { status: 201 }),
);
