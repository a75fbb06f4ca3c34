"use client";

import Alert from "@mui/material/Alert";
import AlertTitle from "@mui/material/AlertTitle";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import Grid from "@mui/material/Grid";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemText from "@mui/material/ListItemText";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import useMediaQuery from "@mui/material/useMediaQuery";
import { useTheme } from "@mui/material/styles";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";

import { createLeadAction } from "@/lib/leads/actions";
import { leadForms } from "@/lib/leads/schemas";

import { invalidateLead } from "./leadQueries";
import { useActionForm } from "@/components/ui/useActionForm";

import { ContactFields } from "./LeadEditDialogs";

/** "Register lead": company and city (stage 0, no personal data), optionally a contact (stage 1). */
export function RegisterLeadDialog({
  orgSlug,
  open,
  onClose,
}: {
  orgSlug: string;
  open: boolean;
  onClose: () => void;
}) {
  const t = useTranslations("leads.register");
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down("sm"));
  return (
    <Dialog
      open={open}
      onClose={onClose}
      fullScreen={fullScreen}
      maxWidth="sm"
      fullWidth
      aria-labelledby="register-lead-title"
    >
      <DialogTitle id="register-lead-title">{t("title")}</DialogTitle>
      {open && <RegisterLeadForm orgSlug={orgSlug} onClose={onClose} />}
    </Dialog>
  );
}

function RegisterLeadForm({ orgSlug, onClose }: { orgSlug: string; onClose: () => void }) {
  const t = useTranslations("leads.register");
  const format = useFormatter();
  const router = useRouter();
  const queryClient = useQueryClient();
  const form = useActionForm(createLeadAction.bind(null, orgSlug), {
    schema: leadForms.createLead,
    keepValues: true,
    onOk: async (outcome) => {
      if (outcome.kind !== "created") return;
      await invalidateLead(queryClient, orgSlug);
      onClose();
      router.push(`/${orgSlug}/leads/${outcome.id}`);
    },
  });
  const similar =
    form.state.status === "ok" && form.state.data.kind === "similar" ? form.state.data.candidates : null;

  return (
    <form onSubmit={form.onSubmit} noValidate aria-labelledby="register-lead-title">
      <DialogContent dividers>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {t("intro")}
        </Typography>
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, sm: 6 }}>
            <TextField label={t("companyName")} required fullWidth autoFocus {...form.field("companyName")} />
          </Grid>
          <Grid size={{ xs: 12, sm: 6 }}>
            <TextField label={t("city")} required fullWidth {...form.field("city")} />
          </Grid>
          <Grid size={12}>
            <TextField label={t("industry")} fullWidth {...form.field("industry")} />
          </Grid>
          <ContactFields field={form.field} hint={t("contactHint")} />
        </Grid>
        {form.message && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {form.message}
          </Alert>
        )}
        {similar && (
          <Alert severity="warning" sx={{ mt: 2 }} role="alert">
            <AlertTitle>{t("similarTitle")}</AlertTitle>
            {t("similarText")}
            <List dense aria-label={t("similarTitle")}>
              {similar.map((c, i) => {
                const value = format.number(c.similarity, { style: "percent", maximumFractionDigits: 0 });
                return (
                  // A lead the partner may not read comes without its id.
                  <ListItem key={c.leadId ?? i} disableGutters>
                    <ListItemText
                      primary={`${c.companyName}, ${c.city}`}
                      secondary={
                        c.protectedSince
                          ? t("similarityProtected", {
                              value,
                              date: format.dateTime(new Date(c.protectedSince), { dateStyle: "medium" }),
                            })
                          : t("similarity", { value })
                      }
                    />
                  </ListItem>
                );
              })}
            </List>
          </Alert>
        )}
      </DialogContent>
      <DialogActions sx={{ flexWrap: "wrap", gap: 1 }}>
        <Button onClick={onClose}>{t("cancel")}</Button>
        {similar ? (
          <Button
            type="submit"
            name="confirmSimilar"
            value="true"
            variant="contained"
            color="warning"
            disabled={form.pending}
          >
            {t("confirmSimilar")}
          </Button>
        ) : (
          <Button type="submit" variant="contained" disabled={form.pending}>
            {form.pending ? t("submitting") : t("submit")}
          </Button>
        )}
      </DialogActions>
    </form>
  );
}
