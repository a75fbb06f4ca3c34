import { AccessGate } from "@/components/shell/AccessGate";
import { AreaPage } from "@/components/shell/AreaPage";
import { SystemLinks } from "@/components/system/SystemLinks";
import { LogPanel } from "@/components/system/LogPanel";
import { requireOrgSession } from "@/lib/auth/session";
import { getLogReport, mayReadAllLogs } from "@/lib/system/logs";
import { ZLogQuery } from "@/lib/system/logs-schemas";

/**
 * The System area's log analytics: administrators and auditors (job.read) read their organisation's
 * warnings and errors; the operator's admins every organisation's and this instance's slow routes.
 * The page renders the last 24 hours; the browser reads GET /api/v1/system/logs for other filters.
 */
export default async function SystemLogsPage({ params }: PageProps<"/[org]/system/logs">) {
  const session = await requireOrgSession((await params).org);
  const { org, ctx } = session;
  return (
    <AreaPage area="system">
      <SystemLinks orgSlug={org.slug} current="/logs" />
      <AccessGate session={session} action="job.read" resource="job" messages="jobs">
        {async () => (
          <LogPanel
            orgSlug={org.slug}
            initial={await getLogReport(ctx, ZLogQuery.parse({}))}
            canSeeAll={mayReadAllLogs(ctx)}
          />
        )}
      </AccessGate>
    </AreaPage>
  );
}
