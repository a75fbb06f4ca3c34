import { AppRouterCacheProvider } from "@mui/material-nextjs/v16-appRouter";
import { headers } from "next/headers";
import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";

import { Providers } from "./Providers";

/**
 * What every admin page stands in: MUI's style cache, the texts for client components, the theme and
 * React Query. The root layout stays plain so the customers' feedback portal loads none of it; the
 * admin's route groups ((admin), (auth)), the API reference and the admin's 404 page wrap themselves.
 */
export async function AdminRoot({ children }: { children: ReactNode }) {
  // The Content-Security-Policy's nonce of this response (proxy.ts): MUI's style tags need it.
  // Reading it makes every page render per request, which a fresh nonce requires anyway.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <AppRouterCacheProvider options={{ enableCssLayer: true, nonce }}>
      <NextIntlClientProvider>
        <Providers nonce={nonce}>{children}</Providers>
      </NextIntlClientProvider>
    </AppRouterCacheProvider>
  );
}
