import "server-only";

import { cache } from "react";

import { isAppError } from "@/lib/errors";
import { resolveLocale, type Locale } from "@/lib/i18n/config";
import { openFeedbackLink } from "@/lib/samples/portal";
import type { PortalView } from "@/lib/samples/schemas";

/** A link's token as issued: 32 random bytes, base64url without padding. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export type PortalLoad =
  { kind: "view"; view: PortalView } | { kind: "not_found" } | { kind: "gone"; contact: string };

/**
 * What a link shows, once per request (the root layout asks for its language, the page for the
 * rest: React's cache makes it one look-up). Unknown and revoked links are "not_found", expired ones
 * "gone" with whom to contact; anything else is unexpected and propagates.
 */
export const loadPortal = cache(async (token: string): Promise<PortalLoad> => {
  // No real link is malformed: nothing to look up (lib/samples/portal.ts hashes real candidates).
  if (!TOKEN_PATTERN.test(token)) return { kind: "not_found" };
  try {
    return { kind: "view", view: await openFeedbackLink(token) };
  } catch (error) {
    if (isAppError(error) && error.kind === "not_found") return { kind: "not_found" };
    if (isAppError(error) && error.kind === "gone") {
      return { kind: "gone", contact: String(error.text?.params?.contact ?? "") };
    }
    throw error;
  }
});

/** The page's language: the visible switch (`?lang=`) wins, then the link's own language. */
export function pageLocale(lang: string | string[] | undefined, load: PortalLoad | null): Locale {
  if (lang === "de" || lang === "en") return lang;
  return load?.kind === "view" ? load.view.locale : resolveLocale(undefined);
}
