import LockOutlined from "@mui/icons-material/LockOutlined";
import Typography from "@mui/material/Typography";
import { getTranslations } from "next-intl/server";

import { EmptyState } from "@/components/ui/EmptyState";
import { can } from "@/lib/auth/policy";
import type { OrgSession } from "@/lib/auth/session";
import { getManagerQueue } from "@/lib/leads/ui-queries";

import { LeadQueue } from "./LeadQueue";

/**
 * The managers' queue. Other members see why they cannot use it rather than a 404: the page is
 * linked for managers only, but a partner who follows a shared link should learn what it is.
 */
export async function LeadQueuePanel({ session }: { session: OrgSession }) {
  const t = await getTranslations("leads.queue");
  const { ctx, org } = session;
  const heading = (
    <>
      <Typography variant="h4" component="h1" gutterBottom>
        {t("title")}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 3 }}>
        {t("intro")}
      </Typography>
    </>
  );
  if (!can(ctx, "lead.manage", { type: "lead", orgId: ctx.orgId })) {
    return (
      <>
        {heading}
        <EmptyState icon={<LockOutlined />} title={t("forbiddenTitle")}>
          {t("forbiddenText", { org: org.name })}
        </EmptyState>
      </>
    );
  }
  return (
    <>
      {heading}
      <LeadQueue orgSlug={org.slug} initialQueue={await getManagerQueue(ctx)} />
    </>
  );
}
