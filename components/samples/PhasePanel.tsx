"use client";

import Chip from "@mui/material/Chip";
import Rating from "@mui/material/Rating";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { useFormatter, useTranslations } from "next-intl";

import { FeedbackLinks } from "./FeedbackLinks";
import { ResultsForm } from "./ResultsForm";
import type { PhaseProps, SamplePhase } from "./sampleQueries";

/** One test phase: when and what stage, its results per product, its feedback links and the answers. */
export function PhasePanel({ orgSlug, leadId, box, phase, canConfigure }: PhaseProps) {
  const t = useTranslations("samples.admin.phase");
  const s = useTranslations("samples.admin.stage");
  const format = useFormatter();
  const day = (date: string) =>
    format.dateTime(new Date(`${date}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  return (
    <Stack spacing={2}>
      <Typography variant="subtitle1" component="h4" sx={{ fontWeight: 600 }}>
        {t("title", {
          stage: s(phase.stage as "SAMPLE"),
          start: day(phase.startDate),
          end: day(phase.endDate),
        })}
      </Typography>
      <ResultsForm orgSlug={orgSlug} leadId={leadId} box={box} phase={phase} canConfigure={canConfigure} />
      <FeedbackLinks orgSlug={orgSlug} leadId={leadId} phase={phase} canConfigure={canConfigure} />
      <FeedbackList phase={phase} />
    </Stack>
  );
}

/** The customers' answers as they arrive, one block per answer (a link's submission, a call, a visit). */
function FeedbackList({ phase }: { phase: SamplePhase }) {
  const t = useTranslations("samples.admin.feedback");
  const roles = useTranslations("samples.admin.role");
  const sentiments = useTranslations("samples.admin.sentiment");
  const format = useFormatter();
  const groups = new Map<string, SamplePhase["feedback"]>();
  for (const f of phase.feedback) {
    const key = f.linkId ?? f.id;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return (
    <Stack spacing={1} component="section" aria-label={t("title")}>
      <Typography variant="subtitle2" component="h5">
        {t("title")}
      </Typography>
      {groups.size === 0 && (
        <Typography variant="body2" color="text.secondary">
          {t("none")}
        </Typography>
      )}
      {[...groups.entries()].map(([key, items]) => (
        <Stack
          key={key}
          spacing={1}
          sx={{ p: 1.5, bgcolor: "action.hover", borderRadius: 1 }}
          data-testid="feedback"
        >
          <Typography variant="body2" sx={{ fontWeight: 600 }}>
            {t("from", {
              name: items[0].contactName ?? t("unknown"),
              role: items[0].contactRole ? roles(items[0].contactRole as "CHEF") : "–",
              date: format.dateTime(new Date(items[0].createdAt), {
                dateStyle: "medium",
                timeStyle: "short",
              }),
            })}
          </Typography>
          {items.map((f) => (
            <Stack key={f.id} spacing={0.5}>
              <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: "center", flexWrap: "wrap" }}>
                <Typography variant="body2" sx={{ minWidth: 160 }}>
                  {f.productName}
                </Typography>
                <Rating value={f.rating} readOnly size="small" aria-hidden />
                <Typography variant="body2">{t("rating", { rating: f.rating })}</Typography>
                {f.wouldReorder !== null && (
                  <Chip size="small" variant="outlined" label={t(f.wouldReorder ? "reorder" : "noReorder")} />
                )}
                {f.sentiment && (
                  <Chip
                    size="small"
                    color={
                      f.sentiment === "positive"
                        ? "success"
                        : f.sentiment === "negative"
                          ? "error"
                          : "default"
                    }
                    label={t("sentiment", { sentiment: sentiments(f.sentiment as "neutral") })}
                  />
                )}
              </Stack>
              {f.comment && (
                <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: "pre-wrap", pl: 1 }}>
                  “{f.comment}”
                </Typography>
              )}
            </Stack>
          ))}
        </Stack>
      ))}
    </Stack>
  );
}
