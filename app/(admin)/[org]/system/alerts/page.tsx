import { AccessGate } from "@/components/shell/AccessGate";
import { AreaPage } from "@/components/shell/AreaPage";
import { AlertsPanel } from "@/components/system/AlertsPanel";
import { SystemLinks } from "@/components/system/SystemLinks";
import { can } from "@/lib/auth/policy";
import { requireOrgSession } from "@/lib/auth/session";
import { listAlerts } from "@/lib/system/alerts-service";

/** Alert rules and their history, for the operator's admins (alert.read; alert.manage to edit). */
export default async function SystemAlertsPage({ params }: PageProps<"/[org]/system/alerts">) {
  const session = await requireOrgSession((await params).org);
  const { org, ctx } = session;
  return (
    <AreaPage area="system">
      <SystemLinks orgSlug={org.slug} current="/alerts" />
      <AccessGate session={session} action="alert.read" resource="alert" messages="systemOps">
        {async () => {
          const { rules, events } = await listAlerts(ctx);
          return (
            <AlertsPanel
              orgSlug={org.slug}
              rules={rules}
              events={events}
              canEdit={can(ctx, "alert.manage", { type: "alert", orgId: ctx.orgId })}
            />
          );
        }}
      </AccessGate>
    </AreaPage>
  );
}
