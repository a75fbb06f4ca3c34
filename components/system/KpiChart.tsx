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
import Typography from "@mui/material/Typography";
import { BarChart } from "@mui/x-charts/BarChart";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";

/** One series of a day chart: its label, its value per day (null: not visible to the reader), how a value reads. */
export interface KpiSeries {
  label: string;
  values: (number | null)[];
  format: (value: number) => string;
}

/**
 * A trend per day as an MUI X bar chart, with a sentence that says what it shows (for screen
 * readers, in place of the SVG) and the same figures as a table one click away.
 */
export function KpiChart({
  title,
  summary,
  days,
  dayLabel,
  longDay,
  series,
  testId,
  columnTitle,
  stacked = false,
  showTitle = true,
}: {
  /** Whether the chart shows its title as a heading (off where its section's heading says it already). */
  showTitle?: boolean;
  /** Stack the series' bars (parts of one whole, e.g. errors and warnings). */
  stacked?: boolean;
  /** The first column's heading in the table (default: "Day"). */
  columnTitle?: string;
  title: string;
  summary: string;
  days: string[];
  dayLabel: (day: string) => string;
  longDay: (day: string) => string;
  series: KpiSeries[];
  testId: string;
}) {
  const t = useTranslations("systemKpis");
  const [showTable, setShowTable] = useState(false);
  const tableId = useId();
  // Nothing to draw: a sentence instead of an empty grid (the table still lists the days).
  const empty = series.every((s) => s.values.every((v) => !v));
  return (
    <Stack spacing={1}>
      {showTitle && (
        <Typography variant="subtitle1" component="h3">
          {title}
        </Typography>
      )}
      <Box role="img" aria-label={summary} data-testid={testId} sx={{ width: "100%", minWidth: 0 }}>
        {empty ? (
          <Typography color="text.secondary" sx={{ py: 2 }}>
            {t("chartEmpty")}
          </Typography>
        ) : (
          <BarChart
            height={220}
            xAxis={[{ scaleType: "band", data: days, valueFormatter: (d: string) => dayLabel(d) }]}
            series={series.map((s) => ({
              stack: stacked ? "total" : undefined,
              label: s.label,
              data: s.values.map((v) => v ?? 0),
              valueFormatter: (v: number | null) => (v === null ? "" : s.format(v)),
            }))}
            margin={{ left: 8, right: 8 }}
          />
        )}
      </Box>
      <Box>
        <Button
          size="small"
          onClick={() => setShowTable((s) => !s)}
          aria-expanded={showTable}
          aria-controls={showTable ? tableId : undefined}
        >
          {showTable ? t("hideTable") : t("showTable")}
        </Button>
      </Box>
      {showTable && (
        <TableContainer id={tableId} sx={{ maxHeight: 360 }}>
          <Table size="small" stickyHeader aria-label={title}>
            <TableHead>
              <TableRow>
                <TableCell>{columnTitle ?? t("charts.day")}</TableCell>
                {series.map((s) => (
                  <TableCell key={s.label} align="right">
                    {s.label}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {days
                .map((day, i) => ({ day, i }))
                .reverse()
                .map(({ day, i }) => (
                  <TableRow key={day}>
                    <TableCell>{longDay(day)}</TableCell>
                    {series.map((s) => {
                      const value = s.values[i];
                      return (
                        <TableCell key={s.label} align="right">
                          {value === null ? t("notVisible") : s.format(value)}
                        </TableCell>
                      );
                    })}
                  </TableRow>
                ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Stack>
  );
}
