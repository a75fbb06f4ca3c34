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

import { saveWebhookConnectionAction } from "@/lib/integrations/actions";
import type { ActionState } from "@/lib/http/action";

/** 32 random bytes as base64url: a secret to hand to the sender. */
function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

/**
 * Create or edit a generic webhook connection: a name and the webhook secret the sender signs
 * with. The stored secret never comes back: an edit shows "set", and an empty field keeps it.
 */
export function WebhookConnectionDialog({
  orgSlug,
  connection,
}: {
  orgSlug: string;
  connection?: { id: string; name: string };
}) {
  const t = useTranslations("integrationsMonitor.form");
  const tw = useTranslations("integrationsMonitor.webhooks");
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down("sm"));
  const [open, setOpen] = useState(false);
  const [secret, setSecret] = useState("");
  const [state, formAction, pending] = useActionState(
    async (previous: ActionState<{ id: string }>, formData: FormData) => {
      const next = await saveWebhookConnectionAction(orgSlug, previous, formData);
      if (next.status === "ok") {
        setOpen(false);
        setSecret("");
      }
      return next;
    },
    { status: "idle" },
  );
  const errors = state.status === "error" ? state.fieldErrors : {};
  const values = state.status === "error" ? (state.values ?? {}) : {};
  const formError = state.status === "error" && !errors.name && !errors.webhookSecret ? state.message : "";
  const key = connection?.id ?? "new";
  const titleId = `webhook-dialog-${key}`;

  return (
    <>
      {connection ? (
        <Button
          size="small"
          startIcon={<EditOutlined />}
          onClick={() => setOpen(true)}
          aria-label={`${tw("edit")}: ${connection.name}`}
        >
          {tw("edit")}
        </Button>
      ) : (
        <Button variant="outlined" startIcon={<AddOutlined />} onClick={() => setOpen(true)}>
          {tw("newConnection")}
        </Button>
      )}
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        fullScreen={fullScreen}
        fullWidth
        maxWidth="sm"
        aria-labelledby={titleId}
      >
        <DialogTitle id={titleId}>{connection ? t("titleEdit") : t("titleNew")}</DialogTitle>
        <form action={formAction} noValidate aria-labelledby={titleId}>
          <DialogContent dividers>
            <input type="hidden" name="id" value={connection?.id ?? ""} />
            <Stack spacing={1}>
              <TextField
                name="name"
                id={`webhook-${key}-name`}
                label={t("name")}
                required
                fullWidth
                defaultValue={values.name ?? connection?.name ?? "Webhooks"}
                error={Boolean(errors.name)}
                helperText={errors.name ?? " "}
              />
              <Stack
                direction={{ xs: "column", sm: "row" }}
                spacing={1}
                sx={{ alignItems: { sm: "flex-start" } }}
              >
                <TextField
                  name="webhookSecret"
                  id={`webhook-${key}-secret`}
                  label={t("secret")}
                  required={!connection}
                  fullWidth
                  value={secret}
                  onChange={(event) => setSecret(event.target.value)}
                  error={Boolean(errors.webhookSecret)}
                  helperText={errors.webhookSecret ?? (connection ? t("secretSet") : t("secretNew"))}
                  slotProps={{
                    htmlInput: { autoComplete: "off", spellCheck: false, style: { fontFamily: "monospace" } },
                  }}
                />
                <Button
                  onClick={() => setSecret(randomSecret())}
                  sx={{ mt: { sm: 1 }, flex: "none", alignSelf: { xs: "flex-start", sm: "auto" } }}
                >
                  {t("generate")}
                </Button>
              </Stack>
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
