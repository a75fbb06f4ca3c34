import { apiRoute } from "@/lib/http/api";
import { getManagerQueueApi } from "@/lib/leads/openapi";
import { getManagerQueue } from "@/lib/leads/service";

export const GET = apiRoute(getManagerQueueApi, async ({ caller }) =>
  Response.json(await getManagerQueue(caller.ctx)),
);
