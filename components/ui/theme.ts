"use client";

import { createTheme } from "@mui/material/styles";

/** The one theme. System fonts only: the app must build and run without network access. */
export const theme = createTheme({
  cssVariables: true,
  palette: {
    primary: { main: "#2e7d32" },
    secondary: { main: "#ef6c00" },
    background: { default: "#f6f7f6" },
  },
  typography: {
    fontFamily:
      'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  },
  shape: { borderRadius: 8 },
  components: {
    MuiButton: { defaultProps: { disableElevation: true } },
  },
});
