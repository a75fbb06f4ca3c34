"use client";

import BackupOutlined from "@mui/icons-material/BackupOutlined";
import RestoreOutlined from "@mui/icons-material/RestoreOutlined";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";
import { useFormatter, useTranslations } from "next-intl";
import { useActionState } from "react";

import { createBackupAction, runDrillAction } from "@/lib/system/actions";

/** "Create backup now" and "Run restore drill now" for the operator's admins; each waits and says how it went. */
export function BackupButtons({ orgSlug }: { orgSlug: string }) {
  const t = useTranslations("systemOps.backups");
  const format = useFormatter();
  const [backup, backupAction, backingUp] = useActionState(createBackupAction.bind(null, orgSlug), {
    status: "idle",
  });
  const [drill, drillAction, drilling] = useActionState(runDrillAction.bind(null, orgSlug), {
    status: "idle",
  });
  const busy = backingUp || drilling;

  return (
    <Stack spacing={1} sx={{ mb: 3 }}>
      <Stack direction={{ xs: "column", sm: "row" }} spacing={1}>
        <form action={backupAction}>
          <Button type="submit" variant="contained" startIcon={<BackupOutlined />} disabled={busy}>
            {backingUp ? t("creating") : t("create")}
          </Button>
        </form>
        <form action={drillAction}>
          <Button type="submit" variant="outlined" startIcon={<RestoreOutlined />} disabled={busy}>
            {drilling ? t("drilling") : t("drill")}
          </Button>
        </form>
      </Stack>
      <div aria-live="polite">
        {backup.status === "error" && <Alert severity="error">{backup.message}</Alert>}
        {backup.status === "ok" && backup.data.status === "succeeded" && (
          <Alert severity="success">
            {t("created", {
              file: backup.data.fileName,
              size: format.number(backup.data.sizeBytes / 1_048_576, { maximumFractionDigits: 1 }) + " MB",
            })}
          </Alert>
        )}
        {backup.status === "ok" && backup.data.status === "failed" && (
          <Alert severity="error">{t("failed", { error: backup.data.error })}</Alert>
        )}
        {drill.status === "error" && <Alert severity="error">{drill.message}</Alert>}
        {drill.status === "ok" && drill.data.status === "passed" && (
          <Alert severity="success">
            {t("drillPassed", {
              rto: format.number(drill.data.rtoSeconds ?? 0, { maximumFractionDigits: 1 }),
            })}
          </Alert>
        )}
        {drill.status === "ok" && drill.data.status === "failed" && (
          <Alert severity="error">
            {t("drillFailed", {
              checks: drill.data.checks
                .filter((c) => !c.ok)
                .map((c) => `${t(`check.${c.check}`)}: ${c.detail}`)
                .join("; "),
            })}
          </Alert>
        )}
      </div>
    </Stack>
  );
}
