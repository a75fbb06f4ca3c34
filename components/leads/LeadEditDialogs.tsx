"use client";

import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import Grid from "@mui/material/Grid";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import useMediaQuery from "@mui/material/useMediaQuery";
import { useTheme } from "@mui/material/styles";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

import { eraseLeadAction, updateLeadAction } from "@/lib/leads/actions";
import { leadForms } from "@/lib/leads/schemas";

import { invalidateLead, type TLead } from "./leadQueries";
import { useActionForm } from "@/components/ui/useActionForm";

import { useLeadFieldText } from "./leadFieldText";

/**
 * The lead's details as a form (its owner while protected, managers), and an admin's erasure of the
 * contact person. Each dialog closes on success and tells the page, which confirms it.
 */

function LeadDialog({
  open,
  onClose,
  titleId,
  title,
  children,
}: {
  open: boolean;
  onClose: () => void;
  titleId: string;
  title: string;
  children: ReactNode;
}) {
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down("sm"));
  return (
    <Dialog
      open={open}
      onClose={onClose}
      fullScreen={fullScreen}
      maxWidth="sm"
      fullWidth
      aria-labelledby={titleId}
    >
      <DialogTitle id={titleId}>{title}</DialogTitle>
      {open && children}
    </Dialog>
  );
}

export function EditLeadDialog({
  orgSlug,
  lead,
  open,
  onClose,
  onSaved,
}: {
  orgSlug: string;
  lead: TLead;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useTranslations("leads.edit");
  return (
    <LeadDialog open={open} onClose={onClose} titleId="edit-lead-title" title={t("title")}>
      <EditLeadForm orgSlug={orgSlug} lead={lead} onClose={onClose} onSaved={onSaved} />
    </LeadDialog>
  );
}

function EditLeadForm({
  orgSlug,
  lead,
  onClose,
  onSaved,
}: {
  orgSlug: string;
  lead: TLead;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useTranslations("leads.edit");
  const tr = useTranslations("leads.register");
  const queryClient = useQueryClient();
  const fieldText = useLeadFieldText();
  const form = useActionForm(updateLeadAction.bind(null, orgSlug, lead.id), {
    schema: leadForms.updateLead,
    keepValues: true,
    fieldText,
    onOk: async () => {
      await invalidateLead(queryClient, orgSlug, lead.id);
      onSaved();
    },
  });
  const c = lead.contact;
  return (
    <form onSubmit={form.onSubmit} noValidate aria-labelledby="edit-lead-title">
      <DialogContent dividers>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {t("intro")}
        </Typography>
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, sm: 6 }}>
            <TextField
              label={tr("companyName")}
              required
              fullWidth
              autoFocus
              defaultValue={lead.companyName}
              {...form.field("companyName")}
            />
          </Grid>
          <Grid size={{ xs: 12, sm: 6 }}>
            <TextField
              label={tr("city")}
              required
              fullWidth
              defaultValue={lead.city}
              {...form.field("city")}
            />
          </Grid>
          <Grid size={12}>
            <TextField
              label={tr("industry")}
              fullWidth
              defaultValue={lead.industry ?? ""}
              {...form.field("industry")}
            />
          </Grid>
          <Grid size={12}>
            <Typography variant="subtitle2" component="h3">
              {tr("contact")}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {t("contactHint")}
            </Typography>
          </Grid>
          <Grid size={{ xs: 12, sm: 6 }}>
            <TextField
              label={tr("firstName")}
              fullWidth
              defaultValue={c?.firstName ?? ""}
              {...form.field("contact.firstName")}
            />
          </Grid>
          <Grid size={{ xs: 12, sm: 6 }}>
            <TextField
              label={tr("lastName")}
              fullWidth
              defaultValue={c?.lastName ?? ""}
              {...form.field("contact.lastName")}
            />
          </Grid>
          <Grid size={{ xs: 12, sm: 6 }}>
            <TextField
              label={tr("email")}
              type="email"
              fullWidth
              defaultValue={c?.email ?? ""}
              {...form.field("contact.email")}
            />
          </Grid>
          <Grid size={{ xs: 12, sm: 6 }}>
            <TextField
              label={tr("phone")}
              type="tel"
              fullWidth
              defaultValue={c?.phone ?? ""}
              {...form.field("contact.phone")}
            />
          </Grid>
          <Grid size={{ xs: 12, sm: 6 }}>
            <TextField
              label={t("vatId")}
              fullWidth
              defaultValue={lead.vatId ?? ""}
              {...form.field("vatId", t("vatIdHint"))}
            />
          </Grid>
          <Grid size={{ xs: 12, sm: 6 }}>
            <TextField
              label={t("expectedVolume")}
              fullWidth
              inputMode="decimal"
              defaultValue={lead.expectedVolume ?? ""}
              {...form.field("expectedVolume", t("expectedVolumeHint"))}
            />
          </Grid>
        </Grid>
        {form.message && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {form.message}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{tr("cancel")}</Button>
        <Button type="submit" variant="contained" disabled={form.pending}>
          {form.pending ? t("saving") : t("save")}
        </Button>
      </DialogActions>
    </form>
  );
}

export function EraseLeadDialog({
  orgSlug,
  lead,
  open,
  onClose,
  onErased,
}: {
  orgSlug: string;
  lead: TLead;
  open: boolean;
  onClose: () => void;
  onErased: () => void;
}) {
  const t = useTranslations("leads.erase");
  return (
    <LeadDialog open={open} onClose={onClose} titleId="erase-lead-title" title={t("title")}>
      <EraseLeadForm orgSlug={orgSlug} lead={lead} onClose={onClose} onErased={onErased} />
    </LeadDialog>
  );
}

function EraseLeadForm({
  orgSlug,
  lead,
  onClose,
  onErased,
}: {
  orgSlug: string;
  lead: TLead;
  onClose: () => void;
  onErased: () => void;
}) {
  const t = useTranslations("leads.erase");
  const queryClient = useQueryClient();
  const form = useActionForm(eraseLeadAction.bind(null, orgSlug, lead.id), {
    schema: leadForms.eraseLead,
    onOk: async () => {
      await invalidateLead(queryClient, orgSlug, lead.id);
      onErased();
    },
  });
  return (
    <form onSubmit={form.onSubmit} noValidate aria-labelledby="erase-lead-title">
      <DialogContent dividers>
        <Typography sx={{ mb: 2 }}>{t("intro", { company: lead.companyName })}</Typography>
        <TextField
          label={t("reason")}
          required
          fullWidth
          multiline
          minRows={2}
          autoFocus
          {...form.field("reason", t("reasonHint"))}
        />
        {form.message && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {form.message}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t("cancel")}</Button>
        <Button type="submit" variant="contained" color="error" disabled={form.pending}>
          {t("confirm")}
        </Button>
      </DialogActions>
    </form>
  );
}
