import { apiRoute } from "@/lib/http/api";
import { jobKpis } from "@/lib/jobs/kpis";
import { getSystemKpis } from "@/lib/system/kpis";
import { getSystemKpisApi } from "@/lib/system/openapi-kpis";

export const GET = apiRoute(getSystemKpisApi, async ({ caller, query }) =>
  Response.json(await getSystemKpis(caller.ctx, query, await jobKpis(caller.ctx, query.days))),
);
