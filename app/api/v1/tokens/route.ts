import { listOwnTokens } from "@/lib/auth/tokens";
import { apiRoute, ZNoParams } from "@/lib/http/api";

/** The caller's own access tokens in the organisation (never the secrets: only their prefixes). */
export const GET = apiRoute(ZNoParams, async (_request, { caller }) => {
  return Response.json({ items: await listOwnTokens(caller.ctx) });
});
