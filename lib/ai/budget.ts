import "server-only";

import { authorize } from "@/lib/auth/policy";
import { systemContext, type DbContext, type OrgContext, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { forEachOrg } from "@/lib/db/orgs";
import { readEffectiveValue, readSettings } from "@/lib/settings/queries";

import {
  chargeOrg,
  chargeUserAndRecord,
  ensureRows,
  lockReservation,
  markClosed,
  move,
  NOTHING,
  orgTotals,
  userTotals,
  type Totals,
} from "./budget-rows";
import type { TBudgetStatus } from "./schemas";

/**
 * The monthly AI budget of an organisation and of each of its members (tables ai_budget_*, see
 * sql/migrations/20261129170000_ai_router.sql). A routed call runs in three steps, and only the
 * first and last touch the database, each in its own short transaction, so no row lock is held
 * while a provider thinks:
 *
 *   const { reservationId } = await withOrg(ctx, (tx) => reserveBudget(tx, ctx, { amountEur }));
 *   … the provider call …
 *   await withOrg(ctx, (tx) => settleBudget(tx, ctx, reservationId, costEur(price, usage)));
 *   // or, when it failed: releaseBudget(tx, ctx, reservationId)
 *
 * The estimate should be an upper bound (input tokens plus the use case's maxOutputTokens at the
 * model's price): settling charges the actual cost, which may exceed the estimate (spent then
 * tells the truth and the next reservation is refused), but the cap holds for reservations.
 */

/** A reservation a crashed process left open is released after this long (the job's default). */
export const STALE_RESERVATION_SECONDS = 15 * 60;

const ORG_CAP = "ai.budget.monthly.cap";
const USER_CAP = "ai.budget.user.monthly.cap";

/** "YYYY-MM" of a moment, in UTC. */
export function monthOf(at: Date = new Date()): string {
  return at.toISOString().slice(0, 7);
}

function firstDay(month: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new AppError("bad_request", `Not a month: "${month}".`);
  return `${month}-01`;
}

/** Euros as the database keeps them (numeric(18, 8)), as exact text for the queries. */
function eurText(value: number, what: string): string {
  if (!Number.isFinite(value) || value < 0 || value > 1e9) {
    throw new AppError("bad_request", `${what} must be a non-negative amount of EUR, not ${value}.`);
  }
  return value.toFixed(8);
}

const money = new Intl.NumberFormat("en", { minimumFractionDigits: 2, maximumFractionDigits: 4 });
const eur = (value: number) => `${money.format(value)} EUR`;

interface Caps {
  org: number;
  user: number | null;
}

/** The caps that apply to the caller: the organisation's, and the one per member (the org's or their own lower one). */
async function readCaps(tx: Tx, ctx: OrgContext): Promise<Caps> {
  const [org, user] = await readSettings(tx, ctx, [ORG_CAP, USER_CAP]);
  const value = (state: typeof org | undefined) => state?.effective.value;
  const orgCap = value(org);
  const userCap = ctx.userId ? value(user) : null;
  return {
    org: typeof orgCap === "number" ? orgCap : 0,
    user: typeof userCap === "number" ? userCap : null,
  };
}

function refusal(whose: "org" | "user", month: string, cap: number, totals: Totals, amount: number) {
  const left = Math.max(cap - totals.spentEur - totals.reservedEur, 0);
  const budget = whose === "org" ? "The organisation's monthly AI budget" : "Your monthly AI budget";
  return new AppError(
    "ai_budget_exceeded",
    `${budget} for ${month} is ${eur(cap)}; ${eur(totals.spentEur)} are spent and ` +
      `${eur(totals.reservedEur)} reserved by running requests, so ${eur(left)} remain, ` +
      `but this request may cost up to ${eur(amount)}.`,
    {
      text: {
        code: whose === "org" ? "ai.errors.orgBudgetExceeded" : "ai.errors.userBudgetExceeded",
        params: { month, left: left.toFixed(2), cap: cap.toFixed(2) },
      },
    },
  );
}

/**
 * Queues the 80 % and 100 % notifications once the organisation's committed spending (spent +
 * reserved) has reached them. The database function re-checks exactly and the outbox's unique
 * dedupe key keeps it to once per month and threshold, however many calls get here.
 */
async function notifyThresholds(tx: Tx, day: string, cap: number, totals: Totals): Promise<void> {
  // A float pre-check only saves the round trip below 80 %; the function decides on exact numerics.
  if (cap <= 0 || totals.spentEur + totals.reservedEur + 1e-6 < cap * 0.8) return;
  await tx.$queryRaw`SELECT app_ai_budget_notify(${day}::date, ${cap}::numeric)`;
}

/**
 * Reserves up to `amountEur` of this month's budget (or `month`'s, "YYYY-MM") for one call, against
 * the organisation's cap and the caller's personal cap. Throws `ai_budget_exceeded` (402) naming
 * the cap and what remains; the caller's transaction then rolls back and nothing is reserved.
 */
export async function reserveBudget(
  tx: Tx,
  ctx: OrgContext,
  input: { amountEur: number; month?: string },
): Promise<{ reservationId: string }> {
  authorize(ctx, "ai.use", {
    type: "ai",
    orgId: ctx.orgId,
  });
  const month = input.month ?? monthOf();
  const day = firstDay(month);
  const amount = eurText(input.amountEur, "amountEur");
  const caps = await readCaps(tx, ctx);

  // The usual case is one UPDATE; only the month's first call creates the rows and tries again.
  let [org] = await chargeOrg(tx, ctx.orgId, day, amount, caps.org);
  if (!org) {
    const totals = await orgTotals(tx, ctx.orgId, day);
    if (totals) throw refusal("org", month, caps.org, totals, input.amountEur);
    await ensureRows(tx, ctx, day);
    [org] = await chargeOrg(tx, ctx.orgId, day, amount, caps.org);
    if (!org) throw refusal("org", month, caps.org, NOTHING, input.amountEur);
  }
  let reservationId = await chargeUserAndRecord(tx, ctx, day, amount, caps.user);
  if (!reservationId && ctx.userId) {
    const totals = await userTotals(tx, ctx.orgId, ctx.userId, day);
    if (totals) throw refusal("user", month, caps.user ?? 0, totals, input.amountEur);
    await ensureRows(tx, ctx, day);
    reservationId = await chargeUserAndRecord(tx, ctx, day, amount, caps.user);
  }
  if (!reservationId) throw refusal("user", month, caps.user ?? 0, NOTHING, input.amountEur);
  await notifyThresholds(tx, day, caps.org, org);
  return { reservationId };
}

/**
 * Charges a call's actual cost: its reservation is freed and `actualEur` spent, in the month it was
 * reserved in. A reservation the stale job released meanwhile is still charged (the money was
 * spent); settling twice is a conflict.
 */
export async function settleBudget(
  tx: Tx,
  ctx: OrgContext,
  reservationId: string,
  actualEur: number,
): Promise<void> {
  const actual = eurText(actualEur, "actualEur");
  const cap = await readEffectiveValue(tx, ctx, ORG_CAP);
  const r = await lockReservation(tx, ctx, reservationId);
  if (r.status === "settled") throw new AppError("conflict", "This budget reservation is already settled.");
  const freed = r.status === "open" ? r.amount : "0";
  await markClosed(tx, reservationId, actual);
  const org = await move(tx, r, freed, actual);
  await notifyThresholds(tx, r.day, cap, org);
}

/** Frees a reservation without charging it (the call failed). False when it was already closed. */
export async function releaseBudget(tx: Tx, ctx: OrgContext, reservationId: string): Promise<boolean> {
  const r = await lockReservation(tx, ctx, reservationId);
  if (r.status !== "open") return false;
  await markClosed(tx, reservationId, null);
  await move(tx, r, r.amount, "0");
  return true;
}

const line = <C extends number | null>(cap: C, totals: Totals) => ({
  capEur: cap,
  ...totals,
  remainingEur: (cap === null ? null : Math.max(cap - totals.spentEur - totals.reservedEur, 0)) as C,
});

/** The caller's view of a month's budget (this month by default): the organisation's and their own. */
export async function budgetStatus(
  tx: Tx,
  ctx: OrgContext,
  month: string = monthOf(),
): Promise<TBudgetStatus> {
  const day = firstDay(month);
  const caps = await readCaps(tx, ctx);
  const org = line(caps.org, (await orgTotals(tx, ctx.orgId, day)) ?? NOTHING);
  const user = ctx.userId
    ? line(caps.user, (await userTotals(tx, ctx.orgId, ctx.userId, day)) ?? NOTHING)
    : null;
  return { month, org, user };
}

/**
 * Releases the organisation's reservations that are still open after `olderThanSeconds`: their
 * process crashed between reserving and settling. Reservations being settled right now are
 * skipped (SKIP LOCKED), so this is safe next to the router and to a second run. The system
 * context only (it closes other members' reservations). Returns how many it released.
 */
export async function releaseStaleReservations(
  tx: Tx,
  ctx: OrgContext,
  options: { olderThanSeconds?: number; limit?: number } = {},
): Promise<number> {
  if (!ctx.roles.includes("system")) {
    throw new AppError("forbidden", "Only the system releases other members' budget reservations.");
  }
  const age = options.olderThanSeconds ?? STALE_RESERVATION_SECONDS;
  const stale = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM ai_budget_reservation
    WHERE org_id = ${ctx.orgId}::uuid AND status = 'open'
      AND created_at < now() - make_interval(secs => ${age}::float8)
    ORDER BY created_at
    LIMIT ${options.limit ?? 1000}
    FOR UPDATE SKIP LOCKED`;
  let released = 0;
  for (const { id } of stale) if (await releaseBudget(tx, ctx, id)) released += 1;
  return released;
}

/**
 * The stale-reservation job's work across every organisation, each in its own system-context
 * transaction (one organisation's failure does not stop the others).
 */
export async function releaseStaleReservationsEverywhere(
  options: { olderThanSeconds?: number; actor?: DbContext["actor"] } = {},
): Promise<{ orgs: number; released: number; failed: number }> {
  const system = systemContext("ai-budget-release-stale", options.actor);
  let released = 0;
  const { orgs, failed } = await forEachOrg(system, "ai-budget-release-stale", async (tx, ctx) => {
    released += await releaseStaleReservations(tx, ctx, options);
  });
  const result = { orgs, released, failed };
  return result;
}
