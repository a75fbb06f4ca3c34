"use client";

import { useQuery } from "@tanstack/react-query";

import { ORG_HEADER_NAME } from "@/lib/http/org-header";

export interface TokenRow {
  id: string;
  name: string;
  tokenPrefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export const tokenKeys = {
  all: ["tokens"] as const,
  list: (orgSlug: string) => [...tokenKeys.all, orgSlug] as const,
};

export function useOwnTokens(orgSlug: string) {
  return useQuery({
    queryKey: tokenKeys.list(orgSlug),
    queryFn: async (): Promise<TokenRow[]> => {
      const response = await fetch("/api/v1/tokens", { headers: { [ORG_HEADER_NAME]: orgSlug } });
      if (!response.ok) throw new Error(`GET /api/v1/tokens: ${response.status}`);
      return ((await response.json()) as { items: TokenRow[] }).items;
    },
  });
}
