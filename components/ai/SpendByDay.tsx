"use client";

import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import { useTranslations } from "next-intl";
import { useState } from "react";

import type { TAiSpendDay } from "@/lib/ai/schemas";

import { useAiFormat } from "./format";

const CHART_HEIGHT = 160;

/**
 * Spend per day as CSS bars (no chart library is installed), described in one sentence for screen
 * readers, with the same figures as a table one click away.
 */
export function SpendByDay({ days }: { days: TAiSpendDay[] }) {
  const t = useTranslations("ai.byDay");
  const f = useAiFormat();
  const [showTable, setShowTable] = useState(false);
  if (days.length === 0) return null;

  const max = Math.max(...days.map((d) => d.costEur));
  const total = days.reduce((sum, d) => sum + d.costEur, 0);
  const first = days[0].day;
  const last = days[days.length - 1].day;
  const summary = t("chart", {
    from: f.longDay(first),
    to: f.longDay(last),
    total: f.eur(total),
    max: f.eur(max),
  });

  return (
    <Stack spacing={1.5}>
      <Box role="img" aria-label={summary} data-testid="spend-by-day-chart">
        <Box
          sx={{
            display: "flex",
            alignItems: "flex-end",
            gap: days.length > 40 ? "1px" : "3px",
            height: CHART_HEIGHT,
            borderBottom: 1,
            borderColor: "divider",
          }}
        >
          {days.map((d) => {
            const label = t("bar", { day: f.longDay(d.day), cost: f.eur(d.costEur), calls: d.calls });
            const height = max > 0 ? (d.costEur / max) * 100 : 0;
            return (
              <Tooltip key={d.day} title={label} describeChild>
                <Box sx={{ flex: 1, height: "100%", display: "flex", alignItems: "flex-end" }}>
                  <Box
                    sx={{
                      width: "100%",
                      height: `${height}%`,
                      minHeight: d.calls > 0 ? 2 : 0,
                      bgcolor: "primary.main",
                      borderRadius: "2px 2px 0 0",
                    }}
                  />
                </Box>
              </Tooltip>
            );
          })}
        </Box>
        <Stack direction="row" sx={{ justifyContent: "space-between", mt: 0.5 }} aria-hidden>
          <Typography variant="caption" color="text.secondary">
            {f.day(first)}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            {f.day(last)}
          </Typography>
        </Stack>
      </Box>
      <Box>
        <Button
          size="small"
          onClick={() => setShowTable((s) => !s)}
          aria-expanded={showTable}
          aria-controls={showTable ? "ai-spend-by-day-table" : undefined}
        >
          {showTable ? t("hideTable") : t("showTable")}
        </Button>
      </Box>
      {showTable && (
        <TableContainer id="ai-spend-by-day-table" sx={{ maxHeight: 360 }}>
          <Table size="small" stickyHeader aria-label={t("table")}>
            <TableHead>
              <TableRow>
                <TableCell>{t("day")}</TableCell>
                <TableCell align="right">{t("calls")}</TableCell>
                <TableCell align="right">{t("cost")}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {[...days].reverse().map((d) => (
                <TableRow key={d.day}>
                  <TableCell>{f.longDay(d.day)}</TableCell>
                  <TableCell align="right">{f.count(d.calls)}</TableCell>
                  <TableCell align="right">{f.eur(d.costEur)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Stack>
  );
}
