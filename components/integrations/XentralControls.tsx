"use client";

import EditOutlined from "@mui/icons-material/EditOutlined";
import SyncOutlined from "@mui/icons-material/SyncOutlined";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import Stack from "@mui/material/Stack";
import { useTheme } from "@mui/material/styles";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import useMediaQuery from "@mui/material/useMediaQuery";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";

import type { ActionState } from "@/lib/http/action";
import { saveXentralConnectionAction, syncXentralNowAction } from "@/lib/integrations/xentral/actions";
import type { PullCounts } from "@/lib/integrations/xentral/products";
import type { TXentralSettings } from "@/lib/integrations/xentral/schemas";

/** Set up or edit the Xentral connection: instance, token (write-only), expiry, order defaults. */
export function XentralConnectionDialog({
  orgSlug,
  connection,
}: {
  orgSlug: string;
  connection?: { id: string; name: string; settings: TXentralSettings; tokenSet: boolean };
}) {
  const t = useTranslations("xentral.admin");
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down("sm"));
  const [open, setOpen] = useState(false);
  const [state, formAction, pending] = useActionState(
    async (previous: ActionState<{ id: string }>, formData: FormData) => {
      const next = await saveXentralConnectionAction(orgSlug, previous, formData);
      if (next.status === "ok") setOpen(false);
      return next;
    },
    { status: "idle" },
  );
  const errors = state.status === "error" ? state.fieldErrors : {};
  const values = state.status === "error" ? (state.values ?? {}) : {};
  const formError = state.status === "error" && Object.keys(errors).length === 0 ? state.message : "";
  const s = connection?.settings;
  const field = (name: string, label: string, value: string | undefined, extra: object = {}) => (
    <TextField
      name={name}
      id={`xentral-${name}`}
      label={label}
      fullWidth
      defaultValue={values[name] ?? value ?? ""}
      error={Boolean(errors[name])}
      helperText={errors[name] ?? " "}
      {...extra}
    />
  );
  return (
    <>
      <Button
        variant={connection ? "text" : "outlined"}
        size={connection ? "small" : "medium"}
        startIcon={connection ? <EditOutlined /> : undefined}
        onClick={() => setOpen(true)}
      >
        {connection ? t("edit") : t("setUp")}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        fullScreen={fullScreen}
        fullWidth
        maxWidth="sm"
        aria-labelledby="xentral-dialog"
      >
        <DialogTitle id="xentral-dialog">{connection ? t("titleEdit") : t("titleNew")}</DialogTitle>
        <form action={formAction} noValidate aria-labelledby="xentral-dialog">
          <DialogContent dividers>
            <input type="hidden" name="id" value={connection?.id ?? ""} />
            <Stack spacing={0.5}>
              {field("name", "Name", connection?.name ?? "Xentral", { required: true })}
              {field("instance", t("instance"), s?.baseUrl, {
                required: true,
                helperText: errors.instance ?? t("instanceHelp"),
              })}
              <TextField
                name="token"
                id="xentral-token"
                label={t("token")}
                type="password"
                required={!connection}
                fullWidth
                error={Boolean(errors.token)}
                helperText={errors.token ?? (connection?.tokenSet ? t("tokenHelpSet") : t("tokenHelpNew"))}
                slotProps={{ htmlInput: { autoComplete: "off" } }}
              />
              {field("tokenExpiresAt", t("tokenExpiresAt"), s?.tokenExpiresAt, {
                type: "date",
                required: true,
                helperText: errors.tokenExpiresAt ?? t("tokenExpiresHelp"),
                slotProps: { inputLabel: { shrink: true } },
              })}
              <TextField
                name="webhookSecret"
                id="xentral-webhookSecret"
                label={t("webhookSecret")}
                type="password"
                fullWidth
                error={Boolean(errors.webhookSecret)}
                helperText={errors.webhookSecret ?? t("webhookSecretHelp")}
                slotProps={{ htmlInput: { autoComplete: "off" } }}
              />
              <Typography variant="subtitle2" component="h4" sx={{ pt: 1 }}>
                {t("orderDefaults")}
              </Typography>
              <Stack direction={{ xs: "column", sm: "row" }} spacing={1}>
                {field("projectId", t("projectId"), s?.projectId)}
                {field("paymentMethodId", t("paymentMethodId"), s?.paymentMethodId)}
                {field("shippingMethodId", t("shippingMethodId"), s?.shippingMethodId)}
              </Stack>
              <Stack direction={{ xs: "column", sm: "row" }} spacing={1}>
                {field("currency", t("currency"), s?.currency ?? "EUR")}
                {field("taxRate", t("taxRate"), s?.taxRate ?? "7")}
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

/** "Sync now" (changes since the last pull) and "Full reconciliation". */
export function XentralSyncButtons({ orgSlug }: { orgSlug: string }) {
  const t = useTranslations("xentral.admin");
  const [state, formAction, pending] = useActionState(
    (previous: ActionState<PullCounts>, formData: FormData) =>
      syncXentralNowAction(orgSlug, previous, formData),
    { status: "idle" },
  );
  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={1} component="form" action={formAction}>
        <Button
          type="submit"
          name="mode"
          value="incremental"
          variant="contained"
          startIcon={<SyncOutlined />}
          disabled={pending}
        >
          {t("syncNow")}
        </Button>
        <Button type="submit" name="mode" value="full" disabled={pending}>
          {t("fullSync")}
        </Button>
      </Stack>
      {state.status === "ok" && (
        <Alert severity="success">
          {t("syncDone", {
            read: state.data.read,
            inserted: state.data.inserted,
            updated: state.data.updated,
            deactivated: state.data.deactivated,
          })}
        </Alert>
      )}
      {state.status === "error" && <Alert severity="error">{state.message}</Alert>}
    </Stack>
  );
}
