"use client";

import AutoAwesomeOutlined from "@mui/icons-material/AutoAwesomeOutlined";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Grid from "@mui/material/Grid";
import Typography from "@mui/material/Typography";
import { useFormatter, useTranslations } from "next-intl";
import { useState, useTransition } from "react";

import type { AiAnswer } from "@/lib/ai/router";
import type { TLeadBriefOutput } from "@/lib/ai/use-cases";
import { leadBriefAction } from "@/lib/leads/actions";

/**
 * The lead page's AI brief: on request (it costs money), the large model summarises the lead
 * through the AI router. Shows who answered at what cost, or the router's refusal in words (not
 * configured, budget exhausted, providers down).
 */
export function LeadBrief({ orgSlug, leadId }: { orgSlug: string; leadId: string }) {
  const t = useTranslations("leads.brief");
  const format = useFormatter();
  const [answer, setAnswer] = useState<AiAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const ask = (fresh: boolean) =>
    startTransition(async () => {
      const result = await leadBriefAction(orgSlug, leadId, fresh);
      setAnswer(result.status === "ok" ? result.data : null);
      setError(result.status === "error" ? result.message : null);
    });
  const brief = answer?.output as TLeadBriefOutput | undefined;
  const list = (title: string, items: string[]) => (
    <Grid size={{ xs: 12, md: 4 }}>
      <Typography variant="subtitle2" component="h3">
        {title}
      </Typography>
      {items.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t("none")}
        </Typography>
      ) : (
        <Box component="ul" sx={{ m: 0, pl: 3, typography: "body2" }}>
          {items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </Box>
      )}
    </Grid>
  );

  return (
    <Box aria-busy={pending}>
      <Button
        variant={answer ? "outlined" : "contained"}
        startIcon={<AutoAwesomeOutlined />}
        disabled={pending}
        onClick={() => ask(answer !== null)}
      >
        {pending ? t("working") : answer ? t("refresh") : t("create")}
      </Button>
      <Box role="status" aria-live="polite" sx={{ mt: 2 }}>
        {error && <Alert severity="warning">{error}</Alert>}
        {brief && answer && (
          <>
            <Typography sx={{ whiteSpace: "pre-wrap" }}>{brief.summary}</Typography>
            <Grid container spacing={2} sx={{ mt: 1 }}>
              {list(t("opportunities"), brief.opportunities)}
              {list(t("risks"), brief.risks)}
              {list(t("nextSteps"), brief.nextSteps)}
            </Grid>
            <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
              {t("meta", {
                model: answer.model,
                provider: answer.provider,
                cost: answer.cached
                  ? t("cached")
                  : format.number(answer.costEur, {
                      style: "currency",
                      currency: "EUR",
                      maximumFractionDigits: 4,
                    }),
              })}
            </Typography>
          </>
        )}
      </Box>
    </Box>
  );
}
