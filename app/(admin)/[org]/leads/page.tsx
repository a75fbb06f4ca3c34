import { AreaPage } from "@/components/shell/AreaPage";
import { requireOrgSession } from "@/lib/auth/session";

export default async function Page({ params }: PageProps<"/[org]/leads">) {
  await requireOrgSession((await params).org);
  return <AreaPage area="leads" />;
}
