import "server-only";

import type { Tx, OrgContext } from "@/lib/db";
import { AppError } from "@/lib/errors";

/**
 * The SQL of the budget rows (ai_budget_org_month, ai_budget_user_month, ai_budget_reservation),
 * for lib/ai/budget.ts, which holds the rules. Every statement runs in the caller's transaction,
 * under its context's row-level security. Amounts travel as exact numeric text. Locks are taken in
 * one order everywhere — reservation, then the organisation's row, then the user's — so a reserve
 * and a settle running at once can wait for each other but never deadlock.
 */

export interface Totals {
  spentEur: number;
  reservedEur: number;
}

/**
 * Adds `amount` to the reservations of the organisation's month row if that keeps spent + reserved
 * within `cap`. The row lock makes concurrent callers queue, and PostgreSQL re-evaluates the WHERE
 * against the row the previous one committed: no overshoot. Null when refused. The lock is held
 * until commit, so everything after this statement in reserveBudget is kept to a minimum.
 */
export function chargeOrg(tx: Tx, orgId: string, day: string, amount: string, cap: number) {
  return tx.$queryRaw<Totals[]>`
    UPDATE ai_budget_org_month SET reserved_eur = reserved_eur + ${amount}::numeric
    WHERE org_id = ${orgId}::uuid AND month = ${day}::date
      AND spent_eur + reserved_eur + ${amount}::numeric <= ${cap}::numeric
    RETURNING spent_eur::float8 AS "spentEur", reserved_eur::float8 AS "reservedEur"`;
}

/**
 * Charges the user's row the same way (a NULL cap only counts) and, if that passed, records the
 * reservation: one statement, one round trip under the organisation's lock. The system context
 * (no user) only records the reservation. Null when the user's cap refused it.
 */
export async function chargeUserAndRecord(
  tx: Tx,
  ctx: OrgContext,
  day: string,
  amount: string,
  cap: number | null,
): Promise<string | null> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    WITH charged AS (
      UPDATE ai_budget_user_month SET reserved_eur = reserved_eur + ${amount}::numeric
      WHERE org_id = ${ctx.orgId}::uuid AND user_id = ${ctx.userId}::uuid AND month = ${day}::date
        AND (${cap}::numeric IS NULL OR spent_eur + reserved_eur + ${amount}::numeric <= ${cap}::numeric)
      RETURNING 1
    )
    INSERT INTO ai_budget_reservation (org_id, user_id, month, amount_eur)
    SELECT ${ctx.orgId}::uuid, ${ctx.userId}::uuid, ${day}::date, ${amount}::numeric
    WHERE ${ctx.userId}::uuid IS NULL OR EXISTS (SELECT 1 FROM charged)
    RETURNING id::text`;
  return rows[0]?.id ?? null;
}

/**
 * Creates this month's rows the first time they are needed (before any lock is taken; a
 * concurrent first caller's insert simply wins).
 */
export async function ensureRows(tx: Tx, ctx: OrgContext, day: string): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO ai_budget_org_month (org_id, month) VALUES (${ctx.orgId}::uuid, ${day}::date)
    ON CONFLICT DO NOTHING`;
  if (ctx.userId) {
    await tx.$executeRaw`
      INSERT INTO ai_budget_user_month (org_id, user_id, month)
      VALUES (${ctx.orgId}::uuid, ${ctx.userId}::uuid, ${day}::date)
      ON CONFLICT DO NOTHING`;
  }
}

/** A month row's totals, or null when the row does not exist yet. */
export async function orgTotals(tx: Tx, orgId: string, day: string): Promise<Totals | null> {
  const rows = await tx.$queryRaw<Totals[]>`
    SELECT spent_eur::float8 AS "spentEur", reserved_eur::float8 AS "reservedEur"
    FROM ai_budget_org_month WHERE org_id = ${orgId}::uuid AND month = ${day}::date`;
  return rows[0] ?? null;
}

export async function userTotals(tx: Tx, orgId: string, userId: string, day: string): Promise<Totals | null> {
  const rows = await tx.$queryRaw<Totals[]>`
    SELECT spent_eur::float8 AS "spentEur", reserved_eur::float8 AS "reservedEur"
    FROM ai_budget_user_month
    WHERE org_id = ${orgId}::uuid AND user_id = ${userId}::uuid AND month = ${day}::date`;
  return rows[0] ?? null;
}

export const NOTHING: Totals = { spentEur: 0, reservedEur: 0 };

export interface LockedReservation {
  orgId: string;
  userId: string | null;
  day: string;
  amount: string;
  status: "open" | "settled" | "released";
}

/** The reservation, locked (reservation → organisation row → user row: the one lock order). */
export async function lockReservation(tx: Tx, ctx: OrgContext, id: string): Promise<LockedReservation> {
  const rows = await tx.$queryRaw<LockedReservation[]>`
    SELECT org_id::text AS "orgId", user_id::text AS "userId", to_char(month, 'YYYY-MM-DD') AS day,
           amount_eur::text AS amount, status
    FROM ai_budget_reservation
    WHERE id = ${id}::uuid AND org_id = ${ctx.orgId}::uuid
    FOR UPDATE`;
  if (rows.length === 0) throw new AppError("not_found", "No such budget reservation.");
  return rows[0];
}

/** Closes a reservation: settled with the actual cost, or released (null: nothing charged). */
export async function markClosed(tx: Tx, id: string, actual: string | null): Promise<void> {
  await tx.$executeRaw`
    UPDATE ai_budget_reservation
    SET status = ${actual === null ? "released" : "settled"}, settled_at = now(),
        actual_eur = ${actual}::numeric
    WHERE id = ${id}::uuid`;
}

/** Moves money on both rows: frees `freed` of the reservations and adds `spent` to the spending. */
export async function move(tx: Tx, r: LockedReservation, freed: string, spent: string): Promise<Totals> {
  const [org] = await tx.$queryRaw<Totals[]>`
    UPDATE ai_budget_org_month
    SET reserved_eur = reserved_eur - ${freed}::numeric, spent_eur = spent_eur + ${spent}::numeric
    WHERE org_id = ${r.orgId}::uuid AND month = ${r.day}::date
    RETURNING spent_eur::float8 AS "spentEur", reserved_eur::float8 AS "reservedEur"`;
  if (r.userId) {
    await tx.$executeRaw`
      UPDATE ai_budget_user_month
      SET reserved_eur = reserved_eur - ${freed}::numeric, spent_eur = spent_eur + ${spent}::numeric
      WHERE org_id = ${r.orgId}::uuid AND user_id = ${r.userId}::uuid AND month = ${r.day}::date`;
  }
  return org ?? NOTHING;
}
