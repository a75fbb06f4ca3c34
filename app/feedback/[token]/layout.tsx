import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";

import "@/components/feedback/base.css";

// A customer's link: never indexed, and its token never leaves as a Referer (next.config.ts).
export const metadata: Metadata = { robots: { index: false, follow: false } };

// `resizes-content`: the on-screen keyboard shrinks the page, so the sticky send bar stays above
// it; `cover` lets the bar's padding use the phone's safe-area inset.
export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  viewportFit: "cover",
  interactiveWidget: "resizes-content",
  themeColor: "#1b5e20",
};

export default function FeedbackLayout({ children }: { children: ReactNode }) {
  return children;
}
