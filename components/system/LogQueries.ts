"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";

import type { TLogReport } from "@/lib/system/logs-schemas";

import { apiGet } from "@/components/ui/apiFetch";

export type { TLogReport };

/** The page's filters as the URL query of GET /api/v1/system/logs takes them. */
export interface LogFilters {
  q?: string;
  level?: "warn" | "error";
  route?: string;
  org: "this" | "all" | "none";
  hours: 1 | 6 | 24 | 168 | 720;
  fingerprint?: string;
}

export const DEFAULT_LOG_FILTERS: LogFilters = { org: "this", hours: 24 };

export const logKeys = {
  all: ["system-logs"] as const,
  report: (orgSlug: string, filters: LogFilters) => [...logKeys.all, orgSlug, filters] as const,
};

const isDefault = (f: LogFilters) =>
  f.org === "this" && f.hours === 24 && !f.q && !f.level && !f.route && !f.fingerprint;

/** The report for the filters (GET /api/v1/system/logs), read again every minute while the page is open. */
export function useLogReport(orgSlug: string, filters: LogFilters, initial: TLogReport) {
  return useQuery({
    queryKey: logKeys.report(orgSlug, filters),
    queryFn: () => apiGet<TLogReport>(orgSlug, "/system/logs", { ...filters }),
    initialData: isDefault(filters) ? initial : undefined,
    initialDataUpdatedAt: isDefault(filters) ? Date.parse(initial.asOf) : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}
