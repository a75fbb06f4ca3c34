import BackupOutlined from "@mui/icons-material/BackupOutlined";
import Alert from "@mui/material/Alert";
import AlertTitle from "@mui/material/AlertTitle";
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
import type { BackupsOverview } from "@/lib/system/backup-service";

import { BackupButtons } from "./BackupButtons";
import { BackupDownloadButton } from "./BackupDownloadButton";

const COLOUR: Record<string, "default" | "success" | "error" | "info"> = {
  running: "info",
  succeeded: "success",
  passed: "success",
  failed: "error",
};

/** The backups and restore drills with their figures; "create now" and "drill now" for who may. */
export async function BackupsPanel({
  orgSlug,
  overview,
  canRun,
  canDownload,
}: {
  orgSlug: string;
  overview: BackupsOverview;
  canRun: boolean;
  canDownload: boolean;
}) {
  const t = await getTranslations("systemOps.backups");
  const format = await getFormatter();
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  const mb = (bytes: number) => `${format.number(bytes / 1_048_576, { maximumFractionDigits: 1 })} MB`;
  const { support, backups, drills } = overview;

  return (
    <>
      {!support.ok && (
        <Alert severity="warning" sx={{ mb: 2 }}>
          <AlertTitle>{t("unsupported")}</AlertTitle>
          {support.detail}
        </Alert>
      )}
      {canRun && support.ok && <BackupButtons orgSlug={orgSlug} />}

      <Typography variant="h6" component="h2" gutterBottom>
        {t("list")}
      </Typography>
      {backups.length === 0 ? (
        <EmptyState icon={<BackupOutlined />} title={t("empty")}>
          {t("emptyHint")}
        </EmptyState>
      ) : (
        <TableContainer component={Paper} variant="outlined" sx={{ mb: 4 }}>
          <Table size="small" aria-label={t("list")}>
            <HeadRow
              titles={[t("started"), t("trigger"), t("state"), t("file"), t("size"), t("rows"), t("sha256")]}
              actions={canDownload}
            />
            <TableBody>
              {backups.map((b) => (
                <TableRow key={b.id}>
                  <TableCell sx={{ whiteSpace: "nowrap" }}>{when(b.startedAt)}</TableCell>
                  <TableCell>{t(`triggers.${b.trigger as "cron" | "manual" | "cli"}`)}</TableCell>
                  <TableCell>
                    <Chip
                      size="small"
                      color={COLOUR[b.status] ?? "default"}
                      label={t(`status.${b.status as "running"}`)}
                    />
                    {b.prunedAt && (
                      <Typography variant="caption" component="p" color="text.secondary">
                        {t("pruned")}
                      </Typography>
                    )}
                    {b.error && (
                      <Typography variant="caption" component="p" color="error">
                        {b.error}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell sx={{ wordBreak: "break-all" }}>{b.fileName ?? "–"}</TableCell>
                  <TableCell sx={{ whiteSpace: "nowrap" }}>
                    {b.sizeBytes === null ? "–" : mb(b.sizeBytes)}
                  </TableCell>
                  <TableCell>{b.status === "succeeded" ? format.number(b.rows) : "–"}</TableCell>
                  <TableCell sx={{ fontFamily: "monospace", fontSize: 12 }} title={b.sha256 ?? undefined}>
                    {b.sha256 ? `${b.sha256.slice(0, 12)}…` : "–"}
                  </TableCell>
                  {canDownload && (
                    <TableCell align="right">
                      {b.status === "succeeded" && !b.prunedAt && b.fileName && (
                        <BackupDownloadButton orgSlug={orgSlug} backupId={b.id} fileName={b.fileName} />
                      )}
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}

      <Typography variant="h6" component="h2" gutterBottom sx={{ mt: 3 }}>
        {t("drills")}
      </Typography>
      {drills.length === 0 ? (
        <EmptyState title={t("drillsEmpty")} />
      ) : (
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" aria-label={t("drills")}>
            <HeadRow titles={[t("started"), t("trigger"), t("state"), t("rto"), t("rpo"), t("checks")]} />
            <TableBody>
              {drills.map((d) => (
                <TableRow key={d.id}>
                  <TableCell sx={{ whiteSpace: "nowrap" }}>{when(d.startedAt)}</TableCell>
                  <TableCell>{t(`triggers.${d.trigger as "cron" | "manual" | "cli"}`)}</TableCell>
                  <TableCell>
                    <Chip
                      size="small"
                      color={COLOUR[d.status] ?? "default"}
                      label={t(`status.${d.status as "running"}`)}
                    />
                  </TableCell>
                  <TableCell sx={{ whiteSpace: "nowrap" }}>
                    {d.rtoSeconds === null
                      ? "–"
                      : t("seconds", { value: format.number(d.rtoSeconds, { maximumFractionDigits: 1 }) })}
                  </TableCell>
                  <TableCell sx={{ whiteSpace: "nowrap" }}>
                    {d.rpoSeconds === null
                      ? "–"
                      : t("hours", {
                          value: format.number(d.rpoSeconds / 3600, { maximumFractionDigits: 1 }),
                        })}
                  </TableCell>
                  <TableCell>
                    {d.checks.map((c) => (
                      <Typography key={c.check} variant="body2" color={c.ok ? "text.primary" : "error"}>
                        {c.ok ? "✓" : "✗"} {t(`check.${c.check as "backup"}`)}
                        {!c.ok && `: ${c.detail}`}
                      </Typography>
                    ))}
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
