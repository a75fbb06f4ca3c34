import { revokeTokenApi } from "@/lib/auth/openapi";
import { revokeOwnToken } from "@/lib/auth/tokens";
import { apiRoute } from "@/lib/http/api";

export const DELETE = apiRoute(revokeTokenApi, async ({ caller, params }) => {
  await revokeOwnToken(caller.ctx, params.id);
  return new Response(null, { status: 204 });
});
