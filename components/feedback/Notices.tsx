import type { Locale } from "@/lib/i18n/config";

import { PortalFrame } from "./PortalFrame";
import s from "./portal.module.css";
import { feedbackText } from "./text";

/**
 * The answers for a link that leads nowhere: unknown or withdrawn (404) and expired (410). Neither
 * knows the link's language, so both say it in German and in English.
 */
export function NotFoundNotice() {
  const de = feedbackText("de");
  const en = feedbackText("en");
  return (
    <PortalFrame locale="de">
      <div className={s.center}>
        <h1>{de("notFoundTitle")}</h1>
        <p>{de("notFoundText")}</p>
        <div className={s.other} lang="en">
          <h2>{en("notFoundTitle")}</h2>
          <p>{en("notFoundText")}</p>
        </div>
      </div>
    </PortalFrame>
  );
}

export function ExpiredNotice({ contact, locale }: { contact: string; locale: Locale }) {
  const first = feedbackText(locale);
  const otherLocale: Locale = locale === "de" ? "en" : "de";
  const second = feedbackText(otherLocale);
  const mail = (text: string) => {
    const [before, after] = text.split("{contact}");
    return (
      <>
        {before}
        <a href={`mailto:${contact}`}>{contact}</a>
        {after}
      </>
    );
  };
  return (
    <PortalFrame locale={locale}>
      <div className={s.center}>
        <h1>{first("expiredTitle")}</h1>
        <p>{mail(first.raw("expiredText") as string)}</p>
        <div className={s.other} lang={otherLocale}>
          <h2>{second("expiredTitle")}</h2>
          <p>{mail(second.raw("expiredText") as string)}</p>
        </div>
      </div>
    </PortalFrame>
  );
}
