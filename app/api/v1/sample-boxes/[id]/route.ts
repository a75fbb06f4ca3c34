import { apiRoute } from "@/lib/http/api";
import { getSampleBoxApi } from "@/lib/samples/openapi";
import { getBox } from "@/lib/samples/service";

export const GET = apiRoute(getSampleBoxApi, async ({ caller, params }) =>
  Response.json(await getBox(caller.ctx, params.id)),
);
