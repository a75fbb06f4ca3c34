import { deleteHelpSynonymApi } from "@/lib/help/openapi";
import { removeSynonym } from "@/lib/help/service";
import { apiRoute } from "@/lib/http/api";

export const DELETE = apiRoute(deleteHelpSynonymApi, async ({ caller, params }) => {
  await removeSynonym(caller.ctx, params.id);
  return new Response(null, { status: 204 });
});
