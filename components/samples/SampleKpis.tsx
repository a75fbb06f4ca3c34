"use client";

import Grid from "@mui/material/Grid";
import Paper from "@mui/material/Paper";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import { useFormatter, useTranslations } from "next-intl";

import type { KpiRow, ProductKpiRow, SamplesKpis } from "@/lib/samples/overview";

/** How customers answer: overall, per partner and per product (with the average rating). */
export function SampleKpis({ kpis }: { kpis: SamplesKpis }) {
  const t = useTranslations("samples.area.kpis");
  const format = useFormatter();
  const percent = (rate: number | null) =>
    rate === null ? "–" : format.number(rate, { style: "percent", maximumFractionDigits: 0 });
  const median = kpis.medianHoursToFeedback;
  const figures = [
    { label: t("rate"), value: percent(kpis.rate), testId: "kpi-rate" },
    { label: t("invited"), value: format.number(kpis.invited), testId: "kpi-invited" },
    { label: t("submitted"), value: format.number(kpis.submitted), testId: "kpi-submitted" },
    {
      label: t("median"),
      value:
        median === null
          ? "–"
          : median < 48
            ? t("hours", { hours: format.number(median, { maximumFractionDigits: 1 }) })
            : t("days", { days: format.number(median / 24, { maximumFractionDigits: 1 }) }),
      testId: "kpi-median",
    },
  ];
  const table = <R extends KpiRow>(
    title: string,
    rows: R[],
    first: string,
    extra?: { header: string; cell: (row: R) => string },
  ) => (
    <TableContainer component={Paper} variant="outlined">
      <Table size="small" aria-label={title}>
        <TableHead>
          <TableRow>
            <TableCell>{first}</TableCell>
            <TableCell align="right">{t("invited")}</TableCell>
            <TableCell align="right">{t("submitted")}</TableCell>
            <TableCell align="right">{t("rate")}</TableCell>
            {extra && <TableCell align="right">{extra.header}</TableCell>}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.length === 0 && (
            <TableRow>
              <TableCell colSpan={extra ? 5 : 4}>
                <Typography variant="body2" color="text.secondary">
                  {t("none")}
                </Typography>
              </TableCell>
            </TableRow>
          )}
          {rows.map((row) => (
            <TableRow key={row.key ?? "none"}>
              <TableCell component="th" scope="row">
                {row.name ?? t("noPartner")}
                {extra && row.key && (
                  <Typography
                    variant="caption"
                    color="text.secondary"
                    component="span"
                    sx={{ display: "block" }}
                  >
                    {row.key}
                  </Typography>
                )}
              </TableCell>
              <TableCell align="right">{row.invited}</TableCell>
              <TableCell align="right">{row.submitted}</TableCell>
              <TableCell align="right">{percent(row.rate)}</TableCell>
              {extra && <TableCell align="right">{extra.cell(row)}</TableCell>}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );

  return (
    <Grid container spacing={2}>
      {figures.map((f) => (
        <Grid key={f.testId} size={{ xs: 6, md: 3 }}>
          <Paper variant="outlined" sx={{ p: 2, height: "100%" }}>
            <Typography variant="body2" color="text.secondary">
              {f.label}
            </Typography>
            <Typography variant="h5" component="p" data-testid={f.testId}>
              {f.value}
            </Typography>
          </Paper>
        </Grid>
      ))}
      <Grid size={{ xs: 12, xl: 5 }}>
        <Typography variant="subtitle2" component="h3" gutterBottom>
          {t("byPartner")}
        </Typography>
        {table(t("byPartner"), kpis.byPartner, t("partner"))}
      </Grid>
      <Grid size={{ xs: 12, xl: 7 }}>
        <Typography variant="subtitle2" component="h3" gutterBottom>
          {t("byProduct")}
        </Typography>
        {table<ProductKpiRow>(t("byProduct"), kpis.byProduct, t("product"), {
          header: t("averageRating"),
          cell: (row) =>
            row.averageRating === null
              ? "–"
              : t("ratingValue", {
                  rating: format.number(row.averageRating, { maximumFractionDigits: 1 }),
                  count: row.ratings,
                }),
        })}
      </Grid>
    </Grid>
  );
}
