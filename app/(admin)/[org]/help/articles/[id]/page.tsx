import { HelpArticlePanel } from "@/components/help/HelpArticlePanel";
import { AreaPage } from "@/components/shell/AreaPage";
import { requireOrgSession } from "@/lib/auth/session";

export default async function Page({ params }: PageProps<"/[org]/help/articles/[id]">) {
  const { org, id } = await params;
  return (
    <AreaPage area="help">
      <HelpArticlePanel session={await requireOrgSession(org)} articleId={id} />
    </AreaPage>
  );
}
