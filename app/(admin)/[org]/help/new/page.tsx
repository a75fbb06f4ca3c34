import { notFound } from "next/navigation";

import { ArticleEditor } from "@/components/help/ArticleEditor";
import { AreaPage } from "@/components/shell/AreaPage";
import { can } from "@/lib/auth/policy";
import { requireOrgSession } from "@/lib/auth/session";

/** A new draft (editors); a content gap's "start a draft" fills in its query as the title. */
export default async function Page({ params, searchParams }: PageProps<"/[org]/help/new">) {
  const session = await requireOrgSession((await params).org);
  if (!can(session.ctx, "help.edit", { type: "help_article", orgId: session.ctx.orgId })) notFound();
  const { title, locale } = await searchParams;
  return (
    <AreaPage area="help">
      <ArticleEditor
        orgSlug={session.org.slug}
        article={null}
        userId={session.ctx.userId}
        prefill={{
          title: typeof title === "string" ? title.slice(0, 200) : undefined,
          locale: locale === "en" ? "en" : locale === "de" ? "de" : undefined,
        }}
      />
    </AreaPage>
  );
}
