import Stack from "@mui/material/Stack";
import { notFound } from "next/navigation";
import { z } from "zod";

import { LeadSuggestions } from "@/components/integrations/LeadSuggestions";
import type { OrgSession } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { getLead } from "@/lib/leads/service";
import { getLeadTimeline } from "@/lib/leads/service";
import { listLeadSuggestions } from "@/lib/integrations/mail/suggestions";
import { leadSamples } from "@/lib/samples/lead";

import { LeadDetail } from "./LeadDetail";

/**
 * The lead page, rendered on the server with its first data. A lead the caller may not see — another
 * organisation's, another partner's, one whose protection has lapsed — is "not found", exactly like
 * one that does not exist: the services say so, and the page answers 404.
 */
export async function LeadDetailPanel({ session, leadId }: { session: OrgSession; leadId: string }) {
  if (!z.uuid().safeParse(leadId).success) notFound();
  const loaded = await Promise.all([
    getLead(session.ctx, leadId),
    getLeadTimeline(session.ctx, leadId),
    listLeadSuggestions(session.ctx, leadId),
    leadSamples(session.ctx, leadId),
  ]).catch((error: unknown) => {
    if (isAppError(error) && (error.kind === "not_found" || error.kind === "forbidden")) return null;
    throw error;
  });
  if (!loaded) notFound();
  const [lead, timeline, suggestions, samples] = loaded;
  return (
    <Stack spacing={3}>
      <LeadDetail
        orgSlug={session.org.slug}
        initialLead={lead}
        initialTimeline={timeline}
        initialSamples={samples}
      />
      {suggestions.length > 0 && <LeadSuggestions orgSlug={session.org.slug} suggestions={suggestions} />}
    </Stack>
  );
}
