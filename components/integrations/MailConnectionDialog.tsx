"use client";

import AddOutlined from "@mui/icons-material/AddOutlined";
import EditOutlined from "@mui/icons-material/EditOutlined";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import MenuItem from "@mui/material/MenuItem";
import Stack from "@mui/material/Stack";
import { useTheme } from "@mui/material/styles";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import useMediaQuery from "@mui/material/useMediaQuery";
import { useTranslations } from "next-intl";
import { useActionState, useState, useTransition, type FormEvent } from "react";

import { saveMailConnectionAction } from "@/lib/integrations/actions";

export interface MailConnectionFormValues {
  id: string;
  name: string;
  host: string;
  port: number;
  security: string;
  user: string;
  from: string;
  secretSet: boolean;
  imapHost: string;
  imapPort: string;
  imapSecurity: string;
  mailbox: string;
  kasLogin: string;
}

const FIELDS = [
  "name",
  "host",
  "port",
  "security",
  "user",
  "from",
  "password",
  "imapHost",
  "imapPort",
  "imapSecurity",
  "mailbox",
  "kasLogin",
  "kasPassword",
] as const;

/**
 * Create or edit an all-inkl mail connection. The password is write-only: the form never receives
 * it, shows "set" when one is stored, and an empty field keeps it.
 */
export function MailConnectionDialog({
  orgSlug,
  connection,
}: {
  orgSlug: string;
  connection?: MailConnectionFormValues;
}) {
  const t = useTranslations("integrations");
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down("sm"));
  const [state, dispatch, pending] = useActionState(saveMailConnectionAction.bind(null, orgSlug), {
    status: "idle",
  });
  const [, startTransition] = useTransition();

  // Open from a click until the next successful save: the state a click saw is remembered, so a
  // newer "ok" closes the dialog without an effect.
  const [openedWith, setOpenedWith] = useState<object | null>(null);
  const open = openedWith !== null && !(state.status === "ok" && state !== openedWith);
  const setOpen = (value: boolean) => setOpenedWith(value ? state : null);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  };
  const errors = state.status === "error" ? state.fieldErrors : {};
  const values = state.status === "error" ? (state.values ?? {}) : {};
  const field = (name: (typeof FIELDS)[number], hint?: string) => ({
    name,
    id: `mail-${connection?.id ?? "new"}-${name}`,
    error: Boolean(errors[name]),
    helperText: errors[name] ?? hint ?? " ",
    fullWidth: true,
  });
  const initial = (name: keyof MailConnectionFormValues, fallback = "") =>
    values[name] ?? (connection ? String(connection[name]) : fallback);
  const other = Object.entries(errors).filter(([key]) => !(FIELDS as readonly string[]).includes(key));
  const message = state.status === "error" ? state.message || other.map(([, m]) => m).join(" ") : "";
  const titleId = `mail-dialog-${connection?.id ?? "new"}`;

  return (
    <>
      {connection ? (
        <Button size="small" startIcon={<EditOutlined />} onClick={() => setOpen(true)}>
          {t("edit")}
        </Button>
      ) : (
        <Button variant="contained" startIcon={<AddOutlined />} onClick={() => setOpen(true)}>
          {t("newMail")}
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
        <DialogTitle id={titleId}>{connection ? t("form.titleEdit") : t("form.titleNew")}</DialogTitle>
        <form onSubmit={onSubmit} noValidate aria-labelledby={titleId}>
          <DialogContent dividers>
            <input type="hidden" name="id" value={connection?.id ?? ""} />
            <Stack spacing={1}>
              <TextField
                label={t("form.name")}
                required
                defaultValue={initial("name", "Mail")}
                {...field("name")}
              />
              <TextField
                label={t("form.host")}
                required
                defaultValue={initial("host")}
                {...field("host", t("form.hostHelp"))}
              />
              <Stack direction={{ xs: "column", sm: "row" }} spacing={1}>
                <TextField
                  label={t("form.port")}
                  required
                  defaultValue={initial("port", "465")}
                  slotProps={{ htmlInput: { inputMode: "numeric" } }}
                  {...field("port")}
                />
                <TextField
                  select
                  label={t("form.security")}
                  required
                  defaultValue={initial("security", "tls")}
                  {...field("security")}
                >
                  <MenuItem value="tls">{t("form.securityTls")}</MenuItem>
                  <MenuItem value="starttls">{t("form.securityStarttls")}</MenuItem>
                  <MenuItem value="none">{t("form.securityNone")}</MenuItem>
                </TextField>
              </Stack>
              <TextField
                label={t("form.user")}
                required
                defaultValue={initial("user")}
                slotProps={{ htmlInput: { autoComplete: "off" } }}
                {...field("user")}
              />
              <TextField
                label={t("form.from")}
                required
                defaultValue={initial("from")}
                {...field("from", t("form.fromHelp"))}
              />
              <TextField
                label={t("form.password")}
                type="password"
                required={!connection?.secretSet}
                defaultValue=""
                placeholder={connection?.secretSet ? "••••••••" : ""}
                slotProps={{ htmlInput: { autoComplete: "new-password" } }}
                {...field("password", connection?.secretSet ? t("form.passwordSet") : t("form.passwordNew"))}
              />
              <Typography variant="subtitle2" component="h3" sx={{ pt: 1 }}>
                {t("form.imapSection")}
              </Typography>
              <TextField
                label={t("form.imapHost")}
                defaultValue={initial("imapHost")}
                {...field("imapHost", t("form.imapHostHelp"))}
              />
              <Stack direction={{ xs: "column", sm: "row" }} spacing={1}>
                <TextField
                  label={t("form.imapPort")}
                  defaultValue={initial("imapPort", "993")}
                  slotProps={{ htmlInput: { inputMode: "numeric" } }}
                  {...field("imapPort")}
                />
                <TextField
                  select
                  label={t("form.imapSecurity")}
                  defaultValue={initial("imapSecurity", "tls")}
                  {...field("imapSecurity")}
                >
                  <MenuItem value="tls">{t("form.imapSecurityTls")}</MenuItem>
                  <MenuItem value="starttls">{t("form.imapSecurityStarttls")}</MenuItem>
                  <MenuItem value="none">{t("form.securityNone")}</MenuItem>
                </TextField>
              </Stack>
              <TextField
                label={t("form.mailbox")}
                defaultValue={initial("mailbox")}
                {...field("mailbox", t("form.mailboxHelp"))}
              />
              <Typography variant="subtitle2" component="h3" sx={{ pt: 1 }}>
                {t("form.kasSection")}
              </Typography>
              <Stack direction={{ xs: "column", sm: "row" }} spacing={1}>
                <TextField
                  label={t("form.kasLogin")}
                  defaultValue={initial("kasLogin")}
                  slotProps={{ htmlInput: { autoComplete: "off" } }}
                  {...field("kasLogin", t("form.kasLoginHelp"))}
                />
                <TextField
                  label={t("form.kasPassword")}
                  type="password"
                  defaultValue=""
                  slotProps={{ htmlInput: { autoComplete: "new-password" } }}
                  {...field("kasPassword", t("form.kasPasswordHelp"))}
                />
              </Stack>
            </Stack>
            {message && (
              <Alert severity="error" sx={{ mt: 1 }}>
                {message}
              </Alert>
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(false)}>{t("form.cancel")}</Button>
            <Button type="submit" variant="contained" disabled={pending}>
              {t("form.save")}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}
