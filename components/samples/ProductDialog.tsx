"use client";

import Dialog from "@mui/material/Dialog";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";

import { useActionForm } from "@/components/ui/useActionForm";

import { DialogFormFooter } from "./DialogFormFooter";
import { createProductAction } from "@/lib/samples/actions";
import { sampleForms } from "@/lib/samples/schemas";

/** "Add product" to the catalogue by hand (admins; the Xentral sync fills it in production). */
export function ProductDialog({
  orgSlug,
  open,
  onClose,
}: {
  orgSlug: string;
  open: boolean;
  onClose: () => void;
}) {
  const t = useTranslations("samples.area.products");
  return (
    <Dialog open={open} onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="add-product-title">
      <DialogTitle id="add-product-title">{t("title")}</DialogTitle>
      {open && <ProductForm orgSlug={orgSlug} onClose={onClose} />}
    </Dialog>
  );
}

function ProductForm({ orgSlug, onClose }: { orgSlug: string; onClose: () => void }) {
  const t = useTranslations("samples.area.products");
  const router = useRouter();
  const form = useActionForm(createProductAction.bind(null, orgSlug), {
    schema: sampleForms.createProduct,
    onOk: () => {
      // The area is rendered on the server: its filters' catalogue is read again.
      router.refresh();
      onClose();
    },
  });
  return (
    <Stack component="form" onSubmit={form.onSubmit} noValidate aria-label={t("title")}>
      <DialogContent>
        <Stack spacing={1.5}>
          <TextField label={t("sku")} required fullWidth autoFocus {...form.field("sku", t("skuHint"))} />
          <TextField label={t("name")} required fullWidth {...form.field("name")} />
          <TextField label={t("category")} fullWidth {...form.field("category")} />
          <Stack direction={{ xs: "column", sm: "row" }} spacing={1.5}>
            <TextField label={t("unit")} fullWidth {...form.field("unit")} />
            <TextField label={t("packSize")} fullWidth {...form.field("packSize")} />
          </Stack>
          <TextField label={t("imageUrl")} fullWidth {...form.field("imageUrl", t("imageUrlHint"))} />
        </Stack>
      </DialogContent>
      <DialogFormFooter
        message={form.message}
        pending={form.pending}
        label={t("save")}
        saving={t("saving")}
        cancel={t("cancel")}
        onCancel={onClose}
      />
    </Stack>
  );
}
