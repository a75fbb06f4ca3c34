"use client";

import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogContentText from "@mui/material/DialogContentText";
import DialogTitle from "@mui/material/DialogTitle";
import { useTheme } from "@mui/material/styles";
import TextField from "@mui/material/TextField";
import useMediaQuery from "@mui/material/useMediaQuery";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";

/**
 * "Download" of one backup for the operator's admins: they type their password again, the route
 * checks it, audits and sends the file, which the browser then saves.
 */
export function BackupDownloadButton({
  orgSlug,
  backupId,
  fileName,
}: {
  orgSlug: string;
  backupId: string;
  fileName: string;
}) {
  const t = useTranslations("systemOps.backups");
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down("sm"));
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = `backup-download-${backupId}`;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = new FormData(event.currentTarget).get("password");
    setPending(true);
    setError(null);
    try {
      const response = await fetch(`/${orgSlug}/system/backups/${backupId}/download`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ password }),
      });
      if (!response.ok) {
        const problem = (await response.json().catch(() => ({}))) as { title?: string; detail?: string };
        setError(
          response.status === 422
            ? t("wrongPassword")
            : t("downloadFailed", { error: problem.detail ?? problem.title ?? String(response.status) }),
        );
        return;
      }
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = fileName;
      link.click();
      URL.revokeObjectURL(url);
      setOpen(false);
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} aria-label={`${t("download")}: ${fileName}`}>
        {t("download")}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        fullScreen={fullScreen}
        fullWidth
        maxWidth="xs"
        aria-labelledby={`${id}-title`}
      >
        <DialogTitle id={`${id}-title`} sx={{ wordBreak: "break-all" }}>
          {t("downloadTitle", { file: fileName })}
        </DialogTitle>
        <form onSubmit={onSubmit} noValidate>
          <DialogContent dividers>
            <DialogContentText sx={{ mb: 2 }}>{t("downloadText")}</DialogContentText>
            <TextField
              id={`${id}-password`}
              name="password"
              type="password"
              label={t("password")}
              autoComplete="current-password"
              required
              fullWidth
              autoFocus
            />
            {error && (
              <Alert severity="error" sx={{ mt: 2 }} role="alert">
                {error}
              </Alert>
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(false)}>{t("cancel")}</Button>
            <Button type="submit" variant="contained" disabled={pending}>
              {pending ? t("downloading") : t("downloadStart")}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}
