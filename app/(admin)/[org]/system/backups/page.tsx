import { AccessGate } from "@/components/shell/AccessGate";
import { AreaPage } from "@/components/shell/AreaPage";
import { BackupsPanel } from "@/components/system/BackupsPanel";
import { SystemLinks } from "@/components/system/SystemLinks";
import { can } from "@/lib/auth/policy";
import { requireOrgSession } from "@/lib/auth/session";
import { listBackups } from "@/lib/system/backup-service";

/** Backups and restore drills, for the operator's admins (backup.read; backup.run to start one). */
export default async function SystemBackupsPage({ params }: PageProps<"/[org]/system/backups">) {
  const session = await requireOrgSession((await params).org);
  const { org, ctx } = session;
  return (
    <AreaPage area="system">
      <SystemLinks orgSlug={org.slug} current="/backups" />
      <AccessGate session={session} action="backup.read" resource="backup" messages="systemOps">
        {async () => (
          <BackupsPanel
            orgSlug={org.slug}
            overview={await listBackups(ctx)}
            canRun={can(ctx, "backup.run", { type: "backup", orgId: ctx.orgId })}
            canDownload={can(ctx, "backup.download", { type: "backup", orgId: ctx.orgId })}
          />
        )}
      </AccessGate>
    </AreaPage>
  );
}
