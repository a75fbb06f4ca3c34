import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";

import { loadPortal, pageLocale } from "@/components/feedback/load";
import { ExpiredNotice } from "@/components/feedback/Notices";
import { PortalFrame } from "@/components/feedback/PortalFrame";
import { Summary } from "@/components/feedback/Summary";
import { feedbackText } from "@/components/feedback/text";
import s from "@/components/feedback/portal.module.css";

type Props = PageProps<"/feedback/[token]/thanks">;

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const load = await loadPortal((await params).token);
  const t = feedbackText(pageLocale(one((await searchParams).lang), load));
  return { title: { absolute: t("thanksTitle") } };
}

/** After sending: thanks, what happens next, and what was sent. */
export default async function FeedbackThanksPage({ params, searchParams }: Props) {
  const { token } = await params;
  const lang = one((await searchParams).lang);
  const load = await loadPortal(token);
  if (load.kind === "not_found") notFound();
  const locale = pageLocale(lang, load);
  if (load.kind === "gone") return <ExpiredNotice contact={load.contact} locale={locale} />;
  const { view } = load;
  // Not sent yet (an old bookmark, a guessed address): the form.
  if (view.state !== "submitted")
    redirect(`/feedback/${encodeURIComponent(token)}${lang ? `?lang=${locale}` : ""}`);
  const t = feedbackText(locale);
  return (
    <PortalFrame
      locale={locale}
      sender={view.senderName}
      switchHref={`?lang=${locale === "de" ? "en" : "de"}`}
    >
      <div className={s.notice}>
        <h1>{t("thanksTitle")}</h1>
        <p>{t("thanksNext", { sender: view.senderName })}</p>
        <p>{t("thanksClose")}</p>
      </div>
      <Summary view={view} locale={locale} />
    </PortalFrame>
  );
}
