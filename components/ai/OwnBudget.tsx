"use client";

import SettingsOutlined from "@mui/icons-material/SettingsOutlined";
import Box from "@mui/material/Box";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { useTranslations } from "next-intl";

import type { TBudgetStatus } from "@/lib/ai/schemas";
import { ButtonLink } from "@/components/ui/links";

import { Section } from "@/components/ui/Section";
import { BudgetBar } from "./BudgetBar";
import { useAiFormat } from "./format";

/**
 * What a member without the dashboard sees: their own spending this month, against their personal
 * cap when they set one, and what is left of the organisation's budget (every member may see it).
 */
export function OwnBudget({ orgSlug, status }: { orgSlug: string; status: TBudgetStatus }) {
  const t = useTranslations("ai.own");
  const f = useAiFormat();
  const month = f.month(status.month);
  const own = status.user;
  return (
    <Section id="ai-own-budget" title={t("title", { month })}>
      <Stack spacing={2}>
        {own && (
          <Typography data-testid="own-spent">
            {t("spent", { spent: f.eur(own.spentEur), reserved: f.eur(own.reservedEur) })}
          </Typography>
        )}
        {own && own.capEur !== null && own.remainingEur !== null ? (
          <BudgetBar
            line={{ ...own, capEur: own.capEur, remainingEur: own.remainingEur }}
            label={t("personalLabel", { month })}
            testId="own-budget"
          />
        ) : (
          <Typography variant="body2" color="text.secondary">
            {t("noPersonalCap")}
          </Typography>
        )}
        <Typography variant="body2" color="text.secondary">
          {t("orgRemaining", { remaining: f.eur(status.org.remainingEur), cap: f.eur(status.org.capEur) })}
        </Typography>
        <Typography variant="body2">{t("dashboardHint")}</Typography>
        <Box>
          <ButtonLink
            href={`/${orgSlug}/settings#settings-group-ai`}
            size="small"
            startIcon={<SettingsOutlined />}
          >
            {t("settingsLink")}
          </ButtonLink>
        </Box>
      </Stack>
    </Section>
  );
}
