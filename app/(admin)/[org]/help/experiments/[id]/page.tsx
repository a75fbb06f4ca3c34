import { notFound } from "next/navigation";

import { ExperimentResultsPanel } from "@/components/help/ExperimentsPanel";
import { AreaPage } from "@/components/shell/AreaPage";
import { can } from "@/lib/auth/policy";
import { requireOrgSession } from "@/lib/auth/session";

/** One help A/B test's results (editors). */
export default async function Page({ params }: PageProps<"/[org]/help/experiments/[id]">) {
  const { org, id } = await params;
  const session = await requireOrgSession(org);
  if (!can(session.ctx, "help.experiment", { type: "help_experiment", orgId: session.ctx.orgId })) notFound();
  return (
    <AreaPage area="help">
      <ExperimentResultsPanel session={session} experimentId={id} />
    </AreaPage>
  );
}
