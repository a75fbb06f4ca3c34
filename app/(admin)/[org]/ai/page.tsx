import { AiPanel } from "@/components/ai/AiPanel";
import { AreaPage } from "@/components/shell/AreaPage";
import { requireOrgSession } from "@/lib/auth/session";

export default async function AiPage({ params }: PageProps<"/[org]/ai">) {
  const session = await requireOrgSession((await params).org);
  return (
    <AreaPage area="ai">
      <AiPanel session={session} />
    </AreaPage>
  );
}
