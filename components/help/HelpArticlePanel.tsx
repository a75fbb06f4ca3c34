import ArrowBackOutlined from "@mui/icons-material/ArrowBackOutlined";
import Box from "@mui/material/Box";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";

import { ButtonLink } from "@/components/ui/links";
import type { OrgSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/policy";
import { isAppError } from "@/lib/errors";
import { showArticle } from "@/lib/help/experiments";
import { getArticle } from "@/lib/help/service";

import { ArticleEditor } from "./ArticleEditor";
import { ArticleView } from "./ArticleView";

/**
 * One article under its title (the page's heading) and a way back to the Help area: editors get the
 * editor (review steps, versions), readers the article.
 */
export async function HelpArticlePanel({ session, articleId }: { session: OrgSession; articleId: string }) {
  if (!z.uuid().safeParse(articleId).success) notFound();
  const article = await getArticle(session.ctx, articleId).catch((error: unknown) => {
    if (isAppError(error) && (error.kind === "not_found" || error.kind === "forbidden")) return null;
    throw error;
  });
  if (!article) notFound();
  const t = await getTranslations("help");
  const editor = can(session.ctx, "help.edit", { type: "help_article", orgId: session.ctx.orgId });
  // A reader is shown the article: their A/B-test version, if one runs (the exposure is logged).
  const shown = editor ? article : await showArticle(session.ctx, articleId);
  return (
    <Stack spacing={3}>
      <Box>
        <ButtonLink
          href={`/${session.org.slug}/help`}
          startIcon={<ArrowBackOutlined />}
          size="small"
          sx={{ mb: 1 }}
        >
          {t("back")}
        </ButtonLink>
        <Typography
          variant="h4"
          component="h1"
          lang={shown.locale}
          sx={{ wordBreak: "break-word", typography: { xs: "h5", sm: "h4" } }}
        >
          {shown.title}
        </Typography>
      </Box>
      {editor ? (
        <ArticleEditor orgSlug={session.org.slug} article={article} userId={session.ctx.userId} />
      ) : (
        <ArticleView article={shown} />
      )}
    </Stack>
  );
}
