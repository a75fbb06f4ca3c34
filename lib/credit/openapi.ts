import { z } from "zod";

import { defineApi } from "@/lib/http/spec";

import { ZCompanyCandidates, ZCreditCheckInput, ZLeadCredit, ZLimitRequestAccepted } from "./schemas";

/** The /api/v1 operations of credit checks (Allianz Trade); managers and admins only. */

const leadParams = z.object({ id: z.uuid() });
const tag = "Credit";

export const getLeadCreditApi = defineApi({
  operationId: "getLeadCredit",
  method: "GET",
  path: "/leads/{id}/credit",
  tag,
  summary: "The lead's credit: grade, limit, currency, decidedAt, age and source (cache, provider, stale)",
  description:
    "Served from the per-company cache while younger than credit.cache.ttl; an older answer comes at once with " +
    "its age (source stale) while one background read refreshes it; never read → read now. While the provider " +
    "is unavailable (breaker open) a cached answer is served with `unavailable`; without one the answer is 503. " +
    "Managers and administrators only.",
  params: leadParams,
  response: { status: 200, description: "The lead's credit", schema: ZLeadCredit },
  problems: [403, 404, 503],
});

export const createLeadCreditCheckApi = defineApi({
  operationId: "createLeadCreditCheck",
  method: "POST",
  path: "/leads/{id}/credit-checks",
  tag,
  summary: "Check the lead's credit now (200), or request a new limit (202 with the pending request)",
  description:
    "`kind: check` finds the lead's company at Allianz Trade (name, city, VAT number, or the given companyId), " +
    "links it and reads its grade and cover now. `kind: limit` asks for a limit of `amount` `currency`; the " +
    "provider answers asynchronously, the job credit-limit-poll follows it and the answer appears on " +
    "GET /leads/{id}/credit and in the requester's inbox. Audited. Managers and administrators only.",
  params: leadParams,
  body: ZCreditCheckInput,
  response: { status: 200, description: "Checked: the lead's credit", schema: ZLeadCredit },
  otherResponses: [
    { status: 202, description: "Limit requested: the pending request", schema: ZLimitRequestAccepted },
  ],
  problems: [403, 404, 409, 422, 503],
});

export const listCreditCompaniesApi = defineApi({
  operationId: "listLeadCreditCompanies",
  method: "GET",
  path: "/leads/{id}/credit/companies",
  tag,
  summary: "The companies Allianz Trade finds for the lead (name, city, VAT number), to link one",
  description:
    "The provider's company search with the lead's name and city, and its VAT number when it has one; a company " +
    "whose VAT number is the lead's is marked `vatMatch` and listed first. Link one with POST " +
    "/leads/{id}/credit-checks `{kind: check, companyId}`. Nothing is stored. Managers and administrators only.",
  params: leadParams,
  response: { status: 200, description: "The companies found", schema: ZCompanyCandidates },
  problems: [403, 404, 503],
});

export const creditApis = [getLeadCreditApi, listCreditCompaniesApi, createLeadCreditCheckApi];
