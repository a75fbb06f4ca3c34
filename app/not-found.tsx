import { getTranslations } from "next-intl/server";

import s from "./not-found.module.css";

/**
 * The 404 for an address no route knows. It sits in the root layout, whose client code every page
 * loads, so it is plain HTML and CSS: no MUI or provider here (the public feedback portal would
 * carry them). A page of the admin that calls notFound() gets app/(admin)/not-found.tsx instead.
 */
export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <main className={s.page}>
      <h1>{t("notFoundTitle")}</h1>
      <p>{t("notFoundText")}</p>
      {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a plain page load: next/link would add its client code to every page, the portal's too */}
      <a className={s.home} href="/">
        {t("backHome")}
      </a>
    </main>
  );
}
