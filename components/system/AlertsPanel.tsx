import NotificationsNoneOutlined from "@mui/icons-material/NotificationsNoneOutlined";
import Chip from "@mui/material/Chip";
import Paper from "@mui/material/Paper";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import { getFormatter, getTranslations } from "next-intl/server";

import { EmptyState } from "@/components/ui/EmptyState";
import { HeadRow } from "@/components/ui/TableParts";
import type { AlertEventView, AlertRuleView } from "@/lib/system/alerts-service";

import { AlertRuleDialog } from "./AlertRuleDialog";

const COLOUR = {
  ok: "success",
  pending: "warning",
  firing: "error",
  resolved: "default",
  cleared: "default",
} as const;

/** The alert rules (editable by who may) and the history of their episodes. */
export async function AlertsPanel({
  orgSlug,
  rules,
  events,
  canEdit,
}: {
  orgSlug: string;
  rules: AlertRuleView[];
  events: AlertEventView[];
  canEdit: boolean;
}) {
  const t = await getTranslations("systemOps.alerts");
  const format = await getFormatter();
  const when = (iso: string | null) =>
    iso ? format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" }) : "–";
  const n = (v: number | null) => (v === null ? "–" : format.number(v, { maximumFractionDigits: 1 }));
  const metric = (key: string) => {
    const id = `metrics.${key.replaceAll(".", "_")}`;
    return t.has(id as "metrics.backup_age_hours") ? t(id as "metrics.backup_age_hours") : key;
  };
  const condition = (r: { comparison: "above" | "below"; threshold: number }) =>
    t(r.comparison, { threshold: n(r.threshold) });

  return (
    <>
      <Typography variant="h6" component="h2" gutterBottom>
        {t("rules")}
      </Typography>
      <TableContainer component={Paper} variant="outlined" sx={{ mb: 4 }}>
        <Table size="small" aria-label={t("rules")}>
          <HeadRow
            titles={[t("metric"), t("condition"), t("duration"), t("enabled"), t("state")]}
            actions={canEdit}
          />
          <TableBody>
            {rules.map((r) => (
              <TableRow key={r.id}>
                <TableCell>{metric(r.metric)}</TableCell>
                <TableCell>{condition(r)}</TableCell>
                <TableCell>
                  {format.number(r.durationSeconds / 60, { maximumFractionDigits: 0 })} min
                </TableCell>
                <TableCell>{r.enabled ? "✓" : t("off")}</TableCell>
                <TableCell>
                  <Chip size="small" color={COLOUR[r.state]} label={t(`states.${r.state}`)} />
                </TableCell>
                {canEdit && (
                  <TableCell align="right">
                    <AlertRuleDialog orgSlug={orgSlug} rule={r} metricLabel={metric(r.metric)} />
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>

      <Typography variant="h6" component="h2" gutterBottom>
        {t("history")}
      </Typography>
      {events.length === 0 ? (
        <EmptyState icon={<NotificationsNoneOutlined />} title={t("historyEmpty")} />
      ) : (
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" aria-label={t("history")}>
            <HeadRow titles={[t("metric"), t("state"), t("started"), t("fired"), t("ended"), t("values")]} />
            <TableBody>
              {events.map((e) => (
                <TableRow key={e.id}>
                  <TableCell>
                    {metric(e.metric)}
                    <Typography variant="caption" component="p" color="text.secondary">
                      {condition(e)}
                    </Typography>
                  </TableCell>
                  <TableCell>
                    <Chip size="small" color={COLOUR[e.state]} label={t(`states.${e.state}`)} />
                  </TableCell>
                  <TableCell sx={{ whiteSpace: "nowrap" }}>{when(e.startedAt)}</TableCell>
                  <TableCell sx={{ whiteSpace: "nowrap" }}>{when(e.firedAt)}</TableCell>
                  <TableCell sx={{ whiteSpace: "nowrap" }}>{when(e.endedAt)}</TableCell>
                  <TableCell>
                    {t("valuesText", {
                      first: n(e.firstValue),
                      fired: n(e.firedValue),
                      last: n(e.lastValue),
                    })}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </>
  );
}
