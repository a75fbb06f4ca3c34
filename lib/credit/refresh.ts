import "server-only";

import { withOrg } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { TWireGrade } from "@/lib/integrations/allianz-trade/wire";

/**
 * Reading companies' grades from the provider, the way a peak needs it: one read per organisation
 * and company at a time (single-flight: every caller asking while one runs gets its answer), and
 * reads asked for within `windowMs` of each other go out together, in as few provider calls as its
 * batch read allows (micro-batching, credit.batch.window.ms). Each batch's answers are stored in one
 * transaction (credit_company, the per-company cache) before anyone is answered. In-process state:
 * several instances each read at most once per company.
 */

export interface GradeReader {
  readonly target: { connectionId: string };
  readGrades(companyIds: readonly string[]): Promise<TWireGrade[]>;
}

/** A company's answer as stored. */
export interface CreditSnapshot {
  grade: number;
  coverStatus: string | null;
  limitAmount: number | null;
  currency: string | null;
  decidedAt: Date;
  fetchedAt: Date;
}

interface Waiter {
  resolve(snapshot: CreditSnapshot): void;
  reject(error: unknown): void;
}

interface Batch {
  orgId: string;
  client: GradeReader;
  waiters: Map<string, Waiter>;
}

const globalForCredit = globalThis as unknown as {
  freshplanCreditInflight?: Map<string, Promise<CreditSnapshot>>;
  freshplanCreditBatches?: Map<string, Batch>;
  freshplanCreditRecent?: Map<string, CreditSnapshot>;
};

const inflight = () => (globalForCredit.freshplanCreditInflight ??= new Map());
/** The last read of each company in this process, so callers who read the cache before it was stored do not read again. */
const recent = () => (globalForCredit.freshplanCreditRecent ??= new Map());
const RECENT_MAX = 10_000;
const batches = () => (globalForCredit.freshplanCreditBatches ??= new Map());

const keyOf = (orgId: string, companyId: string) => `${orgId}:${companyId}`;

/** A read of this company is under way in this process, or was stored after `since`. */
export function refreshedSince(orgId: string, companyId: string, since: Date): CreditSnapshot | undefined {
  const last = recent().get(keyOf(orgId, companyId));
  return last && last.fetchedAt >= since ? last : undefined;
}

/** A read of this company is under way in this process. */
export function isRefreshing(orgId: string, companyId: string): boolean {
  return inflight().has(keyOf(orgId, companyId));
}

/**
 * The company's grade and cover read from the provider now and stored: joins the read under way,
 * or joins the batch collecting, or opens one that goes out after `windowMs`. `since`: the moment
 * the caller read the cache; a read of this process stored after it is answered instead (a check
 * that read the cache just before another check's read was stored does not ask again).
 */
export function refreshCompany(
  orgId: string,
  companyId: string,
  client: GradeReader,
  windowMs: number,
  since?: Date,
): Promise<CreditSnapshot> {
  const key = keyOf(orgId, companyId);
  const running = inflight().get(key);
  if (running) return running;
  const last = recent().get(key);
  if (since && last && last.fetchedAt >= since) return Promise.resolve(last);
  const promise = new Promise<CreditSnapshot>((resolve, reject) => {
    const batchKey = `${orgId}:${client.target.connectionId}`;
    let batch = batches().get(batchKey);
    if (!batch) {
      const opened: Batch = { orgId, client, waiters: new Map() };
      batch = opened;
      batches().set(batchKey, opened);
      setTimeout(() => {
        batches().delete(batchKey);
        void flush(opened);
      }, windowMs);
    }
    batch.waiters.set(companyId, { resolve, reject });
  })
    .then((snapshot) => {
      recent().delete(key);
      recent().set(key, snapshot);
      if (recent().size > RECENT_MAX) recent().delete(recent().keys().next().value as string);
      return snapshot;
    })
    .finally(() => inflight().delete(key));
  inflight().set(key, promise);
  return promise;
}

async function flush(batch: Batch): Promise<void> {
  const ids = [...batch.waiters.keys()];
  try {
    const grades = await batch.client.readGrades(ids);
    const stored = await storeGrades(batch.orgId, grades);
    for (const [id, waiter] of batch.waiters) {
      const snapshot = stored.get(id);
      if (snapshot) waiter.resolve(snapshot);
      else {
        waiter.reject(
          new AppError("not_found", "The credit provider does not know this company.", {
            text: { code: "credit.errors.companyUnknown" },
          }),
        );
      }
    }
  } catch (error) {
    for (const waiter of batch.waiters.values()) waiter.reject(error);
  }
}

/** Writes the answers into credit_company (system context, one statement for the whole batch). */
export async function storeGrades(
  orgId: string,
  grades: readonly TWireGrade[],
): Promise<Map<string, CreditSnapshot>> {
  const stored = new Map<string, CreditSnapshot>();
  if (grades.length === 0) return stored;
  const fetchedAt = new Date();
  const snapshots = new Map<string, CreditSnapshot>(
    grades.map((g) => [
      g.companyId,
      {
        grade: g.grade,
        coverStatus: g.cover?.coverStatus ?? null,
        limitAmount: g.cover?.amount.value ?? null,
        currency: g.cover?.amount.currency ?? null,
        decidedAt: new Date(g.cover?.decisionDate ?? g.gradeDate),
        fetchedAt,
      },
    ]),
  );
  const rows = [...snapshots.entries()];
  const updated = await withOrg(
    { orgId, userId: null, roles: ["system"] },
    (tx) =>
      tx.$queryRaw<{ company_id: string }[]>`
      UPDATE credit_company c
      SET grade = v.grade, cover_status = v.cover_status, limit_amount = v.limit_amount,
          currency = v.currency, decided_at = v.decided_at, fetched_at = ${fetchedAt}
      FROM unnest(${rows.map(([id]) => id)}::text[], ${rows.map(([, s]) => s.grade)}::int[],
                  ${rows.map(([, s]) => s.coverStatus)}::text[], ${rows.map(([, s]) => s.limitAmount)}::numeric[],
                  ${rows.map(([, s]) => s.currency)}::text[], ${rows.map(([, s]) => s.decidedAt)}::timestamptz[])
           AS v(company_id, grade, cover_status, limit_amount, currency, decided_at)
      WHERE c.org_id = ${orgId}::uuid AND c.company_id = v.company_id
      RETURNING c.company_id`,
  );
  for (const { company_id } of updated) stored.set(company_id, snapshots.get(company_id)!);
  return stored;
}
