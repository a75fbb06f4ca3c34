import LockOutlined from "@mui/icons-material/LockOutlined";
import { getTranslations } from "next-intl/server";

import { ConnectionHealthList } from "@/components/integrations/ConnectionHealthList";
import { IntegrationsPanel } from "@/components/integrations/IntegrationsPanel";
import { WebhookInbox } from "@/components/integrations/WebhookInbox";
import { XentralSection } from "@/components/integrations/XentralSection";
import { AreaPage } from "@/components/shell/AreaPage";
import { EmptyState } from "@/components/ui/EmptyState";
import { can } from "@/lib/auth/policy";
import { requireOrgSession } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { getConnectionsHealth } from "@/lib/integrations/health";
import { listMailAccounts } from "@/lib/integrations/kas/service";
import { listInboxSuggestions } from "@/lib/integrations/mail/suggestions";
import { getIntegrationsOverview } from "@/lib/integrations/service";
import { getWebhookInbox } from "@/lib/integrations/webhook-inbox";
import { getXentralOverview } from "@/lib/integrations/xentral/service";

/** The Integrations area: administrators manage connections and see the outbox; others see why not. */
export default async function IntegrationsPage({ params }: PageProps<"/[org]/integrations">) {
  const { org, ctx } = await requireOrgSession((await params).org);
  if (
    !can({ userId: ctx.userId, orgId: ctx.orgId, roles: ctx.roles }, "integration.manage", {
      type: "integration",
      orgId: ctx.orgId,
    })
  ) {
    const t = await getTranslations("integrations");
    return (
      <AreaPage area="integrations">
        <EmptyState icon={<LockOutlined />} title={t("forbiddenTitle")}>
          {t("forbiddenText", { org: org.name })}
        </EmptyState>
      </AreaPage>
    );
  }
  const [overview, health, inbox, suggestions, xentral] = await Promise.all([
    getIntegrationsOverview(ctx),
    getConnectionsHealth(ctx),
    getWebhookInbox(ctx),
    listInboxSuggestions(ctx),
    getXentralOverview(ctx),
  ]);
  return (
    <AreaPage area="integrations">
      <IntegrationsPanel
        orgSlug={org.slug}
        overview={overview}
        suggestions={suggestions}
        // Not awaited: the KAS section streams in when KAS has answered.
        kas={listMailAccounts(ctx).then(
          (view) => ({ ok: true as const, view }),
          (error: unknown) => ({ ok: false as const, message: isAppError(error) ? error.message : "KAS" }),
        )}
      >
        <XentralSection orgSlug={org.slug} overview={xentral} />
        <ConnectionHealthList health={health} />
        <WebhookInbox orgSlug={org.slug} inbox={inbox} />
      </IntegrationsPanel>
    </AreaPage>
  );
}
