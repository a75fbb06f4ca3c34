import "server-only";

import { authorize } from "@/lib/auth/policy";
import { withOrg, type MemberContext, type OrgContext } from "@/lib/db";
import { env } from "@/lib/env";

import { budgetStatus, monthOf } from "./budget";
import { listPrices, setPrice } from "./prices";
import { aiDashboard } from "./queries";
import { routeAi, type AiAnswer, type AiRequest, type RouterOptions } from "./router";
import type { TAiDashboard, TAiPeriodDays, TBudgetStatus, TModelPrice, TModelPriceInput } from "./schemas";

/**
 * The AI domain's service, the entry point for actions, routes and other domains: asking a model
 * (`askAi`, through the router), the dashboard for one of the picker's periods, the caller's own
 * budget, the price list and its edits, and whether the providers have keys. Each asks ABAC
 * (ai.use, ai.dashboard.view, ai.prices.edit) before it touches data; row-level security asks again.
 */

/**
 * Asks the use case's model for an answer, for a member who may use AI (ai.use): the router then
 * parses the input, answers from the cache or the models within the budget, and logs the call.
 */
export async function askAi(
  ctx: OrgContext,
  request: AiRequest,
  options: RouterOptions = {},
): Promise<AiAnswer> {
  authorize(ctx, "ai.use", { type: "ai", orgId: ctx.orgId });
  return routeAi(ctx, request, options);
}

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

export async function getAiDashboard(ctx: MemberContext, days: TAiPeriodDays): Promise<TAiDashboard> {
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
export async function getAiBudget(ctx: MemberContext): Promise<TBudgetStatus> {
  return withOrg(ctx, (tx) => budgetStatus(tx, ctx));
}

/** The model prices, for those who see the dashboard (the page's price table). */
export async function getAiPrices(ctx: MemberContext): Promise<TModelPrice[]> {
  authorize(ctx, "ai.dashboard.view", { type: "ai", orgId: ctx.orgId });
  return withOrg(ctx, (tx) => listPrices(tx));
}

/** A platform admin sets one model's price; setPrice checks ai.prices.edit and audits the change. */
export async function setModelPrice(ctx: MemberContext, input: TModelPriceInput): Promise<TModelPrice> {
  return withOrg(ctx, (tx) => setPrice(tx, ctx, input));
}
