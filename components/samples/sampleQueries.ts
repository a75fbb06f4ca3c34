"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, useTransition } from "react";

import { invalidateLead } from "@/components/leads/leadQueries";
import type { ActionState } from "@/lib/http/action";
import type { LeadSamples } from "@/lib/samples/lead";

export type { LeadSamples };
export type SampleBox = LeadSamples["boxes"][number];
export type SamplePhase = SampleBox["phases"][number];

export const sampleKeys = {
  all: ["samples"] as const,
  lead: (orgSlug: string, leadId: string) => [...sampleKeys.all, orgSlug, "lead", leadId] as const,
};

/** A lead's samples: first rendered on the server, reloaded from its page's GET route after a change. */
export function useLeadSamples(orgSlug: string, leadId: string, initialData: LeadSamples) {
  return useQuery({
    queryKey: sampleKeys.lead(orgSlug, leadId),
    queryFn: async (): Promise<LeadSamples> => {
      const response = await fetch(`/${orgSlug}/leads/${leadId}/samples`);
      if (!response.ok) {
        const problem = (await response.json().catch(() => null)) as { detail?: string } | null;
        throw new Error(problem?.detail ?? `GET samples: ${response.status}`);
      }
      return (await response.json()) as LeadSamples;
    },
    initialData,
    // Answers arrive from customers, not from this page: while a link is open, look every half minute.
    refetchInterval: (query) =>
      query.state.data?.boxes.some((b) => b.phases.some((p) => p.links.some((l) => l.state === "OPEN")))
        ? 30_000
        : false,
  });
}

/** After a change to a lead's samples: the section, and the lead (its timeline may have moved). */
export function useInvalidateSamples(orgSlug: string, leadId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: sampleKeys.lead(orgSlug, leadId) }),
      invalidateLead(queryClient, orgSlug, leadId),
    ]);
}

/**
 * Runs a server action that takes an object (not a form): busy while it runs, the action's message
 * and field errors afterwards, `onOk` with its data when it succeeded.
 */
export function useSampleAction<T>(onOk?: (data: T) => unknown) {
  const [pending, startTransition] = useTransition();
  const [failed, setFailed] = useState<{ message: string | null; fieldErrors: Record<string, string> }>({
    message: null,
    fieldErrors: {},
  });
  const run = (action: () => Promise<ActionState<T>>) =>
    startTransition(async () => {
      const result = await action();
      if (result.status === "error") {
        setFailed({
          message: result.message || result.fieldErrors._ || null,
          fieldErrors: result.fieldErrors,
        });
        return;
      }
      setFailed({ message: null, fieldErrors: {} });
      if (result.status === "ok") await onOk?.(result.data);
    });
  return { pending, run, message: failed.message, fieldErrors: failed.fieldErrors };
}

/** What a test phase's parts are drawn from. */
export interface PhaseProps {
  orgSlug: string;
  leadId: string;
  box: SampleBox;
  phase: SamplePhase;
  canConfigure: boolean;
}
