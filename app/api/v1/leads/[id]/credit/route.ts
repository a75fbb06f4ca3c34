import { getLeadCreditApi } from "@/lib/credit/openapi";
import { getLeadCredit } from "@/lib/credit/service";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute(getLeadCreditApi, async ({ caller, params }) =>
  Response.json(await getLeadCredit(caller.ctx, params.id)),
);
