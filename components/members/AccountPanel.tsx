"use client";

import Alert from "@mui/material/Alert";
import MenuItem from "@mui/material/MenuItem";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";

import { FormMessage, SubmitButton } from "@/components/ui/FormFooter";
import { useActionForm } from "@/components/ui/useActionForm";
import { changePasswordAction, updateProfileAction } from "@/lib/auth/actions";
import { PASSWORD_MIN_LENGTH, ZChangeOwnPassword, ZUpdateProfile } from "@/lib/auth/schemas";

/** My account: name and preferred language, then a new password (the current one first). */
export function AccountPanel({
  orgSlug,
  account,
}: {
  orgSlug: string;
  account: { name: string; email: string; locale: "de" | "en" };
}) {
  const t = useTranslations("members.account");
  const router = useRouter();
  const profile = useActionForm(updateProfileAction.bind(null, orgSlug), {
    schema: ZUpdateProfile,
    keepValues: true,
    onOk: () => router.refresh(),
  });
  const password = useActionForm(changePasswordAction.bind(null, orgSlug), {
    schema: ZChangeOwnPassword,
  });
  return (
    <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 }, mb: 3 }}>
      <Typography variant="h6" component="h2" gutterBottom>
        {t("title")}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {t("intro")}
      </Typography>
      <Stack
        component="form"
        noValidate
        onSubmit={profile.onSubmit}
        spacing={2}
        sx={{ maxWidth: 420, mb: 4 }}
      >
        <TextField
          label={t("email")}
          value={account.email}
          helperText=" "
          size="small"
          slotProps={{ input: { readOnly: true } }}
        />
        <TextField
          {...profile.field("name")}
          label={t("name")}
          defaultValue={account.name}
          required
          size="small"
        />
        <TextField
          {...profile.field("locale")}
          select
          label={t("language")}
          defaultValue={account.locale}
          size="small"
        >
          <MenuItem value="de">Deutsch</MenuItem>
          <MenuItem value="en">English</MenuItem>
        </TextField>
        {profile.state.status === "ok" && <Alert severity="success">{t("saved")}</Alert>}
        <FormMessage message={profile.message} />
        <Stack direction="row">
          <SubmitButton pending={profile.pending} label={t("save")} saving={t("save")} />
        </Stack>
      </Stack>

      <Typography variant="subtitle1" component="h3" gutterBottom sx={{ fontWeight: 600 }}>
        {t("passwordTitle")}
      </Typography>
      <Stack component="form" noValidate onSubmit={password.onSubmit} spacing={2} sx={{ maxWidth: 420 }}>
        {/* A hidden user name helps password managers file the new password under the account. */}
        <input
          type="hidden"
          name="username"
          autoComplete="username"
          value={account.email}
          readOnly
          disabled
        />
        <TextField
          {...password.field("current")}
          type="password"
          autoComplete="current-password"
          label={t("current")}
          required
          size="small"
        />
        <TextField
          {...password.field("password", t("passwordHint", { min: PASSWORD_MIN_LENGTH }))}
          type="password"
          autoComplete="new-password"
          label={t("password")}
          required
          size="small"
        />
        <TextField
          {...password.field("confirm")}
          type="password"
          autoComplete="new-password"
          label={t("confirm")}
          required
          size="small"
        />
        <FormMessage message={password.message} />
        <Stack direction="row">
          <SubmitButton pending={password.pending} label={t("changePassword")} saving={t("changePassword")} />
        </Stack>
      </Stack>
    </Paper>
  );
}
