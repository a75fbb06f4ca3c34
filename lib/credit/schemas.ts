import { z } from "zod";

/** Credit checks on a lead (Allianz Trade): inputs and answers, shared by route, action, OpenAPI and UI. */

export const CREDIT_SOURCES = ["cache", "provider", "stale"] as const;
export const LIMIT_REQUEST_STATES = ["PENDING", "PROCESSED", "FAILED"] as const;

const at = z.iso.datetime();
const currency = z
  .string()
  .trim()
  .transform((c) => c.toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{3}$/));

/**
 * What POST /leads/{id}/credit-checks does: `check` finds and links the lead's company (by name,
 * city and VAT number, or the given CompanyId) and reads its grade and cover from the provider now;
 * `limit` asks the provider for a new limit (asynchronous: 202 with the request to follow).
 */
const creditCheckFields = {
  kind: z.enum(["check", "limit"]),
  /** `check`: a CompanyId from the provider's search, to link (or re-link) the lead to. */
  companyId: z.string().trim().min(1).max(100).optional(),
  /** `limit`: the amount asked for, and its currency (EUR unless given). */
  amount: z.coerce.number().positive().max(1_000_000_000).optional(),
  currency: currency.optional(),
};
const amountForLimit = (input: { kind: string; amount?: number }, issue: z.RefinementCtx) => {
  if (input.kind === "limit" && input.amount === undefined) {
    issue.addIssue({
      code: "custom",
      path: ["amount"],
      message: "required for a limit request",
    });
  }
};

export const ZCreditCheckInput = z.strictObject(creditCheckFields).superRefine(amountForLimit);
export type TCreditCheckInput = z.infer<typeof ZCreditCheckInput>;

export const ZLimitRequest = z.object({
  id: z.uuid(),
  amount: z.number(),
  currency: z.string(),
  state: z.enum(LIMIT_REQUEST_STATES),
  /** The provider's job id, polled until processed. */
  jobId: z.string(),
  coverStatus: z.string().nullable(),
  grantedAmount: z.number().nullable(),
  requestedAt: at,
  decidedAt: at.nullable(),
});
export type TLimitRequest = z.infer<typeof ZLimitRequest>;

export const ZLeadCredit = z.object({
  leadId: z.uuid(),
  /** The provider's company the lead is linked to; null until a check linked one. */
  company: z
    .object({
      companyId: z.string(),
      name: z.string(),
      city: z.string().nullable(),
      country: z.string().nullable(),
    })
    .nullable(),
  /** 1 (best) … 10 (worst). */
  grade: z.number().int().min(1).max(10).nullable(),
  coverStatus: z.string().nullable(),
  limit: z.number().nullable(),
  currency: z.string().nullable(),
  /** When the provider decided the current cover (or graded the company). */
  decidedAt: at.nullable(),
  /** When we read it from the provider, and how old that is in seconds. */
  fetchedAt: at.nullable(),
  age: z.number().int().min(0).nullable(),
  /** cache: fresh enough; provider: read just now; stale: older than credit.cache.ttl (a refresh runs, or the provider is unavailable). */
  source: z.enum(CREDIT_SOURCES).nullable(),
  /** A background refresh is under way. */
  refreshing: z.boolean(),
  /** The provider is unavailable (breaker open): since and until when; the answer is the cached one. */
  unavailable: z.object({ since: at.nullable(), until: at.nullable() }).nullable(),
  pendingRequest: ZLimitRequest.nullable(),
  lastRequest: ZLimitRequest.nullable(),
});
export type TLeadCredit = z.infer<typeof ZLeadCredit>;

/** 202 to a limit request: the request, to follow on GET /leads/{id}/credit. */
export const ZLimitRequestAccepted = z.object({ request: ZLimitRequest });

/** The credit panel's form: the same input, and the lead it is about. */
export const ZCreditCheckForm = z
  .strictObject({ ...creditCheckFields, leadId: z.uuid() })
  .superRefine(amountForLimit);

/** A company the provider's search found for a lead, to link it to (GET /leads/{id}/credit/companies). */
export const ZCompanyCandidate = z.object({
  companyId: z.string(),
  name: z.string(),
  city: z.string().nullable(),
  country: z.string().nullable(),
  vatNumber: z.string().nullable(),
  /** Its VAT number is the lead's: the one to take. */
  vatMatch: z.boolean(),
  /** The lead is linked to it now. */
  linked: z.boolean(),
});
export type TCompanyCandidate = z.infer<typeof ZCompanyCandidate>;
export const ZCompanyCandidates = z.object({ items: z.array(ZCompanyCandidate) });
export type TCompanyCandidates = z.infer<typeof ZCompanyCandidates>;
