import Alert from "@mui/material/Alert";
import Paper from "@mui/material/Paper";
import { getTranslations } from "next-intl/server";

import type { THelpArticle } from "@/lib/help/schemas";

import { Markdown } from "./Markdown";

/** A published article as a reader sees it (its title is the page's heading, HelpArticlePanel). */
export async function ArticleView({ article }: { article: THelpArticle }) {
  const t = await getTranslations("help");
  return (
    <Paper variant="outlined" component="article" lang={article.locale} sx={{ p: { xs: 2, sm: 3 } }}>
      {article.space === "salesops" && (
        <Alert severity="info" sx={{ mb: 2 }}>
          {t("space.salesops")}
        </Alert>
      )}
      <Markdown text={article.bodyMd} />
    </Paper>
  );
}
