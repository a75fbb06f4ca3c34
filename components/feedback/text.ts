import { createTranslator } from "next-intl";

import type { Locale } from "@/lib/i18n/config";
import { MESSAGES } from "@/lib/i18n/messages";

/**
 * The portal's texts in the page's language. The page's language comes from the link (or the
 * visible switch), not from the admin's language cookie that next-intl's request config reads, so
 * the portal translates with its own translator.
 */
export function feedbackText(locale: Locale) {
  return createTranslator({
    locale,
    messages: MESSAGES[locale],
    namespace: "feedback",
    timeZone: "Europe/Berlin",
  });
}
export type FeedbackText = ReturnType<typeof feedbackText>;

/** A moment as the customer reads it: "7. Dezember 2026, 14:05". */
export function formatMoment(locale: Locale, iso: string): string {
  return new Intl.DateTimeFormat(locale === "de" ? "de-DE" : "en-GB", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "Europe/Berlin",
  }).format(new Date(iso));
}
