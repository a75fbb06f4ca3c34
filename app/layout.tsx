import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";

import { documentLanguage } from "@/components/feedback/language";

export const metadata: Metadata = {
  title: { default: "FreshPlan Admin", template: "%s · FreshPlan Admin" },
  description: "Back office for FreshFoodz and its sales partners",
  icons: { icon: "/favicon.svg" },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

/**
 * The plain root every page shares: only <html lang> and <body>. The admin's providers (MUI,
 * emotion, React Query, next-intl's client texts) live in components/ui/AdminRoot.tsx, wrapped by
 * the admin's own layouts, so the public feedback portal ships none of their JavaScript.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang={await documentLanguage()}>
      <body>{children}</body>
    </html>
  );
}
