import LockOutlined from "@mui/icons-material/LockOutlined";
import { getTranslations } from "next-intl/server";

import { AreaPage } from "@/components/shell/AreaPage";
import { JobsPanel } from "@/components/system/JobsPanel";
import { EmptyState } from "@/components/ui/EmptyState";
import { can } from "@/lib/auth/policy";
import { requireOrgSession } from "@/lib/auth/session";
import { jobRunnerMode, listJobs } from "@/lib/jobs/service";

/**
 * The System area: the scheduled jobs, their latest runs and, for administrators, "run now".
 * Administrators and auditors may look; other members see why they cannot, not a 404.
 */
export default async function SystemPage({ params }: PageProps<"/[org]/system">) {
  const { org, ctx } = await requireOrgSession((await params).org);
  const subject = { userId: ctx.userId, orgId: ctx.orgId, roles: ctx.roles };
  const resource = { type: "job", orgId: ctx.orgId };

  if (!can(subject, "job.read", resource)) {
    const t = await getTranslations("jobs");
    return (
      <AreaPage area="system">
        <EmptyState icon={<LockOutlined />} title={t("forbiddenTitle")}>
          {t("forbiddenText", { org: org.name })}
        </EmptyState>
      </AreaPage>
    );
  }

  return (
    <AreaPage area="system">
      <JobsPanel
        orgSlug={org.slug}
        jobs={await listJobs(ctx)}
        mode={jobRunnerMode()}
        canRun={can(subject, "job.run", resource)}
      />
    </AreaPage>
  );
}
