import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import type { ReactNode } from "react";

/** A titled block of the lead pages. */
export function Section({
  title,
  intro,
  children,
  id,
}: {
  title: string;
  intro?: string;
  children: ReactNode;
  id?: string;
}) {
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby={id}
      sx={{ p: { xs: 2, sm: 3 }, height: "100%" }}
    >
      <Typography variant="h6" component="h2" id={id} gutterBottom>
        {title}
      </Typography>
      {intro && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {intro}
        </Typography>
      )}
      {children}
    </Paper>
  );
}

/** The action's own message (not a field's), when there is one. */
export function FormMessage({ message }: { message: string | null }) {
  return message ? (
    <Alert severity="error" sx={{ mt: 1 }}>
      {message}
    </Alert>
  ) : null;
}

/** The end of a lead form: the action's message, then its submit button, busy while it runs. */
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
        <Button type="submit" variant="contained" disabled={props.pending}>
          {props.pending ? props.saving : props.label}
        </Button>
      </Stack>
    </>
  );
}
