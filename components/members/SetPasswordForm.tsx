"use client";

import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import { useTranslations } from "next-intl";

import { FormMessage, SubmitButton } from "@/components/ui/FormFooter";
import { useActionForm } from "@/components/ui/useActionForm";
import { PASSWORD_MIN_LENGTH, ZSetPassword } from "@/lib/auth/schemas";
import { setPasswordAction } from "@/lib/auth/actions";

/** The new password twice; once it is set, the way to the sign-in page. */
export function SetPasswordForm({ token }: { token: string }) {
  const t = useTranslations("members.setPassword");
  const form = useActionForm(setPasswordAction.bind(null, token), {
    schema: ZSetPassword,
  });
  if (form.state.status === "ok") {
    return (
      <Stack spacing={2}>
        <Alert severity="success" role="status">
          {t("done")}
        </Alert>
        <Button href="/login" variant="contained" size="large">
          {t("toLogin")}
        </Button>
      </Stack>
    );
  }
  return (
    <Stack component="form" noValidate onSubmit={form.onSubmit} spacing={2}>
      <TextField
        {...form.field("password", t("hint", { min: PASSWORD_MIN_LENGTH }))}
        type="password"
        autoComplete="new-password"
        label={t("password")}
        required
        fullWidth
        autoFocus
      />
      <TextField
        {...form.field("confirm")}
        type="password"
        autoComplete="new-password"
        label={t("confirm")}
        required
        fullWidth
      />
      <FormMessage message={form.message} />
      <SubmitButton pending={form.pending} label={t("submit")} saving={t("submit")} />
    </Stack>
  );
}
