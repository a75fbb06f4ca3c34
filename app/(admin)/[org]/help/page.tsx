import { HelpActions } from "@/components/help/HelpActions";
import { HelpPanel } from "@/components/help/HelpPanel";
import { AreaPage } from "@/components/shell/AreaPage";
import { requireOrgSession } from "@/lib/auth/session";

export default async function Page({ params, searchParams }: PageProps<"/[org]/help">) {
  const session = await requireOrgSession((await params).org);
  const { tab } = await searchParams;
  return (
    <AreaPage area="help" actions={<HelpActions session={session} />}>
      <HelpPanel session={session} tab={typeof tab === "string" ? tab : undefined} />
    </AreaPage>
  );
}
