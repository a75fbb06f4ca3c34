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
    },
  });
}
