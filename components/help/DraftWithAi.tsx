"use client";

import AutoAwesomeOutlined from "@mui/icons-material/AutoAwesomeOutlined";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";

import { useActionForm } from "@/components/ui/useActionForm";
import { draftHelpArticleAction } from "@/lib/help/actions";
import { helpAssistForms, type THelpLocale, type THelpSpace } from "@/lib/help/schemas";

/**
 * "Draft with AI" (editors): asks help.draft for a new article about `topic` — or a revision of
 * `articleId` — and opens the saved DRAFT in the editor. Nothing is published by it.
 */
export function DraftWithAi({
  orgSlug,
  topic,
  locale,
  space = "enduser",
  articleId,
  size = "small",
}: {
  orgSlug: string;
  topic: string;
  locale: THelpLocale;
  space?: THelpSpace;
  articleId?: string;
  size?: "small" | "medium";
}) {
  const t = useTranslations("help.draftAi");
  const router = useRouter();
  const form = useActionForm(draftHelpArticleAction.bind(null, orgSlug), {
    schema: helpAssistForms.draft,
    keepValues: true,
    onOk: ({ id }) => {
      router.push(`/${orgSlug}/help/articles/${id}`);
      router.refresh();
    },
  });
  return (
    <Stack component="form" onSubmit={form.onSubmit} spacing={1} sx={{ alignItems: "flex-start" }}>
      <input type="hidden" name="topic" value={topic.slice(0, 200)} />
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="space" value={space} />
      {articleId && <input type="hidden" name="articleId" value={articleId} />}
      <Button
        type="submit"
        size={size}
        variant="outlined"
        startIcon={<AutoAwesomeOutlined />}
        disabled={form.pending}
        aria-label={articleId ? t("reviseLabel") : t("label", { topic })}
        sx={{ whiteSpace: "nowrap" }}
      >
        {form.pending ? t("working") : articleId ? t("revise") : t("button")}
      </Button>
      {form.message && (
        <Alert severity="error" role="alert">
          {form.message}
        </Alert>
      )}
    </Stack>
  );
}
