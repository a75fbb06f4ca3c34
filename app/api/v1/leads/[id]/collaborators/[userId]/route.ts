import { apiRoute } from "@/lib/http/api";
import { removeCollaborator } from "@/lib/leads/collaborators";
import { removeLeadCollaboratorApi } from "@/lib/leads/openapi";

export const DELETE = apiRoute(removeLeadCollaboratorApi, async ({ caller, params }) => {
  await removeCollaborator(caller.ctx, params.id, params.userId);
  return new Response(null, { status: 204 });
});
