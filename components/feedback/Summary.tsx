import type { Locale } from "@/lib/i18n/config";
import type { PortalView } from "@/lib/samples/schemas";

import { CONTACT_ROLES, draftItemFor } from "./form";
import s from "./portal.module.css";
import { feedbackText, formatMoment } from "./text";

/** What was submitted, read-only: the thank-you page and a submitted link show it. */
export function Summary({ view, locale }: { view: PortalView; locale: Locale }) {
  const t = feedbackText(locale);
  const contact = view.draft.contact;
  const role = CONTACT_ROLES.find((r) => r === contact?.role);
  return (
    <section aria-labelledby="summary-heading">
      <h2 id="summary-heading">{t("summary")}</h2>
      {view.submittedAt && (
        <p className={s.meta}>{t("submittedAt", { at: formatMoment(locale, view.submittedAt) })}</p>
      )}
      <ul className={s.summary}>
        {view.products.map((product) => {
          const item = draftItemFor(view.draft, product.sku);
          return (
            <li key={product.sku}>
              <h3>{product.name}</h3>
              <p>{item?.rating ? t("summaryRating", { value: item.rating }) : t("summaryNotRated")}</p>
              {item?.rating !== undefined && (
                <p>{t("summaryReorder", { answer: item.wouldReorder ? t("yes") : t("no") })}</p>
              )}
              {item?.comment && <p>„{item.comment}“</p>}
            </li>
          );
        })}
      </ul>
      {contact?.name && role && (
        <p className={s.meta}>{t("summaryContact", { name: contact.name, role: t(`roles.${role}`) })}</p>
      )}
    </section>
  );
}
