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

import { eraseLeadAction, updateLeadAction } from "@/lib/leads/actions";
import { leadForms } from "@/lib/leads/schemas";

import { invalidateLead, type TLead } from "./leadQueries";
import { useActionForm } from "@/components/ui/useActionForm";

/**
 * The lead's details as a form (its owner while protected, managers), and an admin's erasure of the
 * contact person. Each dialog closes on success and tells the page, which confirms it.
 */

/** Which of the lead's dialogs is open. */
export type LeadDialogKind = "edit" | "erase";

/**
 * The lead's edit and erase dialogs: `open` names the one to show (full screen on a phone). Each
 * form closes its dialog on success and hands the page the confirmation to show.
 */
export function LeadEditDialogs({
  orgSlug,
  lead,
  open,
  onClose,
  onDone,
}: {
  orgSlug: string;
  lead: TLead;
  open: LeadDialogKind | null;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const t = useTranslations("leads");
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down("sm"));
  const titleId = `${open ?? "edit"}-lead-title`;
  return (
    <Dialog
      open={open !== null}
      onClose={onClose}
      fullScreen={fullScreen}
      maxWidth="sm"
      fullWidth
      aria-labelledby={titleId}
    >
      <DialogTitle id={titleId}>{t(open === "erase" ? "erase.title" : "edit.title")}</DialogTitle>
      {open === "edit" && (
        <EditLeadForm
          orgSlug={orgSlug}
          lead={lead}
          onClose={onClose}
          onSaved={() => onDone(t("edit.saved"))}
        />
      )}
      {open === "erase" && (
        <EraseLeadForm
          orgSlug={orgSlug}
          lead={lead}
          onClose={onClose}
          onErased={() => onDone(t("erase.erased"))}
        />
      )}
    </Dialog>
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
  const form = useActionForm(updateLeadAction.bind(null, orgSlug, lead.id), {
    schema: leadForms.updateLead,
    keepValues: true,
    onOk: async () => {
      await invalidateLead(queryClient, orgSlug, lead.id);
      onSaved();
    },
  });
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
          <ContactFields field={form.field} hint={t("contactHint")} contact={lead.contact} />
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

/**
 * The contact person's four fields, with a heading and a hint: the registration's and the edit's
 * (prefilled with `contact`). `field` is the form's (useActionForm), for the names and errors.
 */
export function ContactFields({
  field,
  hint,
  contact,
}: {
  field: (name: string, hint?: string) => { name: string; error: boolean; helperText: string };
  hint: string;
  contact?: TLead["contact"];
}) {
  const t = useTranslations("leads.register");
  const fields = [
    ["firstName", "text"],
    ["lastName", "text"],
    ["email", "email"],
    ["phone", "tel"],
  ] as const;
  return (
    <>
      <Grid size={12}>
        <Typography variant="subtitle2" component="h3">
          {t("contact")}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {hint}
        </Typography>
      </Grid>
      {fields.map(([name, type]) => (
        <Grid key={name} size={{ xs: 12, sm: 6 }}>
          <TextField
            label={t(name)}
            type={type}
            fullWidth
            defaultValue={contact?.[name] ?? ""}
            {...field(`contact.${name}`)}
          />
        </Grid>
      ))}
    </>
  );
}
