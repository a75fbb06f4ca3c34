"use client";

import AddOutlined from "@mui/icons-material/AddOutlined";
import EditOutlined from "@mui/icons-material/EditOutlined";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import Stack from "@mui/material/Stack";
import { useTheme } from "@mui/material/styles";
import TextField from "@mui/material/TextField";
import useMediaQuery from "@mui/material/useMediaQuery";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";

import type { ActionState } from "@/lib/http/action";
import { saveAllianzConnectionAction } from "@/lib/integrations/allianz-trade/actions";
import { BASE_URLS } from "@/lib/integrations/allianz-trade/wire";

/**
 * Create the organisation's Allianz Trade connection, or edit it (`connection`): name, base URL and
 * API key (write-only; on an edit left empty to keep the stored key, or a new one to rotate it).
 */
export function AllianzConnectionDialog({
  orgSlug,
  connection,
}: {
  orgSlug: string;
  connection?: { id: string; name: string; baseUrl: string };
}) {
  const t = useTranslations("credit.connection");
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down("sm"));
  const [open, setOpen] = useState(false);
  const [state, formAction, pending] = useActionState(
    async (previous: ActionState<{ id: string }>, formData: FormData) => {
      const next = await saveAllianzConnectionAction(orgSlug, previous, formData);
      if (next.status === "ok") setOpen(false);
      return next;
    },
    { status: "idle" },
  );
  const errors = state.status === "error" ? state.fieldErrors : {};
  const values = state.status === "error" ? (state.values ?? {}) : {};
  const formError =
    state.status === "error" && !errors.name && !errors.baseUrl && !errors.apiKey ? state.message : "";
  return (
    <>
      {connection ? (
        <Button
          size="small"
          startIcon={<EditOutlined />}
          onClick={() => setOpen(true)}
          aria-label={`${t("edit")}: ${connection.name}`}
        >
          {t("edit")}
        </Button>
      ) : (
        <Button variant="outlined" startIcon={<AddOutlined />} onClick={() => setOpen(true)}>
          {t("new")}
        </Button>
      )}
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        fullScreen={fullScreen}
        fullWidth
        maxWidth="sm"
        aria-labelledby="allianz-dialog"
      >
        <DialogTitle id="allianz-dialog">{t(connection ? "editTitle" : "title")}</DialogTitle>
        <form action={formAction} noValidate aria-labelledby="allianz-dialog">
          <DialogContent dividers>
            {connection && <input type="hidden" name="id" value={connection.id} />}
            <Stack spacing={1}>
              <TextField
                name="name"
                label={t("name")}
                required
                fullWidth
                defaultValue={values.name ?? connection?.name ?? "Allianz Trade"}
                error={Boolean(errors.name)}
                helperText={errors.name ?? " "}
              />
              <TextField
                name="baseUrl"
                label={t("baseUrl")}
                required
                fullWidth
                defaultValue={values.baseUrl ?? connection?.baseUrl ?? BASE_URLS.production}
                error={Boolean(errors.baseUrl)}
                helperText={errors.baseUrl ?? t("baseUrlHelp", { sandbox: BASE_URLS.sandbox })}
              />
              <TextField
                name="apiKey"
                label={t("apiKey")}
                required={!connection}
                fullWidth
                type="password"
                error={Boolean(errors.apiKey)}
                helperText={errors.apiKey ?? t(connection ? "apiKeyKeep" : "apiKeyHelp")}
                slotProps={{ htmlInput: { autoComplete: "off" } }}
              />
            </Stack>
            {formError && (
              <Alert severity="error" sx={{ mt: 1 }}>
                {formError}
              </Alert>
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(false)}>{t("cancel")}</Button>
            <Button type="submit" variant="contained" disabled={pending}>
              {t("save")}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}
