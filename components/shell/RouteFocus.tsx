"use client";

import Box from "@mui/material/Box";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";

/** How long to wait for the new page's heading after the address changed (it may stream in). */
const HEADING_WAIT_MS = 3_000;

/**
 * After a client-side navigation (not on the first load, where the browser starts at the top
 * anyway) focus moves to the new page's `h1` and a polite live region announces it: a screen
 * reader hears where it arrived, and the next Tab starts in the page, not in the navigation.
 * The heading becomes focusable with tabIndex -1 only (not a Tab stop); the shell hides its outline.
 */
export function RouteFocus({ mainId }: { mainId: string }) {
  const pathname = usePathname();
  const previous = useRef(pathname);
  const [announcement, setAnnouncement] = useState("");

  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    const main = document.getElementById(mainId);
    if (!main) return;

    const focusHeading = () => {
      const heading = main.querySelector("h1");
      if (!heading) return false;
      if (!heading.hasAttribute("tabindex")) heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
      setAnnouncement(heading.textContent ?? "");
      return true;
    };
    if (focusHeading()) return;
    // The page is still streaming: wait for its heading, but not forever.
    const observer = new MutationObserver(() => {
      if (focusHeading()) stop();
    });
    const timer = window.setTimeout(() => stop(), HEADING_WAIT_MS);
    const stop = () => {
      observer.disconnect();
      window.clearTimeout(timer);
    };
    observer.observe(main, { childList: true, subtree: true });
    return stop;
  }, [pathname, mainId]);

  return (
    // aria-live without role="status": the pages' own status messages keep that role to themselves.
    <Box aria-live="polite" aria-atomic="true" data-testid="route-announcer" sx={visuallyHidden}>
      {announcement}
    </Box>
  );
}

/**
 * Off screen but read by screen readers (the usual clip pattern). In pixels, as strings: MUI reads a
 * bare `width: 1` as 100 %, and `m: -1` as minus one spacing unit, which pushed the page 8 px wide.
 */
export const visuallyHidden = {
  position: "absolute",
  width: "1px",
  height: "1px",
  p: 0,
  m: "-1px",
  overflow: "hidden",
  clip: "rect(0 0 0 0)",
  whiteSpace: "nowrap",
  border: 0,
} as const;
