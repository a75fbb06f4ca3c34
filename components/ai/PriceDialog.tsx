"use client";

import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import InputAdornment from "@mui/material/InputAdornment";
import MenuItem from "@mui/material/MenuItem";
import Stack from "@mui/material/Stack";
import { useTheme } from "@mui/material/styles";
import TextField from "@mui/material/TextField";
import useMediaQuery from "@mui/material/useMediaQuery";
import { useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";

import { FormMessage, SubmitButton } from "@/components/ui/FormFooter";
import { useActionForm } from "@/components/ui/useActionForm";
import { setPriceAction } from "@/lib/ai/actions";
import { ZPriceForm } from "@/lib/ai/schemas";
import { AI_PROVIDERS } from "@/lib/ai/types";

import { aiKeys, type TModelPrice } from "./aiQueries";

const FIELDS = ["model", "provider", "inputPerMillionEur", "outputPerMillionEur"] as const;

/** Add or change one model's price; the model's name is fixed once it has a price. */
export function PriceDialog({
  orgSlug,
  price,
  onClose,
  onSaved,
}: {
  orgSlug: string;
  price: TModelPrice | null;
  onClose: () => void;
  onSaved: (model: string) => void;
}) {
  const t = useTranslations("ai.prices");
  const format = useFormatter();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down("sm"));
  const queryClient = useQueryClient();
  const form = useActionForm(setPriceAction.bind(null, orgSlug), {
    schema: ZPriceForm,
    keepValues: true,
    onOk: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: aiKeys.prices(orgSlug) });
      onSaved(saved.model);
    },
  });

  const field = (name: (typeof FIELDS)[number], hint?: string) => ({
    ...form.field(name, hint),
    id: `price-${name}`,
  });
  const otherErrors = Object.entries(form.fieldErrors).filter(
    ([key]) => key !== "_" && !(FIELDS as readonly string[]).includes(key),
  );
  const message =
    form.code === "forbidden"
      ? t("errors.forbidden")
      : form.message || otherErrors.map(([, m]) => m).join(" ");
  const number = (value: number | undefined) =>
    value === undefined ? "" : format.number(value, { maximumFractionDigits: 4, useGrouping: false });
  const euroPerMillion = {
    input: { endAdornment: <InputAdornment position="end">{t("perMillion")}</InputAdornment> },
    htmlInput: { inputMode: "decimal" as const },
  };
  const title = price ? t("dialogEdit", { model: price.model }) : t("dialogAdd");

  return (
    <Dialog
      open
      onClose={onClose}
      fullScreen={fullScreen}
      fullWidth
      maxWidth="sm"
      aria-labelledby="price-dialog-title"
    >
      <DialogTitle id="price-dialog-title">{title}</DialogTitle>
      <form onSubmit={form.onSubmit} noValidate aria-labelledby="price-dialog-title">
        <DialogContent dividers>
          <Stack spacing={1}>
            <TextField
              label={t("model")}
              required
              fullWidth
              autoFocus={!price}
              defaultValue={price?.model ?? ""}
              slotProps={{ htmlInput: { readOnly: Boolean(price), maxLength: 200, autoComplete: "off" } }}
              {...field("model", price ? undefined : t("modelHint"))}
            />
            <TextField
              select
              label={t("provider")}
              required
              fullWidth
              defaultValue={price?.provider ?? "openai"}
              {...field("provider")}
            >
              {AI_PROVIDERS.map((p) => (
                <MenuItem key={p} value={p}>
                  {p === "openai" ? "OpenAI" : "Anthropic"}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              label={t("input")}
              required
              fullWidth
              autoFocus={Boolean(price)}
              defaultValue={number(price?.inputPerMillionEur)}
              slotProps={euroPerMillion}
              {...field("inputPerMillionEur", t("numberHint"))}
            />
            <TextField
              label={t("output")}
              required
              fullWidth
              defaultValue={number(price?.outputPerMillionEur)}
              slotProps={euroPerMillion}
              {...field("outputPerMillionEur", t("numberHint"))}
            />
          </Stack>
          <FormMessage message={message || null} />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t("cancel")}</Button>
          <SubmitButton pending={form.pending} label={t("save")} saving={t("saving")} />
        </DialogActions>
      </form>
    </Dialog>
  );
}
