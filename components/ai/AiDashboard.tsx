"use client";

import InsightsOutlined from "@mui/icons-material/InsightsOutlined";
import SettingsOutlined from "@mui/icons-material/SettingsOutlined";
import Alert from "@mui/material/Alert";
import LinearProgress from "@mui/material/LinearProgress";
import Stack from "@mui/material/Stack";
import ToggleButton from "@mui/material/ToggleButton";
import ToggleButtonGroup from "@mui/material/ToggleButtonGroup";
import Typography from "@mui/material/Typography";
import { useTranslations } from "next-intl";
import { useState } from "react";

import { HelpButton } from "@/components/help/HelpButton";
import { EmptyState } from "@/components/ui/EmptyState";
import { ButtonLink } from "@/components/ui/links";

import { Section } from "@/components/ui/Section";
import { PERIODS, useAiDashboard, type TAiDashboard, type TAiPeriodDays } from "./aiQueries";
import { BudgetBar, budgetUse } from "./BudgetBar";
import { useAiFormat } from "./format";
import { KpiCards } from "./KpiCards";
import { SpendByDay } from "./SpendByDay";
import { SpendTables } from "./SpendTables";

/**
 * The overseers' dashboard: this month's budget against the organisation's cap, then for the
 * picked period the routing figures, spend per day, by use case and by member. Without calls in
 * the period it says so instead of showing zeros.
 */
export function AiDashboard({ orgSlug, initial }: { orgSlug: string; initial: TAiDashboard }) {
  const t = useTranslations("ai");
  const f = useAiFormat();
  const [days, setDays] = useState<TAiPeriodDays>(initial.days);
  const query = useAiDashboard(orgSlug, days, initial);
  const dashboard = query.data ?? initial;
  const month = f.month(dashboard.status.month);
  const { level } = budgetUse(dashboard.status.org);
  const { stats } = dashboard;

  return (
    <Stack spacing={3}>
      <Stack
        direction={{ xs: "column", sm: "row" }}
        spacing={2}
        useFlexGap
        sx={{ justifyContent: "space-between", alignItems: { sm: "center" }, flexWrap: "wrap" }}
      >
        <ToggleButtonGroup
          size="small"
          exclusive
          value={days}
          onChange={(_e, value: TAiPeriodDays | null) => value && setDays(value)}
          aria-label={t("period.label")}
          sx={{ flexWrap: "wrap" }}
        >
          {PERIODS.map((p) => (
            <ToggleButton key={p} value={p}>
              {t("period.days", { count: p })}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        <ButtonLink
          href={`/${orgSlug}/settings#settings-group-ai`}
          size="small"
          startIcon={<SettingsOutlined />}
        >
          {t("settingsLink")}
        </ButtonLink>
      </Stack>

      {query.isFetching && <LinearProgress aria-label={t("loading")} sx={{ mt: -2 }} />}
      {query.isError && (
        <Alert severity="error">{t("loadingFailed", { message: query.error.message })}</Alert>
      )}

      <Section
        id="ai-budget"
        title={t("budget.title", { month })}
        actions={<HelpButton helpKey="ai.dashboard" />}
      >
        <Stack spacing={2}>
          <BudgetBar line={dashboard.status.org} label={t("budget.label", { month })} testId="org-budget" />
          {level !== "ok" && dashboard.status.org.capEur > 0 && (
            <Alert severity={level === "exceeded" ? "error" : "warning"}>
              {level === "exceeded" ? t("budget.exceeded") : t("budget.warning")}
            </Alert>
          )}
        </Stack>
      </Section>

      {stats.calls === 0 ? (
        <EmptyState icon={<InsightsOutlined />} title={t("empty.title", { days: dashboard.days })}>
          {t("empty.text")}
        </EmptyState>
      ) : (
        <>
          <KpiCards dashboard={dashboard} />
          {(stats.refusedBudget > 0 || stats.notConfigured > 0) && (
            <Typography variant="body2" color="text.secondary">
              {t("kpi.refused", { refused: stats.refusedBudget, notConfigured: stats.notConfigured })}
            </Typography>
          )}
          <Section id="ai-by-day" title={t("byDay.title")}>
            <SpendByDay days={dashboard.byDay} />
          </Section>
          <SpendTables dashboard={dashboard} />
        </>
      )}
    </Stack>
  );
}
