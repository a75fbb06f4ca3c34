"use client";

import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogContentText from "@mui/material/DialogContentText";
import DialogTitle from "@mui/material/DialogTitle";
import Link from "@mui/material/Link";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableRow from "@mui/material/TableRow";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import NextLink from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";

import { HeadRow } from "@/components/ui/TableParts";
import { useActionForm } from "@/components/ui/useActionForm";
import { transitionHelpExperimentAction } from "@/lib/help/actions";
import { experimentForms, type TArmOutcome, type TExperimentResults } from "@/lib/help/experiment-schemas";

import { EXPERIMENT_COLOR } from "./ExperimentList";
import { Markdown } from "./Markdown";

/** One experiment's results: both outcomes per version, the SRM check, the stop rule, start/stop. */
export function ExperimentResults({ orgSlug, results }: { orgSlug: string; results: TExperimentResults }) {
  const t = useTranslations("help.experiments");
  const format = useFormatter();
  const router = useRouter();
  const { experiment, srm, stopRule } = results;
  const armName = (position: number) =>
    position === 0
      ? t("results.control")
      : (experiment.arms.find((a) => a.position === position)?.label ?? String(position));
  const percent = (p: number) => format.number(p, { style: "percent", maximumFractionDigits: 1 });
  const p = format.number(srm.pValue, { maximumSignificantDigits: 2 });
  const winProbability = format.number(experiment.winProbability * 100, { maximumFractionDigits: 1 });
  const transition = useActionForm(transitionHelpExperimentAction.bind(null, orgSlug), {
    schema: experimentForms.transition,
    keepValues: true,
    onOk: () => {
      setConfirming(false);
      router.refresh();
    },
  });
  const [confirming, setConfirming] = useState(false);

  return (
    <Stack spacing={2}>
      <Stack direction="row" sx={{ alignItems: "center", gap: 1, flexWrap: "wrap" }}>
        <Typography variant="h5" component="h2">
          {experiment.name}
        </Typography>
        <Chip
          size="small"
          label={t(`statuses.${experiment.status}`)}
          color={EXPERIMENT_COLOR[experiment.status]}
        />
      </Stack>
      <Typography>
        {t("article")}:{" "}
        <Link component={NextLink} href={`/${orgSlug}/help/articles/${experiment.articleId}`}>
          {experiment.articleTitle}
        </Link>
      </Typography>

      <Alert severity={srm.mismatch ? "warning" : "success"} role={srm.mismatch ? "alert" : "status"}>
        {srm.mismatch ? t("srm.mismatch", { p }) : t("srm.ok", { p })}
      </Alert>

      <Paper variant="outlined" sx={{ p: 2 }}>
        <Typography variant="subtitle1" component="h2">
          {t("rule.title")}
        </Typography>
        {experiment.status === "STOPPED" ? (
          <Typography>
            {t("rule.stopped", {
              reason: t(`rule.reasons.${experiment.stoppedReason ?? "manual"}`),
              date: format.dateTime(new Date(experiment.stoppedAt ?? experiment.endsAt), {
                dateStyle: "medium",
              }),
            })}{" "}
            {experiment.winnerArm === null
              ? t("rule.noWinner")
              : t("rule.winnerIs", { arm: armName(experiment.winnerArm) })}
          </Typography>
        ) : (
          <Typography>
            {stopRule.reason === "winner"
              ? t("rule.winner", { arm: armName(stopRule.winner ?? 0), p: winProbability })
              : stopRule.reason === "collecting"
                ? t("rule.collecting", { min: experiment.minExposuresPerArm })
                : stopRule.reason === "undecided"
                  ? t("rule.undecided", { p: winProbability })
                  : t("rule.max_duration")}
          </Typography>
        )}
        {(experiment.winnerArm ?? stopRule.winner ?? 0) > 0 && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {t("rule.publishHint")}
          </Typography>
        )}
      </Paper>

      <OutcomeTable
        title={t("results.helpful")}
        hint={t("results.helpfulHint")}
        arms={results.helpful}
        armName={armName}
        percent={percent}
      />
      <OutcomeTable
        title={t("results.deflection")}
        hint={t("results.deflectionHint")}
        arms={results.deflection}
        armName={armName}
        percent={percent}
      />

      {experiment.arms
        .filter((a) => a.position > 0)
        .map((a) => (
          <Paper key={a.position} variant="outlined" sx={{ p: 2 }}>
            <Typography variant="subtitle2" component="h2">
              {t("variantText")}: {a.label}
            </Typography>
            <Typography variant="h6" component="p">
              {a.title}
            </Typography>
            <Markdown text={a.bodyMd ?? ""} />
          </Paper>
        ))}

      {transition.message && <Alert severity="error">{transition.message}</Alert>}
      {experiment.status === "DRAFT" && (
        <form onSubmit={transition.onSubmit}>
          <input type="hidden" name="id" value={experiment.id} />
          <input type="hidden" name="action" value="start" />
          <Button type="submit" variant="contained" disabled={transition.pending}>
            {t("start")}
          </Button>
        </form>
      )}
      {experiment.status === "RUNNING" && (
        <div>
          <Button variant="outlined" color="warning" onClick={() => setConfirming(true)}>
            {t("stop")}
          </Button>
        </div>
      )}
      <Dialog open={confirming} onClose={() => setConfirming(false)} aria-labelledby="stop-experiment-title">
        <form onSubmit={transition.onSubmit}>
          <DialogTitle id="stop-experiment-title">{t("stopDialog.title")}</DialogTitle>
          <DialogContent>
            <DialogContentText sx={{ mb: 2 }}>{t("stopDialog.text")}</DialogContentText>
            <input type="hidden" name="id" value={experiment.id} />
            <input type="hidden" name="action" value="stop" />
            <TextField
              select
              fullWidth
              label={t("stopDialog.winner")}
              defaultValue={stopRule.winner ?? ""}
              slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
              {...transition.field("winnerArm")}
            >
              <option value="">{t("stopDialog.none")}</option>
              {experiment.arms.map((a) => (
                <option key={a.position} value={a.position}>
                  {armName(a.position)}
                </option>
              ))}
            </TextField>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setConfirming(false)}>{t("stopDialog.cancel")}</Button>
            <Button type="submit" color="warning" variant="contained" disabled={transition.pending}>
              {t("stopDialog.confirm")}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </Stack>
  );
}

function OutcomeTable({
  title,
  hint,
  arms,
  armName,
  percent,
}: {
  title: string;
  hint: string;
  arms: TArmOutcome[];
  armName: (position: number) => string;
  percent: (p: number) => string;
}) {
  const t = useTranslations("help.experiments.results");
  const format = useFormatter();
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Typography variant="subtitle1" component="h2">
        {title}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {hint}
      </Typography>
      <TableContainer>
        <Table size="small" aria-label={title}>
          <HeadRow titles={[t("arm"), t("exposures"), t("conversions"), t("rate"), t("beat"), t("loss")]} />
          <TableBody>
            {arms.map((a) => (
              <TableRow key={a.position}>
                <TableCell>{armName(a.position)}</TableCell>
                <TableCell>{format.number(a.exposures)}</TableCell>
                <TableCell>{format.number(a.conversions)}</TableCell>
                <TableCell>{a.rate === null ? t("none") : percent(a.rate)}</TableCell>
                <TableCell>
                  {a.probabilityToBeat === null ? t("none") : percent(a.probabilityToBeat)}
                </TableCell>
                <TableCell>
                  {a.expectedLoss === null
                    ? t("none")
                    : t("points", {
                        value: format.number(a.expectedLoss * 100, { maximumFractionDigits: 2 }),
                      })}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </Paper>
  );
}
