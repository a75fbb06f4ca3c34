import { apiRoute } from "@/lib/http/api";
import { endHold } from "@/lib/leads/clock";
import { endLeadHoldApi } from "@/lib/leads/openapi";

export const DELETE = apiRoute(endLeadHoldApi, async ({ caller, params }) => {
  await endHold(caller.ctx, params.id, params.holdId);
  return new Response(null, { status: 204 });
});
