import { apiRoute } from "@/lib/http/api";
import { backdateLeadRegistrationApi } from "@/lib/leads/openapi";
import { backdateRegisteredAt } from "@/lib/leads/service";

export const PUT = apiRoute(backdateLeadRegistrationApi, async ({ caller, params, body }) => {
  await backdateRegisteredAt(caller.ctx, params.id, body);
  return new Response(null, { status: 204 });
});
