"use client";

import ChecklistOutlined from "@mui/icons-material/ChecklistOutlined";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Checkbox from "@mui/material/Checkbox";
import LinearProgress from "@mui/material/LinearProgress";
import Link from "@mui/material/Link";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import NextLink from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useActionState, useId, useOptimistic } from "react";

import { EmptyState } from "@/components/ui/EmptyState";
import { apiGet } from "@/components/ui/apiFetch";
import { setGuideStepAction } from "@/lib/help/actions";
import type { TGuide } from "@/lib/help/schemas";
import type { ActionState } from "@/lib/http/action";

const guidesKey = (orgSlug: string, locale: string) => ["help", orgSlug, "guides", locale] as const;

/** Workflow guides: a checklist per task, each step linked to its screen, ticks kept per user. */
export function GuideList({ orgSlug }: { orgSlug: string }) {
  const t = useTranslations("help.guides");
  const locale = useLocale() === "en" ? "en" : "de";
  const query = useQuery({
    queryKey: guidesKey(orgSlug, locale),
    queryFn: async () => (await apiGet<{ items: TGuide[] }>(orgSlug, "/help/guides", { locale })).items,
  });
  if (query.isError) return <Alert severity="error">{query.error.message}</Alert>;
  if (!query.data) return <LinearProgress aria-label={t("loading")} />;
  if (query.data.length === 0) return <EmptyState icon={<ChecklistOutlined />} title={t("empty")} />;
  return (
    <Stack spacing={2}>
      {query.data.map((guide) => (
        <Guide key={guide.id} orgSlug={orgSlug} guide={guide} locale={locale} />
      ))}
    </Stack>
  );
}

function Guide({ orgSlug, guide, locale }: { orgSlug: string; guide: TGuide; locale: string }) {
  const t = useTranslations("help.guides");
  const headingId = useId();
  const done = guide.steps.filter((s) => s.done).length;
  return (
    <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 } }} component="section" aria-labelledby={headingId}>
      <Typography variant="h6" component="h2" id={headingId} lang={guide.locale}>
        {guide.title}
      </Typography>
      {guide.summary && (
        <Typography color="text.secondary" lang={guide.locale}>
          {guide.summary}
        </Typography>
      )}
      <Stack direction="row" spacing={1} sx={{ alignItems: "center", my: 1 }}>
        <LinearProgress
          variant="determinate"
          value={guide.steps.length === 0 ? 0 : (100 * done) / guide.steps.length}
          sx={{ flexGrow: 1, maxWidth: 240 }}
          aria-label={t("progress", { done, total: guide.steps.length })}
        />
        <Typography variant="body2">{t("progress", { done, total: guide.steps.length })}</Typography>
      </Stack>
      <Box component="ol" sx={{ listStyle: "none", p: 0, m: 0 }}>
        {guide.steps.map((step) => (
          <Step key={step.id} orgSlug={orgSlug} step={step} locale={locale} lang={guide.locale} />
        ))}
      </Box>
    </Paper>
  );
}

function Step({
  orgSlug,
  step,
  locale,
  lang,
}: {
  orgSlug: string;
  step: TGuide["steps"][number];
  locale: string;
  lang: string;
}) {
  const t = useTranslations("help.guides");
  const queryClient = useQueryClient();
  // Ticked at once; the list's answer follows.
  const [done, setDone] = useOptimistic(step.done);
  const [state, action, pending] = useActionState(
    async (previous: ActionState<{ done: boolean }>, formData: FormData) => {
      setDone(formData.get("done") === "true");
      const result = await setGuideStepAction(orgSlug, previous, formData);
      if (result.status === "ok")
        await queryClient.invalidateQueries({ queryKey: guidesKey(orgSlug, locale) });
      return result;
    },
    { status: "idle" },
  );
  const checkboxId = useId();
  return (
    <Box component="li" sx={{ display: "flex", gap: 1, py: 1, borderTop: 1, borderColor: "divider" }}>
      <form action={action}>
        <input type="hidden" name="stepId" value={step.id} />
        <input type="hidden" name="done" value={String(!done)} />
        <Checkbox
          id={checkboxId}
          checked={done}
          disabled={pending}
          onChange={(event) => event.currentTarget.form?.requestSubmit()}
          slotProps={{ input: { "aria-label": t(done ? "untick" : "tick", { step: step.title }) } }}
        />
      </form>
      <Box sx={{ minWidth: 0, pt: 1 }} lang={lang}>
        <Typography
          component="label"
          htmlFor={checkboxId}
          sx={{ display: "block", fontWeight: 500, textDecoration: done ? "line-through" : "none" }}
        >
          {step.position}. {step.title}
        </Typography>
        {step.body && <Typography variant="body2">{step.body}</Typography>}
        {step.href && (
          <Link component={NextLink} href={`/${orgSlug}/${step.href}`} variant="body2">
            {t("open")}
          </Link>
        )}
        {state.status === "error" && <Alert severity="error">{state.message}</Alert>}
      </Box>
    </Box>
  );
}
