import "server-only";

import type { Tx } from "@/lib/db";

import type { TLimitRequest } from "./schemas";

/** Reads of the credit domain; they take a tx and check no permission (RLS does, service.ts asks). */

export interface CompanyRow {
  ref: string;
  companyId: string;
  name: string;
  city: string | null;
  country: string | null;
  grade: number | null;
  coverStatus: string | null;
  limitAmount: number | null;
  currency: string | null;
  decidedAt: Date | null;
  fetchedAt: Date | null;
}

/** The company a lead is linked to, with its cached answer; null when it is linked to none. */
export async function readLinkedCompany(tx: Tx, leadId: string): Promise<CompanyRow | null> {
  const link = await tx.leadCredit.findUnique({
    where: { leadId },
    select: { company: true },
  });
  if (!link) return null;
  const c = link.company;
  return {
    ref: c.id,
    companyId: c.companyId,
    name: c.name,
    city: c.city,
    country: c.country,
    grade: c.grade,
    coverStatus: c.coverStatus,
    limitAmount: c.limitAmount === null ? null : Number(c.limitAmount),
    currency: c.currency,
    decidedAt: c.decidedAt,
    fetchedAt: c.fetchedAt,
  };
}

type RequestRow = {
  id: string;
  amount: unknown;
  currency: string;
  state: string;
  providerJobId: string;
  coverStatus: string | null;
  grantedAmount: unknown;
  requestedAt: Date;
  decidedAt: Date | null;
};

export function limitRequestView(row: RequestRow): TLimitRequest {
  return {
    id: row.id,
    amount: Number(row.amount),
    currency: row.currency,
    state: row.state as TLimitRequest["state"],
    jobId: row.providerJobId,
    coverStatus: row.coverStatus,
    grantedAmount: row.grantedAmount === null ? null : Number(row.grantedAmount),
    requestedAt: row.requestedAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
  };
}

/** The lead's open limit request and its last decided one, of its latest five (newest first). */
function pickRequests(rows: RequestRow[]): { pending: TLimitRequest | null; last: TLimitRequest | null } {
  const pending = rows.find((r) => r.state === "PENDING");
  const last = rows.find((r) => r.state !== "PENDING");
  return {
    pending: pending ? limitRequestView(pending) : null,
    last: last ? limitRequestView(last) : null,
  };
}

export interface CreditStateRow {
  lead: { companyName: string; city: string; vatId: string | null };
  company: CompanyRow | null;
  requests: { pending: TLimitRequest | null; last: TLimitRequest | null };
}

/**
 * Everything a credit read needs about one lead, in one statement (a check is read at peak by
 * hundreds at once): the lead's name, city and VAT id, its linked company with the cached answer,
 * and its latest limit requests. Undefined when the caller cannot see the lead.
 */
export async function readCreditState(tx: Tx, leadId: string): Promise<CreditStateRow | undefined> {
  const [row] = await tx.$queryRaw<
    {
      company_name: string;
      lead_city: string;
      vat_id: string | null;
      ref: string | null;
      company_id: string;
      name: string;
      city: string | null;
      country: string | null;
      grade: number | null;
      cover_status: string | null;
      limit_amount: number | null;
      currency: string | null;
      decided_at: Date | null;
      fetched_at: Date | null;
      requests: (Omit<RequestRow, "requestedAt" | "decidedAt"> & {
        requestedAt: string;
        decidedAt: string | null;
      })[];
    }[]
  >`
    SELECT l.company_name, l.city AS lead_city, l.vat_id,
           c.id AS ref, c.company_id, c.name, c.city, c.country, c.grade, c.cover_status,
           c.limit_amount::float8 AS limit_amount, c.currency, c.decided_at, c.fetched_at,
           (SELECT coalesce(json_agg(r ORDER BY r."requestedAt" DESC), '[]'::json)
              FROM (SELECT id, amount, currency, state, provider_job_id AS "providerJobId",
                           cover_status AS "coverStatus", granted_amount AS "grantedAmount",
                           requested_at AS "requestedAt", decided_at AS "decidedAt"
                      FROM credit_limit_request WHERE lead_id = l.id
                     ORDER BY requested_at DESC LIMIT 5) r) AS requests
    FROM lead l
    LEFT JOIN lead_credit lc ON lc.lead_id = l.id
    LEFT JOIN credit_company c ON c.id = lc.company_ref
    WHERE l.id = ${leadId}::uuid`;
  if (!row) return undefined;
  return {
    lead: { companyName: row.company_name, city: row.lead_city, vatId: row.vat_id },
    company:
      row.ref === null
        ? null
        : {
            ref: row.ref,
            companyId: row.company_id,
            name: row.name,
            city: row.city,
            country: row.country,
            grade: row.grade,
            coverStatus: row.cover_status,
            limitAmount: row.limit_amount,
            currency: row.currency,
            decidedAt: row.decided_at,
            fetchedAt: row.fetched_at,
          },
    requests: pickRequests(
      row.requests.map((r) => ({
        ...r,
        requestedAt: new Date(r.requestedAt),
        decidedAt: r.decidedAt === null ? null : new Date(r.decidedAt),
      })),
    ),
  };
}
