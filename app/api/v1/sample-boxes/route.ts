import { apiRoute } from "@/lib/http/api";
import { createSampleBoxApi, listSampleBoxesApi } from "@/lib/samples/openapi";
import { createBox, listBoxes } from "@/lib/samples/service";

export const GET = apiRoute(listSampleBoxesApi, async ({ caller, query }) =>
  Response.json(await listBoxes(caller.ctx, query)),
);

export const POST = apiRoute(createSampleBoxApi, async ({ caller, body }) =>
  Response.json(await createBox(caller.ctx, body), { status: 201 }),
);
