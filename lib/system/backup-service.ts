import "server-only";

import { recordAudit } from "@/lib/audit/service";
import { authorize } from "@/lib/auth/policy";
import { withOrg, type MemberContext } from "@/lib/db";

import { createBackup, type BackupResult } from "./backup";
import { backupSupport, type BackupSupport } from "./backup-pg";
import { recentBackups, recentDrills, type BackupDrillView, type BackupRunView } from "./backup-queries";
import { runDrill, type DrillResult } from "./drill";
import { healthReport, type HealthReport, type JobSchedule } from "./health-report";

/**
 * The System area's backups and health, for the operator's admins (backup.read, backup.run,
 * system.health.read): what the pages show, and "create a backup now" / "run a drill now", which
 * run the same code as the CLI and the jobs and are audited in the caller's organisation.
 */

export interface BackupsOverview {
  support: BackupSupport;
  backups: BackupRunView[];
  drills: BackupDrillView[];
}

const resource = (ctx: MemberContext, type: string) => ({ type, orgId: ctx.orgId });

export async function listBackups(ctx: MemberContext): Promise<BackupsOverview> {
  authorize(ctx, "backup.read", resource(ctx, "backup"));
  const { backups, drills } = await withOrg(ctx, async (tx) => ({
    backups: await recentBackups(tx),
    drills: await recentDrills(tx),
  }));
  return { support: await backupSupport(), backups, drills };
}

export async function requestBackup(ctx: MemberContext): Promise<BackupResult> {
  authorize(ctx, "backup.run", resource(ctx, "backup"));
  const result = await createBackup("manual");
  await withOrg(ctx, (tx) =>
    recordAudit(tx, ctx, {
      action: "system.backup.requested",
      resourceType: "backup",
      resourceId: result.id,
      after:
        result.status === "succeeded"
          ? { status: result.status, sizeBytes: result.sizeBytes, sha256: result.sha256 }
          : { status: result.status },
    }),
  );
  return result;
}

export async function requestDrill(ctx: MemberContext): Promise<DrillResult> {
  authorize(ctx, "backup.run", resource(ctx, "backup"));
  const result = await runDrill("manual");
  await withOrg(ctx, (tx) =>
    recordAudit(tx, ctx, {
      action: "system.drill.requested",
      resourceType: "backup",
      resourceId: result.backupId,
      after: { drillId: result.id, status: result.status, rtoSeconds: result.rtoSeconds },
    }),
  );
  return result;
}

export async function getHealth(
  ctx: MemberContext,
  schedules: readonly JobSchedule[],
): Promise<HealthReport> {
  authorize(ctx, "system.health.read", resource(ctx, "system"));
  return healthReport(schedules);
}
