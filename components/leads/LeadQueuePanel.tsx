import Typography from "@mui/material/Typography";
import { getTranslations } from "next-intl/server";

import { AccessGate } from "@/components/shell/AccessGate";
import type { OrgSession } from "@/lib/auth/session";
import { getManagerQueue } from "@/lib/leads/service";

import { LeadQueue } from "./LeadQueue";

/**
 * The managers' queue. Other members see why they cannot use it (AccessGate): the page is linked
 * for managers only, but a partner who follows a shared link should learn what it is.
 */
export async function LeadQueuePanel({ session }: { session: OrgSession }) {
  const t = await getTranslations("leads.queue");
  const { ctx, org } = session;
  return (
    <>
      <Typography variant="h4" component="h1" gutterBottom>
        {t("title")}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 3 }}>
        {t("intro")}
      </Typography>
      <AccessGate session={session} action="lead.manage" resource="lead" messages="leads.queue">
        {async () => <LeadQueue orgSlug={org.slug} initialQueue={await getManagerQueue(ctx)} />}
      </AccessGate>
    </>
  );
}
