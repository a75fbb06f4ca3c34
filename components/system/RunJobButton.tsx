"use client";

import PlayArrowOutlined from "@mui/icons-material/PlayArrowOutlined";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";
import { useFormatter, useTranslations } from "next-intl";
import { useActionState } from "react";

import { runJobNowAction } from "@/lib/jobs/actions";

/** "Run now" for admins: runs the job on the server, waits for it and says how it went. */
export function RunJobButton({
  orgSlug,
  jobId,
  jobTitle,
}: {
  orgSlug: string;
  jobId: string;
  jobTitle: string;
}) {
  const t = useTranslations("jobs");
  const format = useFormatter();
  const [state, formAction, pending] = useActionState(runJobNowAction.bind(null, orgSlug), {
    status: "idle",
  });

  const duration = (ms: number) =>
    ms < 1000
      ? format.number(ms, { style: "unit", unit: "millisecond", maximumFractionDigits: 0 })
      : format.number(ms / 1000, { style: "unit", unit: "second", maximumFractionDigits: 1 });

  return (
    <Stack spacing={1} sx={{ alignItems: { sm: "flex-end" } }}>
      <form action={formAction}>
        <input type="hidden" name="jobId" value={jobId} />
        <Button
          type="submit"
          variant="outlined"
          size="small"
          startIcon={<PlayArrowOutlined />}
          disabled={pending}
          aria-label={t("runNowLabel", { job: jobTitle })}
        >
          {pending ? t("running") : t("runNow")}
        </Button>
      </form>
      <div aria-live="polite">
        {state.status === "error" && (
          <Alert severity="error">{state.message || state.fieldErrors.jobId}</Alert>
        )}
        {state.status === "ok" && state.data.status === "succeeded" && (
          <Alert severity="success">
            {t("result.succeeded", { job: jobTitle, duration: duration(state.data.durationMs) })}
          </Alert>
        )}
        {state.status === "ok" && state.data.status === "skipped" && (
          <Alert severity="info">{t("result.skipped", { job: jobTitle })}</Alert>
        )}
        {state.status === "ok" && state.data.status === "failed" && (
          <Alert severity="error">
            {t("result.failed", { job: jobTitle, error: state.data.error ?? "" })}
          </Alert>
        )}
      </div>
    </Stack>
  );
}
