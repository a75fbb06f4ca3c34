import { notFound } from "next/navigation";

import { ExperimentsPanel } from "@/components/help/ExperimentsPanel";
import { AreaPage } from "@/components/shell/AreaPage";
import { can } from "@/lib/auth/policy";
import { requireOrgSession } from "@/lib/auth/session";

/** The help A/B tests (editors). */
export default async function Page({ params }: PageProps<"/[org]/help/experiments">) {
  const session = await requireOrgSession((await params).org);
  if (!can(session.ctx, "help.experiment", { type: "help_experiment", orgId: session.ctx.orgId })) notFound();
  return (
    <AreaPage area="help">
      <ExperimentsPanel session={session} />
    </AreaPage>
  );
}
