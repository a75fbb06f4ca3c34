import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import type { ReactNode } from "react";

/** A titled block of a page (an outlined section with an h2), optionally with actions beside its heading. */
export function Section({
  id,
  title,
  intro,
  actions,
  fill,
  children,
}: {
  id?: string;
  title: string;
  intro?: string;
  actions?: ReactNode;
  /** Take the full height of its grid cell, so neighbouring sections line up. */
  fill?: boolean;
  children: ReactNode;
}) {
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby={id}
      sx={{ p: { xs: 2, sm: 3 }, ...(fill && { height: "100%" }) }}
    >
      <Stack
        direction={{ xs: "column", sm: "row" }}
        spacing={1}
        sx={{ justifyContent: "space-between", alignItems: { sm: "center" }, mb: 1 }}
      >
        <Typography variant="h6" component="h2" id={id}>
          {title}
        </Typography>
        {actions}
      </Stack>
      {intro && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {intro}
        </Typography>
      )}
      {children}
    </Paper>
  );
}
