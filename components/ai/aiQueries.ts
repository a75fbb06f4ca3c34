"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";

import type { TAiDashboard, TAiPeriodDays, TModelPrice } from "@/lib/ai/schemas";

import { apiGet } from "@/components/ui/apiFetch";

export type { TAiDashboard, TAiPeriodDays, TModelPrice };

/** The picker's periods, as ZAiPeriodDays accepts them. */
export const PERIODS: readonly TAiPeriodDays[] = [7, 30, 90];

export const aiKeys = {
  all: ["ai"] as const,
  org: (orgSlug: string) => [...aiKeys.all, orgSlug] as const,
  dashboard: (orgSlug: string, days: TAiPeriodDays) => [...aiKeys.org(orgSlug), "dashboard", days] as const,
  prices: (orgSlug: string) => [...aiKeys.org(orgSlug), "prices"] as const,
};

/**
 * The dashboard of a period (GET /api/v1/ai/dashboard). The server rendered one period (`initial`);
 * only that period starts from it, the others load and keep showing the previous period meanwhile.
 */
export function useAiDashboard(orgSlug: string, days: TAiPeriodDays, initial: TAiDashboard) {
  return useQuery({
    queryKey: aiKeys.dashboard(orgSlug, days),
    queryFn: () => apiGet<TAiDashboard>(orgSlug, "/ai/dashboard", { days }),
    initialData: days === initial.days ? initial : undefined,
    placeholderData: keepPreviousData,
  });
}

/** The price table (GET /api/v1/ai/prices). */
export function useAiPrices(orgSlug: string, initialPrices: TModelPrice[]) {
  return useQuery({
    queryKey: aiKeys.prices(orgSlug),
    queryFn: async () => (await apiGet<{ items: TModelPrice[] }>(orgSlug, "/ai/prices")).items,
    initialData: initialPrices,
  });
}
