import { AccessGate } from "@/components/shell/AccessGate";
import { AreaPage } from "@/components/shell/AreaPage";
import { JobsPanel } from "@/components/system/JobsPanel";
import { SystemLinks } from "@/components/system/SystemLinks";
import { can } from "@/lib/auth/policy";
import { requireOrgSession } from "@/lib/auth/session";
import { jobRunnerMode, listJobs } from "@/lib/jobs/service";

/**
 * The System area: links to its pages (KPIs, logs, health, backups, alerts), then the scheduled jobs, their latest runs and, for administrators, "run now".
 * Administrators and auditors may look; other members see why they cannot, not a 404.
 */
export default async function SystemPage({ params }: PageProps<"/[org]/system">) {
  const session = await requireOrgSession((await params).org);
  const { org, ctx } = session;
  return (
    <AreaPage area="system">
      <SystemLinks orgSlug={org.slug} current="" />
      <AccessGate session={session} action="job.read" resource="job" messages="jobs">
        {async () => (
          <JobsPanel
            orgSlug={org.slug}
            jobs={await listJobs(ctx)}
            mode={jobRunnerMode()}
            canRun={can(ctx, "job.run", { type: "job", orgId: ctx.orgId })}
          />
        )}
      </AccessGate>
    </AreaPage>
  );
}
