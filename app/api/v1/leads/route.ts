import { apiRoute } from "@/lib/http/api";
import { createLeadApi, listLeadsApi } from "@/lib/leads/openapi";
import { createLead, listLeads } from "@/lib/leads/service";

export const POST = apiRoute(createLeadApi, async ({ caller, body }) => {
  const result = await createLead(caller.ctx, body);
  return result.kind === "created"
    ? Response.json(result.lead, { status: 201 })
    : Response.json(
        {
          status: "similar",
          detail:
            "Similar leads exist in this city. Send the request again with confirmSimilar: true to register anyway.",
          candidates: result.candidates,
        },
        { status: 202 },
      );
});

export const GET = apiRoute(listLeadsApi, async ({ caller, query }) =>
  Response.json(await listLeads(caller.ctx, query)),
);
