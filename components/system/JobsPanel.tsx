import Chip from "@mui/material/Chip";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import { getFormatter, getTranslations } from "next-intl/server";

import { HeadRow } from "@/components/ui/TableParts";
import type { JobStatus } from "@/lib/jobs/definition";
import type { JobOverview, JobRunnerMode } from "@/lib/jobs/service";

import { formatCounts, jobMessageId } from "./jobText";
import { RunJobButton } from "./RunJobButton";

const STATUS_COLOUR: Record<JobStatus, "default" | "success" | "error" | "info"> = {
  running: "info",
  succeeded: "success",
  failed: "error",
  skipped: "default",
};

/** The System area's jobs: what each does, when it runs, how its latest runs went; "run now" for admins. */
export async function JobsPanel({
  orgSlug,
  jobs,
  mode,
  canRun,
}: {
  orgSlug: string;
  jobs: JobOverview[];
  mode: JobRunnerMode;
  canRun: boolean;
}) {
  const t = await getTranslations("jobs");
  const format = await getFormatter();
  const dateTime = (iso: string) =>
    format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "medium" });
  const duration = (ms: number | null) => {
    if (ms === null) return "–";
    return ms < 1000
      ? format.number(ms, { style: "unit", unit: "millisecond", maximumFractionDigits: 0 })
      : format.number(ms / 1000, { style: "unit", unit: "second", maximumFractionDigits: 1 });
  };
  /** A count's label: the job's own words for it where it has them ("AI reservations released"), else the shared one. */
  const counts = (jobId: string, values: Record<string, number>) =>
    formatCounts(
      values,
      (name) => {
        const own = `definitions.${jobId}.counts.${name}` as "counts.deleted";
        return t.has(own) ? t(own) : t(`counts.${name}`);
      },
      (name) =>
        t.has(`definitions.${jobId}.counts.${name}` as "counts.deleted") ||
        t.has(`counts.${name}` as "counts.deleted"),
      (value) => format.number(value),
    );

  return (
    <Stack spacing={3}>
      <div>
        <Typography variant="h5" component="h2" gutterBottom>
          {t("title")}
        </Typography>
        <Typography color="text.secondary">{t("intro")}</Typography>
        <Typography color="text.secondary">{t(`mode.${mode}`)}</Typography>
      </div>

      {jobs.map((job) => {
        const id = jobMessageId(job.id);
        const title = t(`definitions.${id}.title`);
        return (
          <Paper
            key={job.id}
            variant="outlined"
            component="section"
            aria-labelledby={`job-${job.id}`}
            sx={{ p: 3 }}
          >
            <Stack
              direction={{ xs: "column", sm: "row" }}
              spacing={2}
              sx={{ justifyContent: "space-between", mb: 2 }}
            >
              <div>
                <Typography variant="h6" component="h3" id={`job-${job.id}`}>
                  {title}
                </Typography>
                <Typography variant="body2" color="text.secondary" gutterBottom>
                  {t(`definitions.${id}.description`)}
                </Typography>
                <Typography variant="body2">
                  {t("schedule")}:{" "}
                  <Typography component="code" variant="body2" sx={{ fontFamily: "monospace" }}>
                    {job.cron}
                  </Typography>{" "}
                  ({job.timeZone}) · {t("nextRun")}: {job.nextRunAt ? dateTime(job.nextRunAt) : t("never")}
                </Typography>
              </div>
              {canRun && <RunJobButton orgSlug={orgSlug} jobId={job.id} jobTitle={title} />}
            </Stack>

            {job.runs.length === 0 ? (
              <Typography variant="body2" color="text.secondary">
                {t("noRuns")}
              </Typography>
            ) : (
              <TableContainer>
                <Table size="small" aria-label={t("runsTable", { job: title })}>
                  <HeadRow
                    titles={(
                      [
                        "columnStarted",
                        "columnTrigger",
                        "columnStatus",
                        "columnDuration",
                        "columnCounts",
                        "columnError",
                      ] as const
                    ).map((c) => t(c))}
                  />
                  <TableBody>
                    {job.runs.map((run) => (
                      <TableRow key={run.id}>
                        <TableCell sx={{ whiteSpace: "nowrap" }}>{dateTime(run.startedAt)}</TableCell>
                        <TableCell>{t(`trigger.${run.trigger}`)}</TableCell>
                        <TableCell>
                          <Chip
                            size="small"
                            color={STATUS_COLOUR[run.status]}
                            label={t(`status.${run.status}`)}
                          />
                        </TableCell>
                        <TableCell sx={{ whiteSpace: "nowrap" }}>{duration(run.durationMs)}</TableCell>
                        <TableCell>{counts(job.id, run.counts)}</TableCell>
                        <TableCell sx={{ wordBreak: "break-word", maxWidth: 360 }}>
                          {run.error ?? ""}
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </TableContainer>
            )}
          </Paper>
        );
      })}
    </Stack>
  );
}
