import type { Locale } from "@/lib/i18n/config";
import type { PortalView } from "@/lib/samples/schemas";

import { AutoSave } from "./AutoSave";
import { CONTACT_ROLES, draftItemFor } from "./form";
import s from "./portal.module.css";
import { feedbackText, formatMoment, type FeedbackText } from "./text";

const FORM_ID = "feedback-form";
const RATINGS = [1, 2, 3, 4, 5] as const;

/** Which field an error code of the page's query string belongs to, and what it says. */
function errorText(t: FeedbackText, code: string): string {
  if (code === "contact.name") return t("errors.contactName");
  if (code === "contact.role") return t("errors.contactRole");
  if (code === "items") return t("errors.items");
  if (code === "rate") return t("errors.rateLimited");
  return t("errors.item");
}

/** The product an `items.<i>` code names, for the error summary. */
function productOf(code: string, view: PortalView): string | undefined {
  const item = /^items\.(\d+)$/.exec(code);
  return item ? view.products[Number(item[1])]?.name : undefined;
}

function errorTarget(code: string): string {
  if (code === "contact.name") return "#contact-name";
  if (code === "contact.role") return "#contact-role";
  const item = /^items\.(\d+)$/.exec(code);
  return item ? `#item-${item[1]}` : "#item-0";
}

/**
 * The form for an open link: one card per product (rating, comment, "would order"), then who
 * answers, then the sticky send bar. A plain form post works without JavaScript (the route
 * handlers beside the page); with it, AutoSave saves every tap as the draft.
 */
export function FeedbackForm({
  token,
  view,
  locale,
  lang,
  errors,
  saved,
}: {
  token: string;
  view: PortalView;
  locale: Locale;
  /** The switch's language, carried through the posts so the answer stays in it. */
  lang?: Locale;
  errors: string[];
  saved: boolean;
}) {
  const t = feedbackText(locale);
  const base = `/feedback/${encodeURIComponent(token)}`;
  const draft = view.draft;
  const has = (code: string) => errors.includes(code);
  return (
    <>
      <h1>{view.recipientName ? t("greeting", { name: view.recipientName }) : t("greetingAnonymous")}</h1>
      <p className={s.lead}>
        {t("intro", { sender: view.senderName })}{" "}
        {t("expiresAt", { at: formatMoment(locale, view.expiresAt) })}
      </p>

      {errors.length > 0 && (
        <div className={s.alert} role="alert" id="form-errors">
          <p>{t("errorSummary")}</p>
          <ul>
            {errors.map((code) => (
              <li key={code}>
                <a href={errorTarget(code)}>
                  {productOf(code, view) ? `${productOf(code, view)}: ` : ""}
                  {errorText(t, code)}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}

      <form id={FORM_ID} method="post" action={`${base}/submit`} noValidate>
        {lang && <input type="hidden" name="lang" value={lang} />}
        {view.products.map((product, i) => {
          const item = draftItemFor(draft, product.sku);
          const invalid = has(`items.${i}`) || (i === 0 && has("items"));
          const pack = [product.packSize, product.unit].filter(Boolean).join(" ");
          return (
            <fieldset key={product.sku} className={s.card} id={`item-${i}`}>
              <legend>{product.name}</legend>
              <input type="hidden" name={`items.${i}.sku`} value={product.sku} />
              <div className={s.product}>
                {product.imageUrl && isOwnImage(product.imageUrl) ? (
                  // eslint-disable-next-line @next/next/no-img-element -- a plain, lazy image: no image optimiser for a public page
                  <img
                    className={s.image}
                    src={product.imageUrl}
                    alt=""
                    width={64}
                    height={64}
                    loading="lazy"
                  />
                ) : (
                  <span className={s.placeholder} aria-hidden="true">
                    {product.name.trim().charAt(0).toUpperCase()}
                  </span>
                )}
                {pack && <p className={s.meta}>{t("pack", { pack })}</p>}
              </div>

              <fieldset
                className={`${s.group} ${invalid ? s.invalid : ""}`}
                aria-describedby={invalid ? `item-${i}-error` : undefined}
              >
                <legend>{t("rating")}</legend>
                {invalid && (
                  <span className={s.error} id={`item-${i}-error`}>
                    {has("items") ? t("errors.items") : t("errors.item")}
                  </span>
                )}
                <div className={s.scale}>
                  {RATINGS.map((value) => (
                    <label key={value} className={s.choice}>
                      <input
                        type="radio"
                        name={`items.${i}.rating`}
                        value={value}
                        defaultChecked={item?.rating === value}
                      />
                      <span className={s.box}>
                        <span className={s.number}>{value}</span>
                        <span className={s.visuallyHidden}> {t("ratingOf")} – </span>
                        <span className={s.word}>{t(`ratingWords.${value}`)}</span>
                      </span>
                    </label>
                  ))}
                </div>
              </fieldset>

              <label className={s.label} htmlFor={`item-${i}-comment`}>
                {t("comment")}
              </label>
              <span className={s.hint} id={`item-${i}-comment-hint`}>
                {t("commentHint")}
              </span>
              <textarea
                className={s.field}
                id={`item-${i}-comment`}
                name={`items.${i}.comment`}
                rows={3}
                maxLength={2000}
                defaultValue={item?.comment ?? ""}
                aria-describedby={`item-${i}-comment-hint`}
              />

              <label className={s.check}>
                <input
                  type="checkbox"
                  name={`items.${i}.wouldReorder`}
                  value="1"
                  defaultChecked={item?.wouldReorder === true}
                />
                {t("wouldReorder")}
              </label>
            </fieldset>
          );
        })}

        <fieldset className={s.card}>
          <legend>{t("about")}</legend>
          <label className={s.label} htmlFor="contact-name">
            {t("contactName")} <span className={s.required}>({t("required")})</span>
          </label>
          {has("contact.name") && (
            <span className={s.error} id="contact-name-error">
              {t("errors.contactName")}
            </span>
          )}
          <input
            className={s.field}
            id="contact-name"
            name="contact.name"
            type="text"
            autoComplete="name"
            maxLength={120}
            aria-required="true"
            aria-invalid={has("contact.name") || undefined}
            aria-describedby={has("contact.name") ? "contact-name-error" : undefined}
            defaultValue={draft.contact?.name ?? ""}
          />
          <fieldset
            className={`${s.group} ${has("contact.role") ? s.invalid : ""}`}
            id="contact-role"
            aria-describedby={has("contact.role") ? "contact-role-error" : undefined}
          >
            <legend>
              {t("contactRole")} <span className={s.required}>({t("required")})</span>
            </legend>
            {has("contact.role") && (
              <span className={s.error} id="contact-role-error">
                {t("errors.contactRole")}
              </span>
            )}
            <div className={s.roles}>
              {CONTACT_ROLES.map((role) => (
                <label key={role} className={s.choice}>
                  <input
                    type="radio"
                    name="contact.role"
                    value={role}
                    defaultChecked={draft.contact?.role === role}
                  />
                  <span className={s.box}>{t(`roles.${role}`)}</span>
                </label>
              ))}
            </div>
          </fieldset>
        </fieldset>

        <div className={s.bar}>
          <button type="submit" className={`${s.button} ${s.primary}`}>
            {t("send")}
          </button>
          <button type="submit" className={`${s.button} ${s.secondary}`} formAction={`${base}/draft`}>
            {t("saveDraft")}
          </button>
          <AutoSave
            formId={FORM_ID}
            token={token}
            initial={saved ? t("draftSaved") : ""}
            texts={{ saving: t("saving"), saved: t("saved"), failed: t("saveFailed") }}
          />
        </div>
      </form>
    </>
  );
}

/** Only images from this site: the Content-Security-Policy admits no others (img-src 'self'). */
function isOwnImage(url: string): boolean {
  return url.startsWith("/") && !url.startsWith("//");
}
