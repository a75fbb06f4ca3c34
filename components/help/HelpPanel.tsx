import type { OrgSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/policy";
import { contentGaps, listArticles, listSynonyms } from "@/lib/help/service";

import { HelpArea } from "./HelpArea";

/**
 * The Help area, rendered on the server: the articles the member may read (editors: every status
 * and both spaces, with votes), and for editors the content gaps and the synonym list.
 */
export async function HelpPanel({ session, tab }: { session: OrgSession; tab?: string }) {
  const editor = can(session.ctx, "help.edit", { type: "help_article", orgId: session.ctx.orgId });
  const [articles, gaps, synonyms] = await Promise.all([
    listArticles(session.ctx, {}),
    editor ? contentGaps(session.ctx) : Promise.resolve([]),
    editor ? listSynonyms(session.ctx) : Promise.resolve([]),
  ]);
  return (
    <HelpArea
      orgSlug={session.org.slug}
      editor={editor}
      articles={articles}
      gaps={gaps}
      synonyms={synonyms}
      initialTab={tab}
    />
  );
}
