import { LeadQueuePanel } from "@/components/leads/LeadQueuePanel";
import { requireOrgSession } from "@/lib/auth/session";

export default async function LeadQueuePage({ params }: PageProps<"/[org]/leads/queue">) {
  return <LeadQueuePanel session={await requireOrgSession((await params).org)} />;
}
