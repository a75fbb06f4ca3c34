"use client";

import Button from "@mui/material/Button";
import Checkbox from "@mui/material/Checkbox";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import FormControlLabel from "@mui/material/FormControlLabel";
import Stack from "@mui/material/Stack";
import { useTheme } from "@mui/material/styles";
import TextField from "@mui/material/TextField";
import useMediaQuery from "@mui/material/useMediaQuery";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";

import { FormMessage, SubmitButton } from "@/components/ui/FormFooter";
import { useActionForm } from "@/components/ui/useActionForm";
import { updateAlertRuleAction } from "@/lib/system/actions";
import { ZAlertRuleForm } from "@/lib/system/schemas";
import type { AlertRuleView } from "@/lib/system/alerts-service";

/** "Edit" of one alert rule: its threshold, how long the condition must hold, on or off. */
export function AlertRuleDialog({
  orgSlug,
  rule,
  metricLabel,
}: {
  orgSlug: string;
  rule: AlertRuleView;
  metricLabel: string;
}) {
  const t = useTranslations("systemOps.alerts");
  const format = useFormatter();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down("sm"));
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const form = useActionForm(updateAlertRuleAction.bind(null, orgSlug), {
    schema: ZAlertRuleForm,
    keepValues: true,
    onOk: () => {
      setOpen(false);
      router.refresh();
    },
  });
  const id = `alert-rule-${rule.id}`;
  const message = form.code === "forbidden" ? form.message : form.message || form.fieldErrors._ || "";

  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} aria-label={`${t("edit")}: ${metricLabel}`}>
        {t("edit")}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        fullScreen={fullScreen}
        fullWidth
        maxWidth="xs"
        aria-labelledby={`${id}-title`}
      >
        <DialogTitle id={`${id}-title`}>{t("dialogTitle", { metric: metricLabel })}</DialogTitle>
        <form onSubmit={form.onSubmit} noValidate aria-labelledby={`${id}-title`}>
          <DialogContent dividers>
            <input type="hidden" name="id" value={rule.id} />
            <Stack spacing={2}>
              <TextField
                label={t("threshold")}
                required
                fullWidth
                autoFocus
                defaultValue={format.number(rule.threshold, { maximumFractionDigits: 3, useGrouping: false })}
                slotProps={{ htmlInput: { inputMode: "decimal" } }}
                {...form.field("threshold")}
                id={`${id}-threshold`}
              />
              <TextField
                label={t("durationMinutes")}
                required
                fullWidth
                defaultValue={String(Math.round(rule.durationSeconds / 60))}
                slotProps={{ htmlInput: { inputMode: "numeric" } }}
                {...form.field("durationMinutes")}
                id={`${id}-duration`}
              />
              <FormControlLabel
                control={<Checkbox name="enabled" value="true" defaultChecked={rule.enabled} />}
                label={t("enabled")}
              />
            </Stack>
            <FormMessage message={message || null} />
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(false)}>{t("cancel")}</Button>
            <SubmitButton pending={form.pending} label={t("save")} saving={t("saving")} />
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}
