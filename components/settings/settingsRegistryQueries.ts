"use client";

import { useQuery } from "@tanstack/react-query";

import type { TSettingRow } from "@/lib/settings/schemas";

import { apiGet } from "@/components/ui/apiFetch";

export const settingsRegistryKeys = {
  all: ["settingsRegistry"] as const,
  list: (orgSlug: string) => [...settingsRegistryKeys.all, orgSlug] as const,
};

/** Every setting as the caller sees it (GET /api/v1/settings); starts from what the server rendered. */
export function useSettingRows(orgSlug: string, initialRows: TSettingRow[]) {
  return useQuery({
    queryKey: settingsRegistryKeys.list(orgSlug),
    queryFn: async () => (await apiGet<{ items: TSettingRow[] }>(orgSlug, "/settings")).items,
    initialData: initialRows,
  });
}
