import { createLeadCreditCheckApi } from "@/lib/credit/openapi";
import { requestCreditLimit, runCreditCheck } from "@/lib/credit/service";
import { apiRoute } from "@/lib/http/api";

export const POST = apiRoute(createLeadCreditCheckApi, async ({ caller, params, body }) =>
  body.kind === "limit"
    ? Response.json({ request: await requestCreditLimit(caller.ctx, params.id, body) }, { status: 202 })
    : Response.json(await runCreditCheck(caller.ctx, params.id, body)),
);
