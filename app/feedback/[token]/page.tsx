import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { FeedbackForm } from "@/components/feedback/FeedbackForm";
import { loadPortal, pageLocale } from "@/components/feedback/load";
import { ExpiredNotice } from "@/components/feedback/Notices";
import { PortalFrame } from "@/components/feedback/PortalFrame";
import { Summary } from "@/components/feedback/Summary";
import { feedbackText } from "@/components/feedback/text";
import s from "@/components/feedback/portal.module.css";

type Props = PageProps<"/feedback/[token]">;

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const all = (value: string | string[] | undefined) => (value === undefined ? [] : [value].flat());

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const load = await loadPortal((await params).token);
  const t = feedbackText(pageLocale(one((await searchParams).lang), load));
  return { title: { absolute: t("pageTitle") } };
}

/**
 * The customer's feedback page (no session: the token is the only key). An open link shows the
 * form with the saved draft; a submitted one what was sent; an expired one whom to write to.
 */
export default async function FeedbackPage({ params, searchParams }: Props) {
  const { token } = await params;
  const query = await searchParams;
  const load = await loadPortal(token);
  if (load.kind === "not_found") notFound();
  const lang = one(query.lang);
  const locale = pageLocale(lang, load);
  if (load.kind === "gone") return <ExpiredNotice contact={load.contact} locale={locale} />;

  const { view } = load;
  const t = feedbackText(locale);
  const switchHref = `?lang=${locale === "de" ? "en" : "de"}`;
  return (
    <PortalFrame locale={locale} sender={view.senderName} switchHref={switchHref}>
      {view.state === "submitted" ? (
        <>
          <h1>{t("submittedTitle")}</h1>
          <p className={s.lead}>{t("thanksNext", { sender: view.senderName })}</p>
          <Summary view={view} locale={locale} />
        </>
      ) : (
        <FeedbackForm
          token={token}
          view={view}
          locale={locale}
          lang={lang === "de" || lang === "en" ? lang : undefined}
          errors={all(query.e).filter((code) => /^(contact\.(name|role)|items(\.\d{1,2})?|rate)$/.test(code))}
          saved={one(query.saved) === "1"}
        />
      )}
    </PortalFrame>
  );
}
