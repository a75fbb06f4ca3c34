import { AccessGate } from "@/components/shell/AccessGate";
import { AreaPage } from "@/components/shell/AreaPage";
import { HealthPanel } from "@/components/system/HealthPanel";
import { SystemLinks } from "@/components/system/SystemLinks";
import { requireOrgSession } from "@/lib/auth/session";
import { jobSchedules } from "@/lib/jobs/runner";
import { getHealth } from "@/lib/system/backup-service";

/** The installation's health, for the operator's admins (system.health.read). */
export default async function SystemHealthPage({ params }: PageProps<"/[org]/system/health">) {
  const session = await requireOrgSession((await params).org);
  return (
    <AreaPage area="system">
      <SystemLinks orgSlug={session.org.slug} current="/health" />
      <AccessGate session={session} action="system.health.read" resource="system" messages="systemOps">
        {async () => <HealthPanel report={await getHealth(session.ctx, jobSchedules())} />}
      </AccessGate>
    </AreaPage>
  );
}
