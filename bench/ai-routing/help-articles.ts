/** A small fixed set of FreshPlan Admin help articles, the knowledge base of the help.answer items. */
import type { THelpArticle } from "@/lib/ai/use-cases";

export const HELP_ARTICLES = [
  {
    id: "lead-anlegen",
    title: "Einen Lead anlegen",
    body: "Öffnen Sie Leads und wählen Sie „Neuer Lead“. Pflicht sind Firmenname und Ort; Branche, Ansprechpartner und erwartetes Volumen sind freiwillig. Findet FreshPlan ähnliche Leads (gleicher Name im gleichen Ort), zeigt es sie an: Prüfen Sie, ob der Betrieb schon betreut wird, und bestätigen Sie nur, wenn es wirklich ein anderer ist. Mit dem Speichern beginnt Ihr Leadschutz.",
  },
  {
    id: "leadschutz-fristen",
    title: "Wie lange ist mein Lead geschützt?",
    body: "Ein Lead ist ab der Registrierung sechs Monate geschützt. Zusätzlich muss alle 60 Tage eine qualifizierende Aktivität erfasst werden (Gespräch, Kundenreaktion, Folgetermin, Musterfeedback oder ROI-Präsentation); sonst endet der Schutz nach einer Nachfrist von 10 Tagen. Wartezeiten, die FreshFoodz verursacht (z. B. Preisfreigabe, verspätete Musterbox), halten die Uhr an. Sieben Tage vor Ablauf erinnert FreshPlan Sie per E-Mail.",
  },
  {
    id: "leadschutz-verlaengern",
    title: "Verlängerung des Leadschutzes beantragen",
    body: "Reicht die Schutzfrist nicht, öffnen Sie den Lead und wählen Sie „Verlängerung beantragen“. Geben Sie die gewünschten Tage und eine Begründung an. Eine Vertriebsleitung entscheidet; Sie sehen die Entscheidung mit Kommentar am Lead und erhalten eine E-Mail. Genehmigte Tage verlängern die Grundfrist.",
  },
  {
    id: "aktivitaet-erfassen",
    title: "Aktivitäten erfassen",
    body: "Am Lead wählen Sie „Aktivität“ und die Art: Qualifiziertes Gespräch, Kundenreaktion, Folgetermin, Musterfeedback, ROI-Präsentation, Notiz oder gesendete E-Mail. Das Datum darf in der Vergangenheit liegen, aber nicht vor Ihrer Zuweisung. Notizen und gesendete E-Mails werden gespeichert, zählen aber nicht als Fortschritt für den Leadschutz.",
  },
  {
    id: "musterbox-anfordern",
    title: "Eine Musterbox anfordern",
    body: "Öffnen Sie den Lead und wählen Sie „Musterbox“. Stellen Sie bis zu acht Artikel aus dem Musterkatalog zusammen oder lassen Sie sich eine Auswahl vorschlagen. Die Box wird innerhalb von drei Werktagen gekühlt an die Lieferadresse des Kunden geschickt. Das Feedback des Kunden erfassen Sie danach als Aktivität „Musterfeedback“.",
  },
  {
    id: "roi-praesentation",
    title: "Eine ROI-Präsentation erstellen",
    body: "Unter „ROI-Rechner“ am Lead tragen Sie den monatlichen Wareneinsatz je Kategorie, die Verderbquote und die Essen pro Tag ein. FreshPlan berechnet mögliche Einsparungen und erstellt eine Präsentation als PDF. Nach dem Termin erfassen Sie die Aktivität „ROI-Präsentation“.",
  },
  {
    id: "feedback-link",
    title: "Kundenfeedback einholen",
    body: "Am Kunden wählen Sie „Feedback-Link senden“. Der Kunde erhält einen persönlichen Link (auch als QR-Code für den Lieferschein), über den er Lieferung und Ware mit Sternen und einem Kommentar bewerten kann, ohne sich anzumelden. Jeder Link gilt 30 Tage. Die Antworten sehen Sie unter Feedback.",
  },
  {
    id: "passwort-zuruecksetzen",
    title: "Passwort vergessen",
    body: "Wählen Sie auf der Anmeldeseite „Passwort vergessen“ und geben Sie Ihre E-Mail-Adresse ein. Sie erhalten einen Link, der eine Stunde gültig ist. Nach fünf falschen Anmeldeversuchen ist Ihr Zugang 15 Minuten gesperrt.",
  },
  {
    id: "kollegen-beteiligen",
    title: "Kollegen an einem Lead beteiligen",
    body: "Als Inhaber eines Leads können Sie unter „Beteiligte“ Kollegen hinzufügen: mit Leserecht, als Unterstützung (dürfen Aktivitäten erfassen) oder für Verhandlungen (dürfen auch Musterboxen zusammenstellen). Legen Sie für jeden einen Provisionsanteil in Prozent fest; zusammen höchstens 100 %, den Rest behalten Sie.",
  },
  {
    id: "leads-exportieren",
    title: "Leads als CSV exportieren",
    body: "In der Lead-Liste filtern Sie wie gewünscht und wählen „Exportieren“. Die CSV-Datei enthält die sichtbaren Spalten, mit Semikolon getrennt, und lässt sich direkt in Excel öffnen. Exportieren dürfen Partner ihre eigenen Leads, die Vertriebsleitung alle.",
  },
] as const satisfies readonly THelpArticle[];

export type THelpArticleId = (typeof HELP_ARTICLES)[number]["id"];
