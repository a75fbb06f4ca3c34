"use client";

import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import Grid from "@mui/material/Grid";
import Typography from "@mui/material/Typography";
import { useTranslations } from "next-intl";

import type { TAiDashboard } from "./aiQueries";
import { useAiFormat } from "./format";

/** One figure with its name and what it counts. */
function Kpi({ id, label, value, hint }: { id: string; label: string; value: string; hint: string }) {
  return (
    <Grid size={{ xs: 12, sm: 6, md: 4, xl: 2 }}>
      <Card variant="outlined" component="section" aria-labelledby={`kpi-${id}`} data-testid={`kpi-${id}`}>
        <CardContent>
          <Typography id={`kpi-${id}`} variant="body2" color="text.secondary" component="h3">
            {label}
          </Typography>
          <Typography variant="h5" component="p" sx={{ my: 0.5, fontVariantNumeric: "tabular-nums" }}>
            {value}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            {hint}
          </Typography>
        </CardContent>
      </Card>
    </Grid>
  );
}

/** The month's spend and the period's routing figures (shares of the calls that reached a provider). */
export function KpiCards({ dashboard }: { dashboard: TAiDashboard }) {
  const t = useTranslations("ai.kpi");
  const f = useAiFormat();
  const { stats, status } = dashboard;
  return (
    <Grid container spacing={2} component="div" aria-label={t("title")} role="group">
      <Kpi
        id="spentMonth"
        label={t("spentMonth")}
        value={f.eur(status.org.spentEur)}
        hint={t("spentMonthHint", { amount: f.eur(stats.costEur), days: dashboard.days })}
      />
      <Kpi
        id="smallShare"
        label={t("smallShare")}
        value={f.percent(stats.smallShare)}
        hint={t("smallShareHint")}
      />
      <Kpi
        id="escalationRate"
        label={t("escalationRate")}
        value={f.percent(stats.escalationRate)}
        hint={t("escalationHint")}
      />
      <Kpi
        id="cacheHitRate"
        label={t("cacheHitRate")}
        value={f.percent(stats.cacheHitRate)}
        hint={t("cacheHint")}
      />
      <Kpi
        id="p95Latency"
        label={t("p95Latency")}
        value={f.latency(stats.p95LatencyMs)}
        hint={t("latencyHint")}
      />
      <Kpi id="errorRate" label={t("errorRate")} value={f.percent(stats.errorRate)} hint={t("errorHint")} />
    </Grid>
  );
}
