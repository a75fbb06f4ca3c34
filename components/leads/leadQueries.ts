"use client";

import { keepPreviousData, useQuery, type QueryClient } from "@tanstack/react-query";

import type {
  TLead,
  TLeadListItem,
  TLeadPage,
  TLeadTimeline,
  TListLeads,
  TManagerQueue,
} from "@/lib/leads/schemas";

import { apiGet } from "@/components/ui/apiFetch";

import { tickNow } from "./time";

export type { TLead, TLeadListItem, TLeadTimeline, TManagerQueue };

/** What the list asks GET /api/v1/leads for (ZListLeads's parsed shape; `cursor` is the page's keyset position). */
export type LeadListParams = TListLeads;

export const leadKeys = {
  all: ["leads"] as const,
  org: (orgSlug: string) => [...leadKeys.all, orgSlug] as const,
  lists: (orgSlug: string) => [...leadKeys.org(orgSlug), "list"] as const,
  list: (orgSlug: string, params: LeadListParams) => [...leadKeys.lists(orgSlug), params] as const,
  detail: (orgSlug: string, id: string) => [...leadKeys.org(orgSlug), "detail", id] as const,
  timeline: (orgSlug: string, id: string) => [...leadKeys.org(orgSlug), "timeline", id] as const,
  queue: (orgSlug: string) => [...leadKeys.org(orgSlug), "queue"] as const,
};

/** After a change to one lead: its page, every list and the manager queue may show something else. */
export function invalidateLead(queryClient: QueryClient, orgSlug: string, leadId?: string) {
  tickNow();
  const keys: (readonly unknown[])[] = [leadKeys.lists(orgSlug), leadKeys.queue(orgSlug)];
  if (leadId) keys.push(leadKeys.detail(orgSlug, leadId), leadKeys.timeline(orgSlug, leadId));
  return Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}

/** One page of leads; `onNextCursor` learns where the following page starts. */
export function useLeadPage(
  orgSlug: string,
  params: LeadListParams,
  onNextCursor: (cursor: string | null) => void,
) {
  return useQuery({
    queryKey: leadKeys.list(orgSlug, params),
    queryFn: async () => {
      const page = await apiGet<TLeadPage>(orgSlug, "/leads", params);
      onNextCursor(page.nextCursor);
      return page;
    },
    placeholderData: keepPreviousData,
  });
}

export function useLead(orgSlug: string, id: string, initialData: TLead) {
  return useQuery({
    queryKey: leadKeys.detail(orgSlug, id),
    queryFn: () => apiGet<TLead>(orgSlug, `/leads/${id}`),
    initialData,
  });
}

export function useLeadTimeline(orgSlug: string, id: string, initialData: TLeadTimeline) {
  return useQuery({
    queryKey: leadKeys.timeline(orgSlug, id),
    queryFn: () => apiGet<TLeadTimeline>(orgSlug, `/leads/${id}/timeline`),
    initialData,
  });
}

export function useManagerQueue(orgSlug: string, initialData: TManagerQueue) {
  return useQuery({
    queryKey: leadKeys.queue(orgSlug),
    queryFn: () => apiGet<TManagerQueue>(orgSlug, "/lead-queue"),
    initialData,
  });
}
