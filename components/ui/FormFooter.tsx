import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";

/** The action's own message (not a field's), when there is one. */
export function FormMessage({ message }: { message: string | null }) {
  return message ? (
    <Alert severity="error" sx={{ mt: 1 }}>
      {message}
    </Alert>
  ) : null;
}

/** A form's submit button, busy while its action runs. */
export function SubmitButton(props: { pending: boolean; label: string; saving: string }) {
  return (
    <Button type="submit" variant="contained" disabled={props.pending}>
      {props.pending ? props.saving : props.label}
    </Button>
  );
}

/** The end of a form: the action's message, then its submit button. */
export function FormFooter(props: {
  message: string | null;
  pending: boolean;
  label: string;
  saving: string;
}) {
  return (
    <>
      <FormMessage message={props.message} />
      <Stack direction="row">
        <SubmitButton pending={props.pending} label={props.label} saving={props.saving} />
      </Stack>
    </>
  );
}
