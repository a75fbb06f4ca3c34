import Chip from "@mui/material/Chip";
import Paper from "@mui/material/Paper";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";

import { HeadRow } from "@/components/ui/TableParts";
import type { HealthReport } from "@/lib/system/health-report";

/** The installation's health: one line per part, then each job's lag against its schedule. */
export async function HealthPanel({ report }: { report: HealthReport }) {
  const t = await getTranslations("systemOps.health");
  const tb = await getTranslations("systemOps.backups");
  const tj = await getTranslations("jobs.definitions");
  const format = await getFormatter();
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  const n = (value: number, digits = 0) => format.number(value, { maximumFractionDigits: digits });
  const gb = (bytes: number) => `${n(bytes / 1_073_741_824, 1)} GB`;
  const good = (ok: boolean, text: string) => (
    <Chip size="small" variant="outlined" color={ok ? "success" : "error"} label={text} />
  );

  const { database, migrations, outbox, ai, circuits, backups, disk } = report;
  const providers = [ai.openai && "OpenAI", ai.anthropic && "Anthropic"].filter(Boolean).join(", ");
  const rows: [string, ReactNode][] = [
    [
      t("database"),
      good(
        database.up,
        database.up ? t("databaseUp", { latency: n(database.latencyMs ?? 0, 1) }) : t("databaseDown"),
      ),
    ],
    [
      t("migrations"),
      good(
        migrations.pending.length === 0,
        migrations.pending.length === 0
          ? t("migrationsOk", { applied: migrations.applied })
          : t("migrationsPending", { versions: migrations.pending.join(", ") }),
      ),
    ],
    [t("outbox"), outbox.backlog === null ? "–" : t("outboxBacklog", { count: outbox.backlog })],
    [t("ai"), providers || t("aiNone")],
    [
      t("integrations"),
      circuits.length === 0
        ? t("circuitsNone")
        : circuits.map((c) => (
            <Chip
              key={`${c.provider}:${c.target}`}
              size="small"
              variant="outlined"
              color={c.state === "closed" ? "success" : c.state === "open" ? "error" : "warning"}
              label={`${c.provider} ${c.target}: ${t(`circuit.${c.state}`)}`}
              sx={{ mr: 0.5, mb: 0.5, maxWidth: "100%" }}
            />
          )),
    ],
    [
      t("backups"),
      !backups.support.ok ? (
        good(false, tb("unsupported"))
      ) : (
        <>
          {backups.lastGoodAt && backups.ageHours !== null
            ? t("backupAge", { age: n(backups.ageHours, 1) })
            : t("backupNone")}
          {backups.lastDrill && (
            <Typography variant="body2" color="text.secondary">
              {t("drillLast", {
                status: tb(`status.${backups.lastDrill.status as "passed"}`),
                at: when(backups.lastDrill.at),
              })}
            </Typography>
          )}
        </>
      ),
    ],
    [
      t("disk"),
      disk
        ? t("diskFree", { free: gb(disk.freeBytes), total: gb(disk.totalBytes), dir: disk.dir })
        : t("diskUnknown"),
    ],
  ];

  return (
    <>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t("checkedAt", { at: when(report.checkedAt) })}
      </Typography>
      <TableContainer component={Paper} variant="outlined" sx={{ mb: 4 }}>
        <Table size="small" aria-label={t("title")}>
          <TableBody>
            {rows.map(([label, value]) => (
              <TableRow key={label}>
                <TableCell component="th" scope="row" sx={{ fontWeight: 500, width: "35%" }}>
                  {label}
                </TableCell>
                <TableCell sx={{ wordBreak: "break-word" }}>{value}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>

      <Typography variant="h6" component="h2" gutterBottom>
        {t("jobs")}
      </Typography>
      <TableContainer component={Paper} variant="outlined">
        <Table size="small" aria-label={t("jobs")}>
          <HeadRow titles={[t("job"), t("lastRun"), t("lag")]} />
          <TableBody>
            {report.jobs.map((job) => (
              <TableRow key={job.id}>
                <TableCell>
                  {tj.has(`${job.id}.title` as "backup-nightly.title")
                    ? tj(`${job.id}.title` as "backup-nightly.title")
                    : job.id}
                </TableCell>
                <TableCell sx={{ whiteSpace: "nowrap" }}>
                  {job.lastRunAt ? when(job.lastRunAt) : t("never")}
                </TableCell>
                <TableCell>
                  {job.lagMinutes === null
                    ? "–"
                    : job.lagMinutes < 1
                      ? good(true, t("lagNone"))
                      : good(false, t("minutes", { minutes: n(job.lagMinutes) }))}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </>
  );
}
