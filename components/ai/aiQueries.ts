"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { aiDashboardAction, aiPricesAction } from "@/lib/ai/actions";
import type { TModelPrice } from "@/lib/ai/schemas";
import type { AiDashboardView, TAiPeriodDays } from "@/lib/ai/service";
import type { ActionState } from "@/lib/http/action";

export type { AiDashboardView, TAiPeriodDays, TModelPrice };

/** The picker's periods, as ZAiPeriodDays accepts them. */
export const PERIODS: readonly TAiPeriodDays[] = [7, 30, 90];

export const aiKeys = {
  all: ["ai"] as const,
  org: (orgSlug: string) => [...aiKeys.all, orgSlug] as const,
  dashboard: (orgSlug: string, days: TAiPeriodDays) => [...aiKeys.org(orgSlug), "dashboard", days] as const,
  prices: (orgSlug: string) => [...aiKeys.org(orgSlug), "prices"] as const,
};

function unwrap<T>(result: ActionState<T>): T {
  if (result.status !== "ok") throw new Error(result.status === "error" ? result.message : "not loaded");
  return result.data;
}

/**
 * The dashboard of a period. The server rendered one period (`initial`); only that period starts
 * from it, the others load and keep showing the previous period meanwhile.
 */
export function useAiDashboard(orgSlug: string, days: TAiPeriodDays, initial: AiDashboardView) {
  return useQuery({
    queryKey: aiKeys.dashboard(orgSlug, days),
    queryFn: async () => unwrap(await aiDashboardAction(orgSlug, days)),
    initialData: days === initial.days ? initial : undefined,
    placeholderData: keepPreviousData,
  });
}

export function useAiPrices(orgSlug: string, initialPrices: TModelPrice[]) {
  return useQuery({
    queryKey: aiKeys.prices(orgSlug),
    queryFn: async () => unwrap(await aiPricesAction(orgSlug)),
    initialData: initialPrices,
  });
}
