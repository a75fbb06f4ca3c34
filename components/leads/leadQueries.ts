"use client";

import { keepPreviousData, useQuery, type QueryClient } from "@tanstack/react-query";

import { ORG_HEADER_NAME } from "@/lib/http/org-header";
import type { ActionState } from "@/lib/http/action";
import { leadTimelineAction, managerQueueAction } from "@/lib/leads/actions";
import type { TLeadSort } from "@/lib/leads/schemas";
import type { LeadDetail, LeadListItem } from "@/lib/leads/service";
import type { LeadTimeline, ManagerQueue } from "@/lib/leads/service";

import { tickNow } from "./time";

export type { LeadDetail, LeadListItem, LeadTimeline, ManagerQueue };

/** What the list asks GET /api/v1/leads for; `cursor` is the page's keyset position. */
export interface LeadListParams {
  status?: "ACTIVE" | "GRACE" | "EXPIRED";
  owner?: "me";
  dueSoon?: true;
  q?: string;
  limit: number;
  sort: TLeadSort;
  cursor?: string;
}

export interface LeadPage {
  items: LeadListItem[];
  nextCursor: string | null;
}

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

async function getJson<T>(orgSlug: string, path: string): Promise<T> {
  const response = await fetch(`/api/v1${path}`, { headers: { [ORG_HEADER_NAME]: orgSlug } });
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as { detail?: string } | null;
    throw new Error(problem?.detail ?? `GET /api/v1${path}: ${response.status}`);
  }
  return (await response.json()) as T;
}

function unwrap<T>(result: ActionState<T>): T {
  if (result.status !== "ok") throw new Error(result.status === "error" ? result.message : "not loaded");
  return result.data;
}

/** One page of leads; `onNextCursor` learns where the following page starts. */
export function useLeadPage(
  orgSlug: string,
  params: LeadListParams,
  onNextCursor: (cursor: string | null) => void,
) {
  return useQuery({
    queryKey: leadKeys.list(orgSlug, params),
    queryFn: async (): Promise<LeadPage> => {
      const search = new URLSearchParams();
      for (const [key, value] of Object.entries(params))
        if (value !== undefined) search.set(key, String(value));
      const page = await getJson<LeadPage>(orgSlug, `/leads?${search}`);
      onNextCursor(page.nextCursor);
      return page;
    },
    placeholderData: keepPreviousData,
  });
}

export function useLead(orgSlug: string, id: string, initialData: LeadDetail) {
  return useQuery({
    queryKey: leadKeys.detail(orgSlug, id),
    queryFn: () => getJson<LeadDetail>(orgSlug, `/leads/${id}`),
    initialData,
  });
}

export function useLeadTimeline(orgSlug: string, id: string, initialData: LeadTimeline) {
  return useQuery({
    queryKey: leadKeys.timeline(orgSlug, id),
    queryFn: async () => unwrap(await leadTimelineAction(orgSlug, id)),
    initialData,
  });
}

export function useManagerQueue(orgSlug: string, initialData: ManagerQueue) {
  return useQuery({
    queryKey: leadKeys.queue(orgSlug),
    queryFn: async () => unwrap(await managerQueueAction(orgSlug)),
    initialData,
  });
}
