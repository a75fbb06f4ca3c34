import "server-only";

import { z } from "zod";

import { authorize } from "@/lib/auth/policy";
import { withOrg, type DbContext } from "@/lib/db";
import { env } from "@/lib/env";

import { budgetStatus, monthOf, type BudgetStatus } from "./budget";
import { listPrices } from "./prices";
import { aiDashboard, type AiDashboard } from "./queries";
import type { TModelPrice } from "./schemas";

/**
 * Reads only the AI page needs, beside the data layer: the dashboard for one of the picker's
 * periods, the caller's own budget, the price list and whether the providers have keys. Access as
 * in queries.ts: aiDashboard asks ABAC (ai.dashboard.view), row-level security asks again.
 */

type OrgContext = DbContext & { orgId: string; userId: string };

/** The periods the page offers, in days up to and including today (UTC). */
export const ZAiPeriodDays = z.union([z.literal(7), z.literal(30), z.literal(90)]);
export type TAiPeriodDays = z.infer<typeof ZAiPeriodDays>;
export const DEFAULT_PERIOD_DAYS: TAiPeriodDays = 30;

const DAY_MS = 86_400_000;

/** The last `days` days, today included: [midnight UTC `days - 1` days ago, tomorrow's midnight UTC). */
export function periodOf(days: TAiPeriodDays, now: Date = new Date()) {
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
  return { from: new Date(to.getTime() - days * DAY_MS), to };
}

/** Which providers have a key: without one a provider is "not configured", never an error. */
export interface AiProviderStatus {
  openai: boolean;
  anthropic: boolean;
}

export function aiProviderStatus(): AiProviderStatus {
  const e = env();
  return { openai: Boolean(e.OPENAI_API_KEY), anthropic: Boolean(e.ANTHROPIC_API_KEY) };
}

/** The dashboard as the browser gets it: the period as ISO strings, with this month's budget status. */
export type AiDashboardView = Omit<AiDashboard, "period"> & {
  days: TAiPeriodDays;
  period: { from: string; to: string };
  status: BudgetStatus;
};

export async function getAiDashboard(ctx: OrgContext, days: TAiPeriodDays): Promise<AiDashboardView> {
  const period = periodOf(days);
  const month = monthOf();
  return withOrg(ctx, async (tx) => {
    const dashboard = await aiDashboard(tx, ctx, period, month);
    return {
      ...dashboard,
      days,
      period: { from: period.from.toISOString(), to: period.to.toISOString() },
      status: await budgetStatus(tx, ctx, month),
    };
  });
}

/** The caller's own view of this month's budget: their line and the organisation's. */
export async function getAiBudget(ctx: OrgContext): Promise<BudgetStatus> {
  return withOrg(ctx, (tx) => budgetStatus(tx, ctx));
}

/** The model prices, for those who see the dashboard (the page's price table). */
export async function getAiPrices(ctx: OrgContext): Promise<TModelPrice[]> {
  authorize(ctx, "ai.dashboard.view", { type: "ai", orgId: ctx.orgId });
  return withOrg(ctx, (tx) => listPrices(tx));
}
