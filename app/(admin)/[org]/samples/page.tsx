import { SamplesPanel } from "@/components/samples/SamplesPanel";
import { AreaPage } from "@/components/shell/AreaPage";
import { requireOrgSession } from "@/lib/auth/session";

export default async function Page({ params, searchParams }: PageProps<"/[org]/samples">) {
  const session = await requireOrgSession((await params).org);
  return (
    <AreaPage area="samples">
      <SamplesPanel session={session} searchParams={await searchParams} />
    </AreaPage>
  );
}
