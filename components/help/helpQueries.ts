"use client";

import { useQuery } from "@tanstack/react-query";

import { apiGet } from "@/components/ui/apiFetch";
import type { TContextHelp, THelpLocale, THelpVersion, TSearchResult } from "@/lib/help/schemas";

/** Query keys of the help area, one factory, so mutations invalidate exactly what they touched. */
export const helpKeys = {
  all: (orgSlug: string) => ["help", orgSlug] as const,
  context: (orgSlug: string, key: string, locale: string) =>
    ["help", orgSlug, "context", key, locale] as const,
  search: (orgSlug: string, q: string) => ["help", orgSlug, "search", q] as const,
  versions: (orgSlug: string, id: string) => ["help", orgSlug, "versions", id] as const,
};

/** The article for a help key; fetched only once `enabled` (the drawer is open). */
export function useContextHelp(orgSlug: string, key: string, locale: THelpLocale, enabled: boolean) {
  return useQuery({
    queryKey: helpKeys.context(orgSlug, key, locale),
    queryFn: () => apiGet<TContextHelp>(orgSlug, `/help/context/${encodeURIComponent(key)}`, { locale }),
    enabled,
    staleTime: 60_000,
  });
}

export function useHelpSearch(orgSlug: string, q: string) {
  return useQuery({
    queryKey: helpKeys.search(orgSlug, q),
    queryFn: () => apiGet<TSearchResult>(orgSlug, "/help/search", { q }),
    enabled: q.trim().length > 0,
  });
}

export function useHelpVersions(orgSlug: string, id: string) {
  return useQuery({
    queryKey: helpKeys.versions(orgSlug, id),
    queryFn: async () =>
      (await apiGet<{ items: THelpVersion[] }>(orgSlug, `/help/articles/${id}/versions`)).items,
  });
}
