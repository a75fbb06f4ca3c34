import { LeadDetailPanel } from "@/components/leads/LeadDetailPanel";
import { requireOrgSession } from "@/lib/auth/session";

export default async function LeadPage({ params }: PageProps<"/[org]/leads/[id]">) {
  const { org, id } = await params;
  return <LeadDetailPanel session={await requireOrgSession(org)} leadId={id} />;
}
