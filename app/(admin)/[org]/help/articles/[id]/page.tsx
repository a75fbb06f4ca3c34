import { HelpArticlePanel } from "@/components/help/HelpArticlePanel";
import { requireOrgSession } from "@/lib/auth/session";

/** One help article, headed by its title (not the area's "Help"), like a lead's page. */
export default async function Page({ params }: PageProps<"/[org]/help/articles/[id]">) {
  const { org, id } = await params;
  return <HelpArticlePanel session={await requireOrgSession(org)} articleId={id} />;
}
