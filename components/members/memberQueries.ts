"use client";

import { useQuery } from "@tanstack/react-query";

import { apiGet } from "@/components/ui/apiFetch";
import type { TMember } from "@/lib/auth/schemas";

export const memberKeys = {
  all: ["members"] as const,
  list: (orgSlug: string) => [...memberKeys.all, orgSlug] as const,
};

/** The organisation's members (GET /api/v1/members), starting from what the page rendered. */
export function useMembers(orgSlug: string, initialData: TMember[]) {
  return useQuery({
    queryKey: memberKeys.list(orgSlug),
    queryFn: async () => (await apiGet<{ items: TMember[] }>(orgSlug, "/members")).items,
    initialData,
  });
}
