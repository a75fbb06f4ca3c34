"use client";

import LinkOutlined from "@mui/icons-material/LinkOutlined";
import Button from "@mui/material/Button";
import Checkbox from "@mui/material/Checkbox";
import Chip from "@mui/material/Chip";
import Dialog from "@mui/material/Dialog";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import FormControlLabel from "@mui/material/FormControlLabel";
import MenuItem from "@mui/material/MenuItem";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";

import { FormMessage } from "@/components/ui/FormFooter";
import { useActionForm } from "@/components/ui/useActionForm";
import { sampleForms } from "@/lib/samples/schemas";
import {
  createFeedbackLinkAction,
  resendFeedbackLinkAction,
  revokeFeedbackLinkAction,
  type ShownLink,
} from "@/lib/samples/actions";

import { DialogFormFooter } from "./DialogFormFooter";
import { ShownLinkDialog } from "./ShownLinkDialog";
import { useInvalidateSamples, useSampleAction, type SamplePhase } from "./sampleQueries";

const STATE_COLOUR = { OPEN: "info", SUBMITTED: "success", REVOKED: "default", EXPIRED: "warning" } as const;

/** A test phase's feedback links: create one, re-send or revoke it; the new link is shown once. */
export function FeedbackLinks({
  orgSlug,
  leadId,
  phase,
  canConfigure,
}: {
  orgSlug: string;
  leadId: string;
  phase: SamplePhase;
  canConfigure: boolean;
}) {
  const t = useTranslations("samples.admin.link");
  const format = useFormatter();
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  const invalidate = useInvalidateSamples(orgSlug, leadId);
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<ShownLink | null>(null);
  const resend = useSampleAction<ShownLink>(async (link) => {
    setShown(link);
    await invalidate();
  });
  const revoke = useSampleAction(invalidate);
  const live = (state: string) => state === "OPEN" || state === "EXPIRED";

  return (
    <Stack spacing={1} component="section" aria-label={t("title")}>
      <Typography variant="subtitle2" component="h5">
        {t("title")}
      </Typography>
      {phase.links.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {t("none")}
        </Typography>
      )}
      {phase.links.map((link) => (
        <Stack
          key={link.id}
          direction={{ xs: "column", sm: "row" }}
          spacing={1}
          useFlexGap
          sx={{ alignItems: { sm: "center" }, flexWrap: "wrap" }}
        >
          <Chip
            size="small"
            color={STATE_COLOUR[link.state as keyof typeof STATE_COLOUR]}
            label={t(`state.${link.state as "OPEN"}`)}
            sx={{ alignSelf: "flex-start" }}
          />
          <Typography variant="body2" sx={{ flex: 1 }}>
            {[
              link.recipientName ?? link.recipientEmail ?? t("noRecipient"),
              link.submittedAt
                ? t("submitted", { date: when(link.submittedAt) })
                : link.firstOpenedAt
                  ? t("opened", { date: when(link.firstOpenedAt) })
                  : null,
              link.invitedAt ? t("invited", { date: when(link.invitedAt) }) : null,
              live(link.state) ? t("expires", { date: when(link.expiresAt) }) : null,
            ]
              .filter(Boolean)
              .join(" · ")}
          </Typography>
          {canConfigure && live(link.state) && (
            <Stack direction="row" spacing={1}>
              <Button
                size="small"
                disabled={resend.pending}
                onClick={() => resend.run(() => resendFeedbackLinkAction(orgSlug, link.id))}
              >
                {t("resend")}
              </Button>
              {link.state === "OPEN" && (
                <Button
                  size="small"
                  color="error"
                  disabled={revoke.pending}
                  onClick={() => revoke.run(() => revokeFeedbackLinkAction(orgSlug, link.id))}
                >
                  {t("revoke")}
                </Button>
              )}
            </Stack>
          )}
        </Stack>
      ))}
      <FormMessage message={resend.message ?? revoke.message} />
      {canConfigure && (
        <Stack direction="row">
          <Button variant="outlined" startIcon={<LinkOutlined />} onClick={() => setCreating(true)}>
            {t("create")}
          </Button>
        </Stack>
      )}
      <Dialog
        open={creating}
        onClose={() => setCreating(false)}
        maxWidth="sm"
        fullWidth
        aria-labelledby={`new-link-${phase.id}`}
      >
        <DialogTitle id={`new-link-${phase.id}`}>{t("create")}</DialogTitle>
        {creating && (
          <LinkForm
            orgSlug={orgSlug}
            phaseId={phase.id}
            onCancel={() => setCreating(false)}
            onCreated={async (link) => {
              setCreating(false);
              setShown(link);
              await invalidate();
            }}
          />
        )}
      </Dialog>
      <ShownLinkDialog link={shown} onClose={() => setShown(null)} />
    </Stack>
  );
}

function LinkForm({
  orgSlug,
  phaseId,
  onCancel,
  onCreated,
}: {
  orgSlug: string;
  phaseId: string;
  onCancel: () => void;
  onCreated: (link: ShownLink) => unknown;
}) {
  const t = useTranslations("samples.admin.link");
  const form = useActionForm(createFeedbackLinkAction.bind(null, orgSlug, phaseId), {
    schema: sampleForms.createFeedbackLink,
    onOk: onCreated,
  });
  return (
    <Stack component="form" onSubmit={form.onSubmit} noValidate aria-label={t("create")}>
      <DialogContent>
        <Stack spacing={1.5}>
          <Typography variant="body2" color="text.secondary">
            {t("intro")}
          </Typography>
          <TextField label={t("recipientName")} fullWidth {...form.field("recipientName")} />
          <TextField label={t("recipientEmail")} type="email" fullWidth {...form.field("recipientEmail")} />
          <TextField select label={t("locale")} defaultValue="de" fullWidth {...form.field("locale")}>
            <MenuItem value="de">{t("localeDe")}</MenuItem>
            <MenuItem value="en">{t("localeEn")}</MenuItem>
          </TextField>
          <FormControlLabel control={<Checkbox name="sendNow" value="true" />} label={t("sendNow")} />
        </Stack>
      </DialogContent>
      <DialogFormFooter
        message={form.message}
        pending={form.pending}
        label={t("save")}
        saving={t("saving")}
        cancel={t("cancel")}
        onCancel={onCancel}
      />
    </Stack>
  );
}
