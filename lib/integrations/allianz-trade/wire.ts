import { z } from "zod";

/**
 * Allianz Trade's wire format, in one module: every path, query parameter and field name the client
 * sends or reads is here, and nowhere else (the fake in test/fakes/allianz-trade.ts speaks it too).
 *
 * Documented (developers.allianz-trade.com; /work/shared/VENDORS.md): the base URLs, the token call
 * `POST /v1/idp/oauth2/authorize {apiKey}` → `{access_token, token_type: "Bearer", expires_in}` (no
 * refresh token: ask again), companies identified by a `CompanyId` from the company search, and
 * changes (a cover/limit request) answered asynchronously with a `jobId` that is polled from
 * `pending` to `processed`, after which the job's `ressourceUrl` (sic) names the resource carrying
 * the `coverStatus`.
 *
 * NOT public here, following that documented pattern instead (marked "pattern" below): the exact
 * paths and field names of the company search, the grade read, the batch grade read, the cover
 * request and the job. When the real contract is at hand, this file is the one to change.
 */

export const BASE_URLS = {
  production: "https://api.allianz-trade.com",
  sandbox: "https://api-services.uat.1placedessaisons.com/uatm",
} as const;

/** Documented: the token call and its answer. */
export const TOKEN_PATH = "/v1/idp/oauth2/authorize";
export const tokenBody = (apiKey: string) => ({ apiKey });
export const ZTokenAnswer = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().int().positive(),
});

/** Pattern: the company search (GET with query parameters) and its answer. */
export const SEARCH_PATH = "/v1/companies/search";
export function searchQuery(input: { name: string; city?: string; vatNumber?: string; country?: string }) {
  const query = new URLSearchParams({ companyName: input.name });
  if (input.city) query.set("city", input.city);
  if (input.vatNumber) query.set("vatNumber", input.vatNumber);
  if (input.country) query.set("countryCode", input.country);
  return query;
}
const ZWireCompany = z.object({
  companyId: z.string().min(1).max(100),
  companyName: z.string().min(1),
  address: z.object({ city: z.string().optional(), countryCode: z.string().optional() }).optional(),
  vatNumber: z.string().nullable().optional(),
});
export const ZSearchAnswer = z.object({ companies: z.array(ZWireCompany) });
export type TWireCompany = z.infer<typeof ZWireCompany>;

/** Pattern: a company's grade (1 best … 10 worst) and its current cover (limit), if any. */
export const gradePath = (companyId: string) => `/v1/companies/${encodeURIComponent(companyId)}/grade`;
const ZWireCover = z.object({
  coverStatus: z.string().min(1).max(50),
  amount: z.object({ value: z.number().nonnegative(), currency: z.string().regex(/^[A-Z]{3}$/) }),
  decisionDate: z.iso.datetime({ offset: true }),
});
const ZWireGrade = z.object({
  companyId: z.string().min(1),
  grade: z.number().int().min(1).max(10),
  gradeDate: z.iso.datetime({ offset: true }),
  cover: ZWireCover.nullable(),
});
export const ZGradeAnswer = ZWireGrade;
export type TWireGrade = z.infer<typeof ZWireGrade>;

/**
 * Pattern: several companies' grades in one read (`companyIds` comma-separated, at most
 * GRADES_BATCH_MAX). Where the provider offers no such read, set GRADES_BATCH_MAX to 1: the client
 * then reads each company on its own (gradePath) and the service's batching only coalesces.
 */
export const GRADES_BATCH_PATH = "/v1/companies/grades";
export const GRADES_BATCH_MAX = 50;
export const gradesBatchQuery = (companyIds: readonly string[]) =>
  new URLSearchParams({ companyIds: companyIds.join(",") });
export const ZGradesBatchAnswer = z.object({ grades: z.array(ZWireGrade) });

/** Pattern: a cover (limit) request: a change, so answered 202 with a jobId (documented). */
export const COVER_REQUEST_PATH = "/v1/covers";
export const coverRequestBody = (input: { companyId: string; amount: number; currency: string }) => ({
  companyId: input.companyId,
  requestedAmount: { value: input.amount, currency: input.currency },
});
export const ZJobAccepted = z.object({ jobId: z.string().min(1).max(200) });

/** Documented: the job, polled until `processed`; then its `ressourceUrl` names the result. */
export const jobPath = (jobId: string) => `/v1/jobs/${encodeURIComponent(jobId)}`;
export const ZJobAnswer = z.object({
  jobId: z.string(),
  status: z.enum(["pending", "processed", "failed"]),
  ressourceUrl: z.string().optional(),
  error: z.string().optional(),
});
export type TJobAnswer = z.infer<typeof ZJobAnswer>;

/** Pattern: the cover resource a processed job names. */
export const ZCoverResource = z.object({
  coverId: z.string(),
  companyId: z.string(),
  coverStatus: z.string().min(1).max(50),
  amount: z.object({ value: z.number().nonnegative(), currency: z.string().regex(/^[A-Z]{3}$/) }),
  decisionDate: z.iso.datetime({ offset: true }),
});
export type TCoverResource = z.infer<typeof ZCoverResource>;

/** The documented authorisation header for every call after the token. */
export const authorization = (token: string) => `Bearer ${token}`;
