import { apiRoute } from "@/lib/http/api";
import { changeSampleBoxStatusApi } from "@/lib/samples/openapi";
import { changeBoxStatus } from "@/lib/samples/service";

export const POST = apiRoute(changeSampleBoxStatusApi, async ({ caller, params, body }) =>
  Response.json(await changeBoxStatus(caller.ctx, params.id, body)),
);
