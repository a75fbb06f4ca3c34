"use client";

import Box from "@mui/material/Box";
import LinearProgress from "@mui/material/LinearProgress";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { useTranslations } from "next-intl";

import type { TBudgetLine } from "@/lib/ai/schemas";

import { useAiFormat } from "./format";

const WARNING_SHARE = 0.8;

/** How much of a cap spent and reserved money use, and the colour that tells. */
export function budgetUse(line: TBudgetLine & { capEur: number }) {
  const used = line.spentEur + line.reservedEur;
  const share = line.capEur > 0 ? used / line.capEur : used > 0 ? 1 : 0;
  const level = share >= 1 ? "exceeded" : share >= WARNING_SHARE ? "warning" : "ok";
  return { share, level } as const;
}

/**
 * Spent (solid) and reserved (lighter) money against a cap, with marks at 80 % and 100 %, and the
 * figures in words beside it, so the bar is never the only way to read them.
 */
export function BudgetBar({
  line,
  label,
  testId,
}: {
  line: TBudgetLine & { capEur: number; remainingEur: number };
  label: string;
  testId?: string;
}) {
  const t = useTranslations("ai.budget");
  const f = useAiFormat();
  const { share, level } = budgetUse(line);
  const pct = (value: number) => Math.min(100, Math.max(0, value * 100));
  const spentShare = line.capEur > 0 ? line.spentEur / line.capEur : share;
  const color = level === "exceeded" ? "error" : level === "warning" ? "warning" : "primary";

  return (
    <Box data-testid={testId}>
      <Box sx={{ position: "relative", pt: 0.5, pb: 2.5 }}>
        <LinearProgress
          variant="buffer"
          value={pct(spentShare)}
          valueBuffer={pct(share)}
          color={color}
          aria-label={label}
          aria-valuetext={t("valueText", { percent: f.percent(spentShare) })}
          sx={{ height: 12, borderRadius: 1, "& .MuiLinearProgress-dashed": { display: "none" } }}
        />
        {[
          { at: WARNING_SHARE, text: t("markerWarning") },
          { at: 1, text: t("markerCap") },
        ].map((mark) => (
          <Box
            key={mark.at}
            aria-hidden
            sx={{
              position: "absolute",
              top: 0,
              left: `${mark.at * 100}%`,
              height: 20,
              borderLeft: 2,
              borderColor: "text.primary",
              transform: mark.at === 1 ? "translateX(-2px)" : undefined,
            }}
          >
            <Typography
              variant="caption"
              color="text.secondary"
              sx={{
                position: "absolute",
                top: 20,
                whiteSpace: "nowrap",
                transform: mark.at === 1 ? "translateX(-100%)" : "translateX(-50%)",
              }}
            >
              {mark.text}
            </Typography>
          </Box>
        ))}
      </Box>
      {line.capEur <= 0 ? (
        <Typography variant="body2">{t("noCap")}</Typography>
      ) : (
        <Stack direction={{ xs: "column", sm: "row" }} spacing={{ xs: 0.5, sm: 2 }} useFlexGap>
          <Typography variant="body2" sx={{ fontWeight: 600 }}>
            {t("spentOfCap", {
              spent: f.eur(line.spentEur),
              cap: f.eur(line.capEur),
              percent: f.percent(spentShare),
            })}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {t("reserved", { amount: f.eur(line.reservedEur) })}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {t("remaining", { amount: f.eur(line.remainingEur) })}
          </Typography>
        </Stack>
      )}
    </Box>
  );
}
