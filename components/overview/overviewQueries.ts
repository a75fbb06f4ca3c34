"use client";

import { useQuery } from "@tanstack/react-query";

import type { TNotificationPage, TOverviewCounts } from "@/lib/overview/schemas";

import { apiGet } from "@/components/ui/apiFetch";

/** How often the header asks for its numbers (the bell, the queue's badge). */
const POLL_MS = 60_000;

export const overviewKeys = {
  org: (orgSlug: string) => ["overview", orgSlug] as const,
  counts: (orgSlug: string) => [...overviewKeys.org(orgSlug), "counts"] as const,
  notifications: (orgSlug: string) => [...overviewKeys.org(orgSlug), "notifications"] as const,
};

/** Unread notifications and decisions waiting, polled every minute while the page is open. */
export function useOverviewCounts(orgSlug: string) {
  return useQuery({
    queryKey: overviewKeys.counts(orgSlug),
    queryFn: () => apiGet<TOverviewCounts>(orgSlug, "/overview/counts"),
    refetchInterval: POLL_MS,
  });
}

/** The caller's inbox, read when the bell is opened. */
export function useNotifications(orgSlug: string, enabled: boolean) {
  return useQuery({
    queryKey: overviewKeys.notifications(orgSlug),
    queryFn: () => apiGet<TNotificationPage>(orgSlug, "/notifications", { limit: 30 }),
    enabled,
  });
}
