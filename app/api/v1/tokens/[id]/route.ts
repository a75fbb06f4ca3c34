import { z } from "zod";

import { revokeOwnToken } from "@/lib/auth/tokens";
import { apiRoute } from "@/lib/http/api";

/** Revokes one of the caller's own tokens → 204; someone else's or an unknown id → 404. */
export const DELETE = apiRoute(z.object({ id: z.uuid() }), async (_request, { caller, params }) => {
  await revokeOwnToken(caller.ctx, params.id);
  return new Response(null, { status: 204 });
});
