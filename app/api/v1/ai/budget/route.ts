import { getAiBudgetApi } from "@/lib/ai/openapi";
import { getAiBudget } from "@/lib/ai/service";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute(getAiBudgetApi, async ({ caller }) =>
  Response.json(await getAiBudget(caller.ctx)),
);
