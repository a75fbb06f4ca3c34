import "server-only";

import { withOrg, type MemberContext } from "@/lib/db";

import { DEMO_ARTICLES, DEMO_GAP_QUERIES, DEMO_SYNONYMS } from "./demo-articles";
import { DEMO_GUIDES } from "./demo-guides";
import { seedGuides } from "./guides";
import { addSynonym, createArticle, searchHelp, transitionArticle } from "./service";

/**
 * The demo's help content (prisma/seed.ts): the articles of lib/help/demo-articles.ts, written by
 * the manager and published by the admin (four eyes), the synonyms, and a few searches without a
 * result for the content-gap report. Runs once: an organisation that has articles is left alone.
 */
export async function seedHelp(
  admin: MemberContext,
  manager: MemberContext,
  partner: MemberContext,
): Promise<{ articles: number }> {
  // The workflow guides came later than the articles: seeded on their own, once.
  await seedGuides(manager, DEMO_GUIDES);
  const existing = await withOrg(admin, (tx) => tx.helpArticle.count());
  if (existing > 0) return { articles: 0 };
  for (const article of DEMO_ARTICLES) {
    const { id } = await createArticle(manager, article);
    await transitionArticle(manager, id, { action: "submit" });
    await transitionArticle(admin, id, { action: "publish" });
  }
  for (const [term, expansion] of DEMO_SYNONYMS) await addSynonym(manager, { term, expansion });
  for (const q of DEMO_GAP_QUERIES) await searchHelp(partner, { q, locale: "de" });
  return { articles: DEMO_ARTICLES.length };
}
