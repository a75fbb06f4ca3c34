import "server-only";

import { headers } from "next/headers";
import { getLocale } from "next-intl/server";

import { loadPortal, pageLocale } from "./load";

const PORTAL_PATH = /^\/feedback\/([^/?#]+)(?:\/[^?#]*)?(?:\?(.*))?$/;

/**
 * The language of the whole document for <html lang> (WCAG 3.1.1). The root layout cannot see the
 * URL, so proxy.ts hands it the portal's path as `x-portal-path`: a feedback page is in the link's
 * language (or the switch's), every other page in the reader's (next-intl's cookie).
 */
export async function documentLanguage(): Promise<string> {
  const match = PORTAL_PATH.exec((await headers()).get("x-portal-path") ?? "");
  if (!match) return getLocale();
  const lang = new URLSearchParams(match[2] ?? "").get("lang") ?? undefined;
  if (lang === "de" || lang === "en") return lang;
  const load = await loadPortal(decodeURIComponent(match[1])).catch(() => null);
  return pageLocale(undefined, load);
}
