import { AppRouterCacheProvider } from "@mui/material-nextjs/v16-appRouter";
import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { NextIntlClientProvider } from "next-intl";
import { getLocale } from "next-intl/server";
import type { ReactNode } from "react";

import { Providers } from "@/components/ui/Providers";

export const metadata: Metadata = {
  title: { default: "FreshPlan Admin", template: "%s · FreshPlan Admin" },
  description: "Back office for FreshFoodz and its sales partners",
  icons: { icon: "/favicon.svg" },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  // The Content-Security-Policy's nonce of this response (proxy.ts): MUI's style tags need it.
  // Reading it makes every page render per request, which a fresh nonce requires anyway.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang={locale}>
      <body>
        <AppRouterCacheProvider options={{ enableCssLayer: true, nonce }}>
          <NextIntlClientProvider>
            <Providers nonce={nonce}>{children}</Providers>
          </NextIntlClientProvider>
        </AppRouterCacheProvider>
      </body>
    </html>
  );
}
