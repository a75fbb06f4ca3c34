import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import type { ReactNode } from "react";

/** What a list or area shows when there is nothing to show: plainly, never with made-up numbers. */
export function EmptyState({
  icon,
  title,
  children,
}: {
  icon?: ReactNode;
  title: string;
  children?: ReactNode;
}) {
  return (
    <Box
      role="status"
      sx={{
        textAlign: "center",
        py: 6,
        px: 2,
        border: 1,
        borderStyle: "dashed",
        borderColor: "divider",
        borderRadius: 2,
        color: "text.secondary",
      }}
    >
      {icon && <Box sx={{ fontSize: 40, mb: 1, "& svg": { fontSize: "inherit" } }}>{icon}</Box>}
      <Typography variant="h6" component="p" color="text.primary" gutterBottom>
        {title}
      </Typography>
      {children && <Typography variant="body2">{children}</Typography>}
    </Box>
  );
}
