"use client";

import ContentCopyOutlined from "@mui/icons-material/ContentCopyOutlined";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";

import type { ShownLink } from "@/lib/samples/actions";

/**
 * A new feedback link, shown this once (only its hash is stored): the URL to copy and the QR code
 * the server drew, for the customer to scan on site.
 */
export function ShownLinkDialog({ link, onClose }: { link: ShownLink | null; onClose: () => void }) {
  const t = useTranslations("samples.admin.link");
  const format = useFormatter();
  const [copied, setCopied] = useState(false);
  const close = () => {
    setCopied(false);
    onClose();
  };
  const copy = async () => {
    if (!link) return;
    await navigator.clipboard.writeText(link.url).catch(() => undefined);
    setCopied(true);
  };
  return (
    <Dialog open={link !== null} onClose={close} maxWidth="sm" fullWidth aria-labelledby="shown-link-title">
      <DialogTitle id="shown-link-title">{t("shownTitle")}</DialogTitle>
      {link && (
        <DialogContent>
          <Stack spacing={2}>
            <Alert severity="warning">{t("shownOnce")}</Alert>
            <TextField
              label={t("url")}
              value={link.url}
              fullWidth
              slotProps={{ htmlInput: { readOnly: true, "data-testid": "feedback-url" } }}
              onFocus={(event) => event.target.select()}
              helperText={t("expires", {
                date: format.dateTime(new Date(link.expiresAt), { dateStyle: "medium", timeStyle: "short" }),
              })}
            />
            <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
              <Button variant="contained" startIcon={<ContentCopyOutlined />} onClick={copy}>
                {t("copy")}
              </Button>
              <Box role="status" aria-live="polite" sx={{ typography: "body2", color: "success.main" }}>
                {copied ? t("copied") : ""}
              </Box>
            </Stack>
            <Box
              sx={{ alignSelf: "center", lineHeight: 0 }}
              // The SVG is the server's own drawing of the URL (lib/samples/qr.ts), not user input.
              dangerouslySetInnerHTML={{ __html: link.qrSvg }}
            />
          </Stack>
        </DialogContent>
      )}
      <DialogActions>
        <Button onClick={close}>{t("close")}</Button>
      </DialogActions>
    </Dialog>
  );
}
