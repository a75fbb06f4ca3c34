"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";

import type { TKpiPeriod, TSystemKpis } from "@/lib/system/kpis-schemas";
import { ORG_HEADER_NAME } from "@/lib/http/org-header";

import { apiGet } from "@/components/ui/apiFetch";

export type { TKpiPeriod, TSystemKpis };
export type TKpiScope = TSystemKpis["scope"];

/** How often the page reads the figures again while it is open. */
export const KPI_REFRESH_MS = 60_000;

export const kpiKeys = {
  all: ["system-kpis"] as const,
  view: (orgSlug: string, days: TKpiPeriod, scope: TKpiScope) =>
    [...kpiKeys.all, orgSlug, scope, days] as const,
};

/**
 * The KPIs (GET /api/v1/system/kpis), read again every minute (and when the window gets focus).
 * The server rendered one view (`initial`); the others load, showing the previous one meanwhile.
 */
export function useSystemKpis(orgSlug: string, days: TKpiPeriod, scope: TKpiScope, initial: TSystemKpis) {
  const isInitial = days === initial.days && scope === initial.scope;
  return useQuery({
    queryKey: kpiKeys.view(orgSlug, days, scope),
    queryFn: () => apiGet<TSystemKpis>(orgSlug, "/system/kpis", { days, scope }),
    initialData: isInitial ? initial : undefined,
    initialDataUpdatedAt: isInitial ? Date.parse(initial.asOf) : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: KPI_REFRESH_MS,
  });
}

/** The trend as CSV (GET /api/v1/system/kpis/export), fetched because the organisation travels in a header. */
export async function downloadKpiCsv(orgSlug: string, days: TKpiPeriod, scope: TKpiScope) {
  const response = await fetch(`/api/v1/system/kpis/export?days=${days}&scope=${scope}`, {
    headers: { [ORG_HEADER_NAME]: orgSlug, accept: "text/csv" },
  });
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as { detail?: string } | null;
    throw new Error(problem?.detail ?? `${response.status}`);
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1];
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = name ?? "system-kpis.csv";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
