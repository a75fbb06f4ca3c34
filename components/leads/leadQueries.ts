"use client";

import { keepPreviousData, useQuery, type QueryClient } from "@tanstack/react-query";

import type {
  TExportLeads,
  TLead,
  TLeadListItem,
  TLeadPage,
  TLeadTimeline,
  TListLeads,
  TManagerQueue,
} from "@/lib/leads/schemas";

import { apiGet } from "@/components/ui/apiFetch";
import { ORG_HEADER_NAME } from "@/lib/http/org-header";

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

/** One page of leads (by its number: the page's URL keeps it). */
export function useLeadPage(orgSlug: string, params: LeadListParams) {
  return useQuery({
    queryKey: leadKeys.list(orgSlug, params),
    queryFn: () => apiGet<TLeadPage>(orgSlug, "/leads", params),
    placeholderData: keepPreviousData,
  });
}

/**
 * The list as CSV (GET /api/v1/leads/export with the list's filters and order), saved as a file. It
 * is fetched rather than linked to, because the organisation travels in a header.
 */
export async function downloadLeadCsv(orgSlug: string, query: TExportLeads) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) search.set(key, String(value));
  const response = await fetch(`/api/v1/leads/export?${search}`, {
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
  link.download = name ?? "leads.csv";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
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
