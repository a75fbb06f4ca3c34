"use client";

import { createTheme } from "@mui/material/styles";
import type {} from "@mui/x-data-grid/themeAugmentation";

/**
 * The one theme. System fonts only: the app must build and run without network access. `nonce` is
 * the response's Content-Security-Policy nonce (proxy.ts): DataGrid writes its CSS variables into
 * a style tag of its own, which the policy admits only with it.
 */
export function createAppTheme(nonce?: string) {
  return createTheme({
    cssVariables: true,
    palette: {
      // WCAG AA for text on coloured fills (chips, buttons): MUI picks dark text where white would
      // fall below 4.5:1 (warning and info, whose white labels axe measured at 3.1 and 3.9).
      contrastThreshold: 4.5,
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
      MuiDataGrid: { defaultProps: { nonce } },
      // An unselected toggle's label in action.active (54 %) reaches 4.49:1 on the page's grey:
      // text.secondary (60 %) passes AA.
      MuiToggleButton: {
        styleOverrides: { root: ({ theme }) => ({ color: theme.palette.text.secondary }) },
      },
    },
  });
}
