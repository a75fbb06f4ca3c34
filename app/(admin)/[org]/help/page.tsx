import { AreaPage } from "@/components/shell/AreaPage";
import { requireOrgSession } from "@/lib/auth/session";

export default async function Page({ params }: PageProps<"/[org]/help">) {
  await requireOrgSession((await params).org);
  return <AreaPage area="help" />;
}
