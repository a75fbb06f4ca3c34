"use client";

import { useQuery } from "@tanstack/react-query";

import { listSettingsAction } from "@/lib/settings/actions";
import type { TSettingRow } from "@/lib/settings/schemas";

export const settingsRegistryKeys = {
  all: ["settingsRegistry"] as const,
  list: (orgSlug: string) => [...settingsRegistryKeys.all, orgSlug] as const,
};

/** Every setting as the caller sees it; starts from what the server rendered. */
export function useSettingRows(orgSlug: string, initialRows: TSettingRow[]) {
  return useQuery({
    queryKey: settingsRegistryKeys.list(orgSlug),
    queryFn: async (): Promise<TSettingRow[]> => {
      const result = await listSettingsAction(orgSlug);
      if (result.status !== "ok") throw new Error(result.status === "error" ? result.message : "not loaded");
      return result.data;
    },
    initialData: initialRows,
  });
}
