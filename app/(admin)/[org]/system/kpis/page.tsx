import { AccessGate } from "@/components/shell/AccessGate";
import { AreaPage } from "@/components/shell/AreaPage";
import { SystemLinks } from "@/components/system/SystemLinks";
import { KpiDashboard } from "@/components/system/KpiDashboard";
import { requireOrgSession } from "@/lib/auth/session";
import { jobKpis } from "@/lib/jobs/kpis";
import { getSystemKpis, mayReadAllOrgs } from "@/lib/system/kpis";

/**
 * The System area's business KPIs (SystemDashboard): administrators and auditors (job.read); the
 * operator's admins may switch to every organisation. The page renders the last 30 days; the
 * browser then reads GET /api/v1/system/kpis every minute.
 */
export default async function SystemKpisPage({ params }: PageProps<"/[org]/system/kpis">) {
  const session = await requireOrgSession((await params).org);
  const { org, ctx } = session;
  return (
    <AreaPage area="system">
      <SystemLinks orgSlug={org.slug} current="/kpis" />
      <AccessGate session={session} action="job.read" resource="job" messages="jobs">
        {async () => {
          const query = { days: 30, scope: "org" } as const;
          const initial = await getSystemKpis(ctx, query, await jobKpis(ctx, query.days));
          return <KpiDashboard orgSlug={org.slug} initial={initial} canSeeAll={mayReadAllOrgs(ctx)} />;
        }}
      </AccessGate>
    </AreaPage>
  );
}
