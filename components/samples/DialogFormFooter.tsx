"use client";

import Button from "@mui/material/Button";
import DialogActions from "@mui/material/DialogActions";

import { FormFooter } from "@/components/ui/FormFooter";

/** The end of a form in a dialog: its message and submit button, then "cancel". */
export function DialogFormFooter(props: {
  message: string | null;
  pending: boolean;
  label: string;
  saving: string;
  cancel: string;
  onCancel: () => void;
}) {
  return (
    <DialogActions sx={{ flexDirection: "column", alignItems: "stretch", px: 3, pb: 2 }}>
      <FormFooter message={props.message} pending={props.pending} label={props.label} saving={props.saving} />
      <Button onClick={props.onCancel} sx={{ alignSelf: "flex-start" }}>
        {props.cancel}
      </Button>
    </DialogActions>
  );
}
