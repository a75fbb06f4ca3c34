import { z } from "zod";

import { AppError } from "@/lib/errors";
import { orgRoute } from "@/lib/http/org-route";
import { leadSamples } from "@/lib/samples/lead";

/**
 * A lead's samples for its page's Samples section, to reload after a change (the page renders the
 * first copy on the server). `orgRoute` checks the session and membership; the service reads the
 * lead as the caller may (another partner's lead, like an id that is none, is a 404).
 */
export const GET = orgRoute<{ org: string; id: string }>(async ({ params, ctx }) => {
  if (!z.uuid().safeParse(params.id).success) throw new AppError("not_found", "No such lead.");
  return Response.json(await leadSamples(ctx, params.id));
});
