"use client";

import DeleteOutlined from "@mui/icons-material/DeleteOutlined";
import Autocomplete from "@mui/material/Autocomplete";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import IconButton from "@mui/material/IconButton";
import Stack from "@mui/material/Stack";
import { useTheme } from "@mui/material/styles";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import useMediaQuery from "@mui/material/useMediaQuery";
import { useTranslations } from "next-intl";
import { useState } from "react";

import { FormMessage } from "@/components/ui/FormFooter";
import { createBoxAction } from "@/lib/samples/actions";
import type { ProductDto } from "@/lib/samples/service";

import { SampleSuggestions } from "./SampleSuggestions";
import { useInvalidateSamples, useSampleAction } from "./sampleQueries";

/** "Configure a box": products picked from the active catalogue, a quantity each, notes. */
export function BoxConfigurator(props: {
  orgSlug: string;
  leadId: string;
  products: ProductDto[];
  open: boolean;
  onClose: () => void;
}) {
  const t = useTranslations("samples.admin.configurator");
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down("sm"));
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      fullScreen={fullScreen}
      maxWidth="sm"
      fullWidth
      aria-labelledby="configure-box-title"
    >
      <DialogTitle id="configure-box-title">{t("title")}</DialogTitle>
      {props.open && <ConfiguratorForm {...props} />}
    </Dialog>
  );
}

function ConfiguratorForm({
  orgSlug,
  leadId,
  products,
  onClose,
}: {
  orgSlug: string;
  leadId: string;
  products: ProductDto[];
  onClose: () => void;
}) {
  const t = useTranslations("samples.admin.configurator");
  const invalidate = useInvalidateSamples(orgSlug, leadId);
  const [picked, setPicked] = useState<ProductDto[]>([]);
  const [qty, setQty] = useState<Record<string, string>>({});
  const [notes, setNotes] = useState("");
  const action = useSampleAction(async () => {
    await invalidate();
    onClose();
  });
  const errors = action.fieldErrors;

  const save = () =>
    action.run(() =>
      createBoxAction(orgSlug, {
        leadId,
        items: picked.map((p) => ({ sku: p.sku, qty: Number(qty[p.sku] ?? "1") })),
        ...(notes.trim() ? { notes } : {}),
      }),
    );

  return (
    <Stack
      component="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <DialogContent>
        <Stack spacing={2}>
          {products.length === 0 && <Typography color="text.secondary">{t("noProducts")}</Typography>}
          <Autocomplete
            multiple
            options={products}
            value={picked}
            onChange={(_event, value) => setPicked(value)}
            groupBy={(p) => p.category ?? ""}
            getOptionLabel={(p) => `${p.name} (${p.sku})`}
            isOptionEqualToValue={(a, b) => a.sku === b.sku}
            renderInput={(params) => (
              <TextField
                {...params}
                label={t("products")}
                error={Boolean(errors.items)}
                helperText={errors.items ?? t("productsHint")}
              />
            )}
          />
          <SampleSuggestions
            orgSlug={orgSlug}
            leadId={leadId}
            picked={picked.map((p) => p.sku)}
            onAdd={(sku) => {
              const product = products.find((p) => p.sku === sku);
              if (product && !picked.some((p) => p.sku === sku)) setPicked([...picked, product]);
            }}
          />
          {picked.map((p, i) => (
            <Stack key={p.sku} direction="row" spacing={1} sx={{ alignItems: "center" }}>
              <Typography sx={{ flex: 1, minWidth: 0 }}>
                {p.name}
                <Typography component="span" variant="body2" color="text.secondary">
                  {" "}
                  {[p.packSize, p.unit].filter(Boolean).join(" · ")}
                </Typography>
              </Typography>
              <TextField
                type="number"
                size="small"
                label={t("qty")}
                value={qty[p.sku] ?? "1"}
                onChange={(event) => setQty({ ...qty, [p.sku]: event.target.value })}
                slotProps={{ htmlInput: { min: 1, max: 1000, "aria-label": t("qtyOf", { name: p.name }) } }}
                error={Boolean(errors[`items.${i}.qty`] ?? errors[`items.${i}.sku`])}
                helperText={errors[`items.${i}.qty`] ?? errors[`items.${i}.sku`]}
                sx={{ width: 110 }}
              />
              <IconButton
                aria-label={t("remove", { name: p.name })}
                onClick={() => setPicked(picked.filter((x) => x.sku !== p.sku))}
              >
                <DeleteOutlined />
              </IconButton>
            </Stack>
          ))}
          <TextField
            label={t("notes")}
            multiline
            minRows={2}
            value={notes}
            onChange={(event) => setNotes(event.target.value)}
            error={Boolean(errors.notes)}
            helperText={errors.notes ?? " "}
          />
          <FormMessage message={action.message} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t("cancel")}</Button>
        <Button type="submit" variant="contained" disabled={action.pending || picked.length === 0}>
          {action.pending ? t("saving") : t("save")}
        </Button>
      </DialogActions>
    </Stack>
  );
}
