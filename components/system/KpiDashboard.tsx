"use client";

import DownloadOutlined from "@mui/icons-material/DownloadOutlined";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import Grid from "@mui/material/Grid";
import LinearProgress from "@mui/material/LinearProgress";
import Stack from "@mui/material/Stack";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableRow from "@mui/material/TableRow";
import ToggleButton from "@mui/material/ToggleButton";
import ToggleButtonGroup from "@mui/material/ToggleButtonGroup";
import Typography from "@mui/material/Typography";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";

import { useAiFormat } from "@/components/ai/format";
import { HeadRow } from "@/components/ui/TableParts";
import { Section } from "@/components/ui/Section";

import { jobMessageId } from "./jobText";
import { KpiChart } from "./KpiChart";
import {
  downloadKpiCsv,
  useSystemKpis,
  type TKpiPeriod,
  type TKpiScope,
  type TSystemKpis,
} from "./KpiQueries";

const PERIODS: readonly TKpiPeriod[] = [7, 30, 90];

const STATUS_COLOUR = {
  running: "info",
  succeeded: "success",
  failed: "error",
  skipped: "default",
} as const;

/** One figure with its label, large enough to read at a glance. */
function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Box data-testid={testId}>
      <Typography variant="h5" component="p">
        {value}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
    </Box>
  );
}

/** "vor 12 Sekunden", re-rendered every few seconds. */
function useAgo(at: number): string {
  const format = useFormatter();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 5_000);
    return () => clearInterval(timer);
  }, []);
  return format.relativeTime(new Date(at), { now: new Date(Math.max(now, at)), style: "long" });
}

/**
 * The SystemDashboard: lead protection, AI, feedback and jobs for the picked period, with the
 * trends as charts (each with its table) and the trend as CSV. It reads itself again every minute
 * and says how fresh its figures are. The operator's admins switch to every organisation.
 */
export function KpiDashboard({
  orgSlug,
  initial,
  canSeeAll,
}: {
  orgSlug: string;
  initial: TSystemKpis;
  canSeeAll: boolean;
}) {
  const t = useTranslations("systemKpis");
  const tJobs = useTranslations("jobs");
  const f = useAiFormat();
  const [days, setDays] = useState<TKpiPeriod>(initial.days as TKpiPeriod);
  const [scope, setScope] = useState<TKpiScope>(initial.scope);
  const [csvError, setCsvError] = useState<string | null>(null);
  const query = useSystemKpis(orgSlug, days, scope, initial);
  const kpis = query.data ?? initial;
  const ago = useAgo(query.dataUpdatedAt || Date.parse(kpis.asOf));
  const { leads, ai, samples, trend } = kpis;
  const dayList = trend.map((d) => d.day);
  const range = { from: f.longDay(dayList[0]), to: f.longDay(dayList[dayList.length - 1]) };
  const sum = (values: (number | null)[]) => values.reduce<number>((s, v) => s + (v ?? 0), 0);
  // The days the daily job counted the protection states (its trend has gaps where it did not run).
  const counted = trend.filter((d) => d.leadsActive !== null);
  const count = (v: number) => f.count(v);
  // Auditors do not read the outbox: their chart leaves the reminders out rather than show zeros.
  const seesReminders = trend.some((d) => d.remindersSent !== null);
  const format = useFormatter();
  const lag = (seconds: number) => {
    const [value, unit] =
      seconds < 3600
        ? [Math.max(1, Math.round(seconds / 60)), "minute"]
        : seconds < 86_400
          ? [Math.round(seconds / 3600), "hour"]
          : [Math.round(seconds / 86_400), "day"];
    return format.number(value, { style: "unit", unit, unitDisplay: "short" });
  };

  return (
    <Stack spacing={3}>
      <div>
        <Typography variant="h5" component="h2" gutterBottom>
          {t("title")}
        </Typography>
        <Typography color="text.secondary">{t("intro")}</Typography>
      </div>

      <Stack
        direction={{ xs: "column", sm: "row" }}
        spacing={2}
        useFlexGap
        sx={{ alignItems: { sm: "center" }, flexWrap: "wrap" }}
      >
        <ToggleButtonGroup
          size="small"
          exclusive
          value={days}
          onChange={(_e, value: TKpiPeriod | null) => value && setDays(value)}
          aria-label={t("period.label")}
        >
          {PERIODS.map((p) => (
            <ToggleButton key={p} value={p}>
              {t("period.days", { count: p })}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        {canSeeAll && (
          <ToggleButtonGroup
            size="small"
            exclusive
            value={scope}
            onChange={(_e, value: TKpiScope | null) => value && setScope(value)}
            aria-label={t("scope.label")}
            sx={{ flexWrap: "wrap" }}
          >
            <ToggleButton value="org">{t("scope.org")}</ToggleButton>
            <ToggleButton value="all">
              {t("scope.all", { count: scope === "all" ? kpis.organisations : "…" })}
            </ToggleButton>
          </ToggleButtonGroup>
        )}
        <Button
          size="small"
          startIcon={<DownloadOutlined />}
          onClick={() => {
            setCsvError(null);
            downloadKpiCsv(orgSlug, days, scope).catch((e: Error) => setCsvError(e.message));
          }}
        >
          {t("csv")}
        </Button>
        <Typography variant="body2" color="text.secondary" role="status" data-testid="kpi-freshness">
          {query.isFetching ? t("updating") : t("fresh", { ago })}
        </Typography>
      </Stack>

      {query.isFetching && <LinearProgress aria-hidden sx={{ mt: -2 }} />}
      {query.isError && (
        <Alert severity="warning">{t("loadingFailed", { message: query.error.message })}</Alert>
      )}
      {csvError && <Alert severity="error">{t("csvFailed", { message: csvError })}</Alert>}

      <Section id="kpi-leads" title={t("leads.title")}>
        <Stack spacing={2}>
          <Grid container spacing={2}>
            {(
              [
                ["active", leads.active],
                ["grace", leads.grace],
                ["expired", leads.expired],
                ["dueSoon", leads.dueSoon],
                ["extensionsWaiting", leads.extensionsWaiting],
                ["extensionsEscalated", leads.extensionsEscalated],
              ] as const
            ).map(([key, value]) => (
              <Grid key={key} size={{ xs: 6, sm: 4, md: 2 }}>
                <Figure label={t(`leads.${key}`)} value={count(value)} testId={`kpi-leads-${key}`} />
              </Grid>
            ))}
          </Grid>
          <Typography variant="body2" color="text.secondary">
            {leads.asOf ? t("leads.asOf", { at: f.dateTime(leads.asOf) }) : t("leads.notRefreshed")}
          </Typography>
          <KpiChart
            title={t("charts.leads")}
            summary={
              seesReminders
                ? t("charts.leadsSummary", {
                    ...range,
                    reminders: sum(trend.map((d) => d.remindersSent)),
                    released: sum(trend.map((d) => d.leadsReleased)),
                  })
                : t("charts.releasedSummary", { ...range, released: sum(trend.map((d) => d.leadsReleased)) })
            }
            days={dayList}
            dayLabel={f.day}
            longDay={f.longDay}
            testId="kpi-chart-leads"
            series={[
              ...(seesReminders
                ? [
                    {
                      label: t("charts.remindersSent"),
                      values: trend.map((d) => d.remindersSent),
                      format: count,
                    },
                  ]
                : []),
              { label: t("charts.leadsReleased"), values: trend.map((d) => d.leadsReleased), format: count },
            ]}
          />
          {counted.length === 0 ? (
            <Typography variant="body2" color="text.secondary" data-testid="kpi-chart-protection-none">
              {t("charts.protectionNone")}
            </Typography>
          ) : (
            <KpiChart
              title={t("charts.protection")}
              summary={t("charts.protectionSummary", {
                to: f.longDay(counted[counted.length - 1].day),
                active: counted[counted.length - 1].leadsActive ?? 0,
                grace: counted[counted.length - 1].leadsGrace ?? 0,
                expired: counted[counted.length - 1].leadsExpired ?? 0,
                days: counted.length,
              })}
              days={dayList}
              dayLabel={f.day}
              longDay={f.longDay}
              testId="kpi-chart-protection"
              series={(["leadsActive", "leadsGrace", "leadsExpired", "leadsDueSoon"] as const).map((key) => ({
                label: t(`charts.${key}`),
                values: trend.map((d) => d[key]),
                format: count,
              }))}
            />
          )}
        </Stack>
      </Section>

      <Section id="kpi-ai" title={t("ai.title")}>
        {ai ? (
          <Stack spacing={2}>
            <Grid container spacing={2}>
              <Grid size={{ xs: 12, sm: 6, md: 4 }}>
                <Figure
                  label={t("ai.spent", { month: f.month(ai.month) })}
                  value={
                    ai.capEur === null
                      ? t("ai.noCap", { spent: f.eur(ai.spentEur) })
                      : t("ai.ofCap", { spent: f.eur(ai.spentEur), cap: f.eur(ai.capEur) })
                  }
                  testId="kpi-ai-month"
                />
                {ai.capEur !== null && ai.capEur > 0 && (
                  <LinearProgress
                    variant="determinate"
                    value={Math.min(100, (ai.spentEur / ai.capEur) * 100)}
                    color={ai.spentEur >= ai.capEur ? "error" : "primary"}
                    aria-hidden
                    sx={{ mt: 1 }}
                  />
                )}
              </Grid>
              <Grid size={{ xs: 6, sm: 3, md: 2 }}>
                <Figure label={t("ai.cost")} value={f.eur(ai.costEur)} />
              </Grid>
              <Grid size={{ xs: 6, sm: 3, md: 2 }}>
                <Figure label={t("ai.smallShare")} value={f.percent(ai.smallShare)} testId="kpi-ai-small" />
              </Grid>
              <Grid size={{ xs: 6, sm: 3, md: 2 }}>
                <Figure label={t("ai.cacheHitRate")} value={f.percent(ai.cacheHitRate)} />
              </Grid>
              <Grid size={{ xs: 6, sm: 3, md: 2 }}>
                <Figure label={t("ai.escalationRate")} value={f.percent(ai.escalationRate)} />
              </Grid>
            </Grid>
            <KpiChart
              title={t("charts.ai")}
              summary={
                ai.capEur === null
                  ? t("charts.aiSummaryNoCap", { ...range, cost: f.eur(ai.costEur), calls: ai.calls })
                  : t("charts.aiSummary", {
                      ...range,
                      cost: f.eur(ai.costEur),
                      calls: ai.calls,
                      cap: f.eur(ai.capEur),
                    })
              }
              days={dayList}
              dayLabel={f.day}
              longDay={f.longDay}
              testId="kpi-chart-ai"
              series={[
                { label: t("charts.aiCostEur"), values: trend.map((d) => d.aiCostEur), format: f.eur },
              ]}
            />
          </Stack>
        ) : (
          <Typography color="text.secondary">{t("ai.hidden")}</Typography>
        )}
      </Section>

      <Section id="kpi-feedback" title={t("samples.title")}>
        <Stack spacing={2}>
          <Grid container spacing={2}>
            <Grid size={{ xs: 6, sm: 4 }}>
              <Figure label={t("samples.invited")} value={count(samples.invited)} />
            </Grid>
            <Grid size={{ xs: 6, sm: 4 }}>
              <Figure label={t("samples.submitted")} value={count(samples.submitted)} />
            </Grid>
            <Grid size={{ xs: 12, sm: 4 }}>
              <Figure
                label={t("samples.responseRate")}
                value={samples.responseRate === null ? t("samples.none") : f.percent(samples.responseRate)}
                testId="kpi-feedback-rate"
              />
            </Grid>
          </Grid>
          <KpiChart
            title={t("charts.feedback")}
            summary={t("charts.feedbackSummary", {
              ...range,
              invited: sum(trend.map((d) => d.feedbackInvited)),
              submitted: sum(trend.map((d) => d.feedbackSubmitted)),
            })}
            days={dayList}
            dayLabel={f.day}
            longDay={f.longDay}
            testId="kpi-chart-feedback"
            series={[
              {
                label: t("charts.feedbackInvited"),
                values: trend.map((d) => d.feedbackInvited),
                format: count,
              },
              {
                label: t("charts.feedbackSubmitted"),
                values: trend.map((d) => d.feedbackSubmitted),
                format: count,
              },
            ]}
          />
        </Stack>
      </Section>

      <Section id="kpi-jobs" title={t("jobs.title")} intro={t("jobs.intro")}>
        <TableContainer>
          <Table size="small" aria-labelledby="kpi-jobs">
            <HeadRow
              titles={[
                t("jobs.job"),
                t("jobs.lastRun"),
                t("jobs.status"),
                t("jobs.runs"),
                t("jobs.failures"),
                t("jobs.lag"),
              ]}
            />
            <TableBody>
              {kpis.jobs.map((job) => (
                <TableRow key={job.id}>
                  <TableCell>{tJobs(`definitions.${jobMessageId(job.id)}.title`)}</TableCell>
                  <TableCell>{job.lastRunAt ? f.dateTime(job.lastRunAt) : t("jobs.never")}</TableCell>
                  <TableCell>
                    {job.lastStatus ? (
                      <Chip
                        size="small"
                        color={STATUS_COLOUR[job.lastStatus]}
                        label={t(`jobs.statuses.${job.lastStatus}`)}
                      />
                    ) : (
                      "–"
                    )}
                  </TableCell>
                  <TableCell align="right">{count(job.runs)}</TableCell>
                  <TableCell align="right">{count(job.failures)}</TableCell>
                  <TableCell>
                    {job.lagSeconds === null
                      ? "–"
                      : job.lagSeconds === 0
                        ? t("jobs.onTime")
                        : lag(job.lagSeconds)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      </Section>
    </Stack>
  );
}
