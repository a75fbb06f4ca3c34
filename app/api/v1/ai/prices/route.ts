import { listAiPricesApi } from "@/lib/ai/openapi";
import { getAiPrices } from "@/lib/ai/service";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute(listAiPricesApi, async ({ caller }) =>
  Response.json({ items: await getAiPrices(caller.ctx) }),
);
