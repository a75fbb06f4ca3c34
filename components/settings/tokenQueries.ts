"use client";

import { useQuery } from "@tanstack/react-query";

import type { TTokenSummary } from "@/lib/auth/schemas";

import { apiGet } from "@/components/ui/apiFetch";

export const tokenKeys = {
  all: ["tokens"] as const,
  list: (orgSlug: string) => [...tokenKeys.all, orgSlug] as const,
};

export function useOwnTokens(orgSlug: string) {
  return useQuery({
    queryKey: tokenKeys.list(orgSlug),
    queryFn: async () => (await apiGet<{ items: TTokenSummary[] }>(orgSlug, "/tokens")).items,
  });
}
