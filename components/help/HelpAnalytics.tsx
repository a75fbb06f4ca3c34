"use client";

import Alert from "@mui/material/Alert";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableRow from "@mui/material/TableRow";
import ToggleButton from "@mui/material/ToggleButton";
import ToggleButtonGroup from "@mui/material/ToggleButtonGroup";
import Typography from "@mui/material/Typography";
import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";

import { EmptyState } from "@/components/ui/EmptyState";
import { apiGet } from "@/components/ui/apiFetch";
import { HeadRow } from "@/components/ui/TableParts";
import { ANALYTICS_DAYS, type THelpAnalytics } from "@/lib/help/schemas";

/** Search analytics (editors): top queries, zero-result rate and questions asked, for 7/30/90 days. */
export function HelpAnalytics({ orgSlug }: { orgSlug: string }) {
  const t = useTranslations("help.analytics");
  const format = useFormatter();
  const [days, setDays] = useState<number>(30);
  const query = useQuery({
    queryKey: ["help", orgSlug, "analytics", days],
    queryFn: () => apiGet<THelpAnalytics>(orgSlug, "/help/analytics", { days }),
  });
  const data = query.data;
  const figures = data
    ? [
        [t("searches"), format.number(data.searches)],
        [
          t("zeroResultRate"),
          format.number(data.zeroResultRate, { style: "percent", maximumFractionDigits: 1 }),
        ],
        [t("questions"), format.number(data.questions)],
        [t("questionsUncovered"), format.number(data.questionsUncovered)],
        [t("questionsByAi"), format.number(data.questionsByAi)],
      ]
    : [];
  return (
    <Stack spacing={2}>
      <ToggleButtonGroup
        exclusive
        size="small"
        value={days}
        onChange={(_, value: number | null) => value && setDays(value)}
        aria-label={t("period")}
      >
        {ANALYTICS_DAYS.map((d) => (
          <ToggleButton key={d} value={d}>
            {t("days", { days: d })}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      {query.isError && <Alert severity="error">{query.error.message}</Alert>}
      {data && (
        <>
          <Stack direction="row" sx={{ flexWrap: "wrap", gap: 1.5 }} component="dl">
            {figures.map(([label, value]) => (
              <Paper key={label} variant="outlined" sx={{ p: 1.5, minWidth: 140, m: 0 }}>
                <Typography component="dt" variant="body2" color="text.secondary">
                  {label}
                </Typography>
                <Typography component="dd" variant="h6" sx={{ m: 0 }}>
                  {value}
                </Typography>
              </Paper>
            ))}
          </Stack>
          {data.topQueries.length === 0 ? (
            <EmptyState title={t("empty")} />
          ) : (
            <TableContainer component={Paper} variant="outlined">
              <Typography variant="subtitle1" component="h2" sx={{ p: 2, pb: 0 }}>
                {t("topQueries")}
              </Typography>
              <Table size="small">
                <HeadRow titles={[t("query"), t("count"), t("zeroResults")]} />
                <TableBody>
                  {data.topQueries.map((q) => (
                    <TableRow key={q.query}>
                      <TableCell sx={{ overflowWrap: "anywhere" }}>{q.query}</TableCell>
                      <TableCell>{q.count}</TableCell>
                      <TableCell>{q.zeroResults}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          )}
        </>
      )}
    </Stack>
  );
}
