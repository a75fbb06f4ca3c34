"use client";

import QuestionAnswerOutlined from "@mui/icons-material/QuestionAnswerOutlined";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Link from "@mui/material/Link";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import NextLink from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useId } from "react";

import { useActionForm } from "@/components/ui/useActionForm";
import { askHelpAction } from "@/lib/help/actions";
import { helpAssistForms, type TAskResult } from "@/lib/help/schemas";

import { Snippet } from "./HelpArea";

/**
 * "Ask": a question answered from the published articles the reader may read, citing the article
 * it rests on; or, when they do not cover it, saying so (the question becomes a content gap).
 * Without AI the search results answer. In the Help area and in the contextual drawer (`compact`).
 */
export function AskBox({ orgSlug, compact = false }: { orgSlug: string; compact?: boolean }) {
  const t = useTranslations("help.ask");
  const locale = useLocale() === "en" ? "en" : "de";
  const headingId = useId();
  const form = useActionForm(askHelpAction.bind(null, orgSlug), {
    schema: helpAssistForms.ask,
    keepValues: true,
  });
  const result = form.state.status === "ok" ? form.state.data : null;
  return (
    <Stack spacing={2} component="section" aria-labelledby={headingId}>
      <Typography variant={compact ? "subtitle1" : "h6"} component="h2" id={headingId}>
        {t("title")}
      </Typography>
      <Stack
        component="form"
        onSubmit={form.onSubmit}
        direction={compact ? "column" : { xs: "column", sm: "row" }}
        spacing={1}
        sx={{ alignItems: compact ? "stretch" : { sm: "flex-start" } }}
      >
        <input type="hidden" name="locale" value={locale} />
        <TextField
          label={t("label")}
          size="small"
          fullWidth
          multiline
          maxRows={4}
          slotProps={{ htmlInput: { maxLength: 2000 } }}
          {...form.field("question")}
        />
        <Button
          type="submit"
          variant="contained"
          startIcon={<QuestionAnswerOutlined />}
          disabled={form.pending}
          sx={{ flexShrink: 0 }}
        >
          {form.pending ? t("working") : t("submit")}
        </Button>
      </Stack>
      {form.message && <Alert severity="error">{form.message}</Alert>}
      <Box aria-live="polite">{result && <Answer orgSlug={orgSlug} result={result} />}</Box>
    </Stack>
  );
}

function Answer({ orgSlug, result }: { orgSlug: string; result: TAskResult }) {
  const t = useTranslations("help.ask");
  const tHelp = useTranslations("help");
  const showHits = result.answeredBy === "search" && result.hits.length > 0;
  return (
    <Stack spacing={1.5}>
      {result.fallbackReason && <Alert severity="info">{t(`fallback.${result.fallbackReason}`)}</Alert>}
      {result.answer && (
        <Box sx={{ p: 2, borderRadius: 1, bgcolor: "action.hover" }}>
          <Typography sx={{ whiteSpace: "pre-line" }}>{result.answer}</Typography>
          {result.citations.length > 0 && (
            <Typography variant="body2" sx={{ mt: 1 }}>
              {t("source")}{" "}
              {result.citations.map((c) => (
                <Link key={c.id} component={NextLink} href={`/${orgSlug}/help/articles/${c.id}`}>
                  {c.title}
                </Link>
              ))}
            </Typography>
          )}
          <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
            {t("aiNote")}
          </Typography>
        </Box>
      )}
      {!result.covered && <Alert severity="warning">{t("notCovered")}</Alert>}
      {showHits && (
        <>
          <Typography variant="subtitle2" component="h3">
            {t("hits")}
          </Typography>
          <Stack spacing={1.5} component="ol" sx={{ listStyle: "none", p: 0, m: 0 }}>
            {result.hits.slice(0, 5).map((hit) => (
              <Box component="li" key={hit.id}>
                <Link component={NextLink} href={`/${orgSlug}/help/articles/${hit.id}`}>
                  {hit.title}
                </Link>{" "}
                <Typography component="span" variant="caption" color="text.secondary">
                  {tHelp(`locale.${hit.locale}`)}
                </Typography>
                <Snippet parts={hit.snippet} />
              </Box>
            ))}
          </Stack>
        </>
      )}
    </Stack>
  );
}
