import type { ReactNode } from "react";

import type { Locale } from "@/lib/i18n/config";

import s from "./portal.module.css";
import { feedbackText } from "./text";

/**
 * The portal's frame: who asks (the organisation, never the lead or the partner), the language
 * switch as a plain link, and the main landmark.
 */
export function PortalFrame({
  locale,
  sender,
  switchHref,
  children,
}: {
  locale: Locale;
  sender?: string;
  /** Where the language switch leads; none on pages that are bilingual anyway. */
  switchHref?: string;
  children: ReactNode;
}) {
  const t = feedbackText(locale);
  const other: Locale = locale === "de" ? "en" : "de";
  return (
    <div className={s.page}>
      <header className={s.top}>
        <div className={s.topInner}>
          <p className={s.sender}>{sender ?? "FreshFoodz"}</p>
          {switchHref && (
            <nav aria-label={t("languageNav")}>
              <a href={switchHref} lang={other} hrefLang={other}>
                {t("languageSwitch")}
              </a>
            </nav>
          )}
        </div>
      </header>
      <main className={s.main}>{children}</main>
    </div>
  );
}
