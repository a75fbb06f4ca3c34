"use client";

import CssBaseline from "@mui/material/CssBaseline";
import { ThemeProvider } from "@mui/material/styles";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";

import { createAppTheme } from "./theme";

/** `nonce`: the response's Content-Security-Policy nonce, for style tags written in the browser. */
export function Providers({ children, nonce }: { children: ReactNode; nonce?: string }) {
  const [theme] = useState(() => createAppTheme(nonce));
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: 1 } } }),
  );
  // Marks the page as hydrated (effects run once the whole tree has): until then buttons have no
  // handlers, and the browser tests wait for this before they click (e2e/helpers.ts, visit).
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <QueryClientProvider client={queryClient}>
      <ThemeProvider theme={theme}>
        <CssBaseline />
        {children}
      </ThemeProvider>
    </QueryClientProvider>
  );
}
