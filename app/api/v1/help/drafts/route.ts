import { draftWithAi } from "@/lib/help/draft";
import { draftHelpApi } from "@/lib/help/openapi-assist";
import { apiRoute } from "@/lib/http/api";

export const POST = apiRoute(draftHelpApi, async ({ caller, body }) =>
  Response.json(await draftWithAi(caller.ctx, body), { status: 201 }),
);
