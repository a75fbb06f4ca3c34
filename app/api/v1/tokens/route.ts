import { listTokensApi } from "@/lib/auth/openapi";
import { listOwnTokens } from "@/lib/auth/tokens";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute(listTokensApi, async ({ caller }) => {
  return Response.json({ items: await listOwnTokens(caller.ctx) });
});
