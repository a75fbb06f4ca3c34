import { listCreditCompaniesApi } from "@/lib/credit/openapi";
import { findCreditCompanies } from "@/lib/credit/service";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute(listCreditCompaniesApi, async ({ caller, params }) =>
  Response.json({ items: await findCreditCompanies(caller.ctx, params.id) }),
);
