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

/** The lead's open limit request and its last decided one. */
export async function readLimitRequests(
  tx: Tx,
  leadId: string,
): Promise<{ pending: TLimitRequest | null; last: TLimitRequest | null }> {
  const rows = await tx.creditLimitRequest.findMany({
    where: { leadId },
    orderBy: { requestedAt: "desc" },
    take: 5,
  });
  const pending = rows.find((r) => r.state === "PENDING");
  const last = rows.find((r) => r.state !== "PENDING");
  return {
    pending: pending ? limitRequestView(pending) : null,
    last: last ? limitRequestView(last) : null,
  };
}
