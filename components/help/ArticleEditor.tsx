"use client";

import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import MenuItem from "@mui/material/MenuItem";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";

import { useActionForm } from "@/components/ui/useActionForm";
import {
  createHelpArticleAction,
  transitionHelpArticleAction,
  updateHelpArticleAction,
} from "@/lib/help/actions";
import {
  HELP_LOCALES,
  HELP_SPACES,
  helpForms,
  type THelpArticle,
  type THelpLocale,
  type THelpStatus,
} from "@/lib/help/schemas";
import type { ActionState } from "@/lib/http/action";

import { DraftWithAi } from "./DraftWithAi";
import { STATUS_COLOR } from "./HelpArea";
import { helpKeys } from "./helpQueries";
import { Markdown } from "./Markdown";
import { Versions } from "./Versions";

/**
 * Writing an article (editors): the fields, the Markdown with its preview beside it, and — once it
 * exists — its review steps and versions. `prefill` starts a draft from a content gap's query.
 */
export function ArticleEditor({
  orgSlug,
  article,
  userId,
  prefill,
}: {
  orgSlug: string;
  article: THelpArticle | null;
  userId: string;
  prefill?: { title?: string; locale?: THelpLocale };
}) {
  const t = useTranslations("help");
  const router = useRouter();
  const queryClient = useQueryClient();
  const [body, setBody] = useState(article?.bodyMd ?? "");
  const [saved, setSaved] = useState<number | null>(null);
  const create = useActionForm(createHelpArticleAction.bind(null, orgSlug), {
    schema: helpForms.create,
    keepValues: true,
    onOk: ({ id }) => router.push(`/${orgSlug}/help/articles/${id}`),
  });
  const update = useActionForm(updateHelpArticleAction.bind(null, orgSlug), {
    schema: helpForms.update,
    keepValues: true,
    onOk: async ({ version }) => {
      setSaved(version);
      router.refresh();
      await queryClient.invalidateQueries({ queryKey: helpKeys.all(orgSlug) });
    },
  });
  const form = article ? update : create;

  return (
    <Stack spacing={3}>
      {article && <Transitions orgSlug={orgSlug} article={article} userId={userId} />}
      {article ? (
        <DraftWithAi
          orgSlug={orgSlug}
          topic={article.title}
          locale={article.locale}
          space={article.space}
          articleId={article.id}
        />
      ) : (
        prefill?.title && (
          <DraftWithAi orgSlug={orgSlug} topic={prefill.title} locale={prefill.locale ?? "de"} />
        )
      )}
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 } }}>
        <Box component="form" onSubmit={form.onSubmit} noValidate>
          {article && <input type="hidden" name="id" value={article.id} />}
          <Stack spacing={1}>
            <TextField
              label={t("editor.title")}
              defaultValue={article?.title ?? prefill?.title ?? ""}
              required
              fullWidth
              slotProps={{ htmlInput: { maxLength: 200 } }}
              {...form.field("title")}
            />
            <Stack direction={{ xs: "column", sm: "row" }} spacing={1}>
              <TextField
                select
                label={t("editor.space")}
                defaultValue={article?.space ?? "enduser"}
                sx={{ minWidth: 200 }}
                {...form.field("space")}
              >
                {HELP_SPACES.map((s) => (
                  <MenuItem key={s} value={s}>
                    {t(`space.${s}`)}
                  </MenuItem>
                ))}
              </TextField>
              {!article && (
                <TextField
                  select
                  label={t("editor.locale")}
                  defaultValue={prefill?.locale ?? "de"}
                  sx={{ minWidth: 160 }}
                  {...form.field("locale")}
                >
                  {HELP_LOCALES.map((l) => (
                    <MenuItem key={l} value={l}>
                      {t(`locale.${l}`)}
                    </MenuItem>
                  ))}
                </TextField>
              )}
              {!article && (
                <TextField label={t("editor.slug")} fullWidth {...form.field("slug", t("editor.slugHelp"))} />
              )}
            </Stack>
            <TextField
              label={t("editor.tags")}
              defaultValue={article?.tags.join(", ") ?? ""}
              fullWidth
              {...form.field("tags", t("editor.tagsHelp"))}
            />
            <TextField
              label={t("editor.helpKeys")}
              defaultValue={article?.helpKeys.join(", ") ?? ""}
              fullWidth
              {...form.field("helpKeys", t("editor.helpKeysHelp"))}
            />
            <Stack direction={{ xs: "column", md: "row" }} spacing={2}>
              <TextField
                label={t("editor.body")}
                multiline
                minRows={14}
                sx={{ flex: 1, minWidth: 0 }}
                value={body}
                onChange={(event) => setBody(event.target.value)}
                slotProps={{ htmlInput: { maxLength: 100_000 }, input: { sx: { fontFamily: "monospace" } } }}
                {...form.field("bodyMd")}
              />
              <Box sx={{ flex: 1, minWidth: 0 }} component="section" aria-label={t("editor.preview")}>
                <Typography variant="overline" component="h2">
                  {t("editor.preview")}
                </Typography>
                {body.trim() ? (
                  <Markdown text={body} />
                ) : (
                  <Typography color="text.secondary">{t("editor.previewEmpty")}</Typography>
                )}
              </Box>
            </Stack>
            {article?.status === "PUBLISHED" && <Alert severity="info">{t("editor.republishNote")}</Alert>}
            <Stack direction="row" spacing={2} sx={{ alignItems: "center" }}>
              <Button type="submit" variant="contained" disabled={form.pending}>
                {article ? t("editor.save") : t("editor.create")}
              </Button>
              <Box aria-live="polite">
                {form.message && <Alert severity="error">{form.message}</Alert>}
                {saved !== null && !form.message && (
                  <Typography variant="body2">{t("editor.saved", { version: saved })}</Typography>
                )}
              </Box>
            </Stack>
          </Stack>
        </Box>
      </Paper>
      {article && <Versions orgSlug={orgSlug} articleId={article.id} />}
    </Stack>
  );
}

const NEXT: Record<THelpStatus, ("submit" | "publish" | "archive")[]> = {
  DRAFT: ["submit", "archive"],
  IN_REVIEW: ["publish", "archive"],
  PUBLISHED: ["archive"],
  ARCHIVED: [],
};

function Transitions({
  orgSlug,
  article,
  userId,
}: {
  orgSlug: string;
  article: THelpArticle;
  userId: string;
}) {
  const t = useTranslations("help");
  const router = useRouter();
  const [state, action, pending] = useActionState(
    async (previous: ActionState<{ status: THelpStatus }>, formData: FormData) => {
      const result = await transitionHelpArticleAction(orgSlug, previous, formData);
      if (result.status === "ok") router.refresh();
      return result;
    },
    { status: "idle" },
  );
  const ownLastVersion = article.updatedBy === userId;
  return (
    <Stack component="form" action={action} spacing={1}>
      <input type="hidden" name="id" value={article.id} />
      <Stack direction="row" spacing={1} sx={{ alignItems: "center", flexWrap: "wrap", gap: 1 }}>
        <Chip label={t(`status.${article.status}`)} color={STATUS_COLOR[article.status]} />
        <Typography variant="body2" color="text.secondary">
          {t("table.space")}: {t(`space.${article.space}`)} · {t("table.locale")}:{" "}
          {t(`locale.${article.locale}`)} · {t("table.version")} {article.version}
        </Typography>
        {NEXT[article.status].map((next) => (
          <Button
            key={next}
            type="submit"
            name="action"
            value={next}
            variant={next === "archive" ? "text" : "outlined"}
            disabled={pending || (next === "publish" && ownLastVersion)}
          >
            {t(`transitions.${next}`)}
          </Button>
        ))}
      </Stack>
      {article.status === "IN_REVIEW" && ownLastVersion && (
        <Typography variant="body2" color="text.secondary">
          {t("transitions.fourEyesHint")}
        </Typography>
      )}
      <Box aria-live="polite">
        {state.status === "error" && <Alert severity="error">{state.message}</Alert>}
      </Box>
    </Stack>
  );
}
