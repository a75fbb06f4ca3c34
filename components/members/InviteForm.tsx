"use client";

import MenuItem from "@mui/material/MenuItem";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useTranslations } from "next-intl";

import { FormMessage, SubmitButton } from "@/components/ui/FormFooter";
import { useActionForm } from "@/components/ui/useActionForm";
import { inviteMemberAction } from "@/lib/auth/actions";
import { ROLES } from "@/lib/auth/roles";
import { ZInviteMember } from "@/lib/auth/schemas";

/** Invites someone by e-mail: the new member gets a set-password link (or signs in as they are). */
export function InviteForm({ orgSlug, onInvited }: { orgSlug: string; onInvited: (text: string) => void }) {
  const t = useTranslations("members.invite");
  const roles = useTranslations("roles");
  const form = useActionForm(inviteMemberAction.bind(null, orgSlug), {
    schema: ZInviteMember,
    onOk: (data) =>
      onInvited(data.linkSent ? t("done", { name: data.name }) : t("doneNoLink", { name: data.name })),
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
        onSubmit={form.onSubmit}
        direction={{ xs: "column", md: "row" }}
        spacing={2}
        sx={{ alignItems: { md: "flex-start" } }}
      >
        <TextField
          {...form.field("email")}
          type="email"
          label={t("email")}
          required
          size="small"
          sx={{ minWidth: 240 }}
        />
        <TextField {...form.field("name")} label={t("name")} required size="small" sx={{ minWidth: 200 }} />
        <TextField
          {...form.field("role")}
          select
          label={t("role")}
          defaultValue="sales"
          size="small"
          sx={{ minWidth: 180 }}
        >
          {ROLES.map((role) => (
            <MenuItem key={role} value={role}>
              {roles(role)}
            </MenuItem>
          ))}
        </TextField>
        <SubmitButton pending={form.pending} label={t("submit")} saving={t("submit")} />
      </Stack>
      <FormMessage message={form.message} />
    </Paper>
  );
}
