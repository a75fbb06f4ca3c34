import { createHelpSynonymApi, listHelpSynonymsApi } from "@/lib/help/openapi";
import { addSynonym, listSynonyms } from "@/lib/help/service";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute(listHelpSynonymsApi, async ({ caller }) =>
  Response.json({ items: await listSynonyms(caller.ctx) }),
);

export const POST = apiRoute(createHelpSynonymApi, async ({ caller, body }) =>
  Response.json(await addSynonym(caller.ctx, body), { status: 201 }),
);
