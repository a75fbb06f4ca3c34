import { apiRoute } from "@/lib/http/api";
import { addCollaborator, listCollaborators } from "@/lib/leads/collaborators";
import { addLeadCollaboratorApi, listLeadCollaboratorsApi } from "@/lib/leads/openapi";

export const GET = apiRoute(listLeadCollaboratorsApi, async ({ caller, params }) =>
  Response.json({ items: await listCollaborators(caller.ctx, params.id) }),
);

export const POST = apiRoute(addLeadCollaboratorApi, async ({ caller, params, body }) =>
  Response.json({ items: await addCollaborator(caller.ctx, params.id, body) }, { status: 201 }),
);
