import type { THelpLocale, THelpSpace } from "./schemas";

/**
 * The demo's workflow guides (lib/help/demo.ts): the three most common tasks of a sales manager, in
 * German and English. `href` is a path inside the organisation (the screen where the step happens).
 */
export interface DemoGuide {
  slug: string;
  space: THelpSpace;
  locale: THelpLocale;
  title: string;
  summary: string;
  steps: { title: string; body: string; href: string | null }[];
}

export const DEMO_GUIDES: DemoGuide[] = [
  {
    slug: "verlaengerung-entscheiden",
    space: "salesops",
    locale: "de",
    title: "Einen Verlängerungsantrag entscheiden",
    summary: "Ein Partner bittet um mehr Schutzzeit für einen Lead: prüfen, entscheiden, begründen.",
    steps: [
      {
        title: "Manager-Eingang öffnen",
        body: "Offene Verlängerungsanträge stehen oben, der älteste zuerst.",
        href: "leads/queue",
      },
      {
        title: "Lead und Aktivitäten prüfen",
        body: "Öffnen Sie den Lead: Gab es in den letzten Wochen Besuche, Muster, Angebote? Passt die Begründung dazu?",
        href: "leads/queue",
      },
      {
        title: "Genehmigen oder ablehnen",
        body: "Entscheiden Sie im Eingang. Eine Ablehnung braucht eine kurze Begründung, die der Partner sieht.",
        href: "leads/queue",
      },
      {
        title: "Schutzfrist kontrollieren",
        body: "Auf der Lead-Seite zeigt die Zeitleiste die neue Frist.",
        href: "leads",
      },
    ],
  },
  {
    slug: "verlaengerung-entscheiden",
    space: "salesops",
    locale: "en",
    title: "Decide an extension request",
    summary: "A partner asks for more protection time on a lead: check, decide, give a reason.",
    steps: [
      {
        title: "Open the manager queue",
        body: "Open extension requests are at the top, the oldest first.",
        href: "leads/queue",
      },
      {
        title: "Check the lead and its activities",
        body: "Open the lead: were there visits, samples, offers in the last weeks? Does the reason fit?",
        href: "leads/queue",
      },
      {
        title: "Approve or reject",
        body: "Decide in the queue. A rejection needs a short reason, which the partner sees.",
        href: "leads/queue",
      },
      {
        title: "Check the protection period",
        body: "On the lead page the timeline shows the new deadline.",
        href: "leads",
      },
    ],
  },
  {
    slug: "abgelaufenen-lead-neu-zuweisen",
    space: "salesops",
    locale: "de",
    title: "Einen abgelaufenen Lead neu zuweisen",
    summary: "Die Schutzfrist ist abgelaufen: den Lead einem Partner geben, der ihn weiter betreut.",
    steps: [
      {
        title: "Abgelaufene Leads anzeigen",
        body: "Filtern Sie die Lead-Liste nach dem Status „Abgelaufen“ oder öffnen Sie den Manager-Eingang.",
        href: "leads?status=EXPIRED",
      },
      {
        title: "Verlauf lesen",
        body: "Auf der Lead-Seite: Wer hat zuletzt was getan, gibt es Mitwirkende?",
        href: "leads?status=EXPIRED",
      },
      {
        title: "Neu zuweisen",
        body: "Wählen Sie „Neu zuweisen“ und den Partner. Die Schutzfrist beginnt für ihn neu.",
        href: "leads/queue",
      },
    ],
  },
  {
    slug: "abgelaufenen-lead-neu-zuweisen",
    space: "salesops",
    locale: "en",
    title: "Reassign an expired lead",
    summary: "The protection period has lapsed: give the lead to a partner who will follow it up.",
    steps: [
      {
        title: "Show the expired leads",
        body: "Filter the lead list by the status “Expired”, or open the manager queue.",
        href: "leads?status=EXPIRED",
      },
      {
        title: "Read the history",
        body: "On the lead page: who did what last, are there collaborators?",
        href: "leads?status=EXPIRED",
      },
      {
        title: "Reassign",
        body: "Choose “Reassign” and the partner. The protection period starts anew for them.",
        href: "leads/queue",
      },
    ],
  },
  {
    slug: "ki-kosten-lesen",
    space: "salesops",
    locale: "de",
    title: "Die KI-Kosten lesen",
    summary: "Was die KI diesen Monat gekostet hat, wofür, und ob das Budget reicht.",
    steps: [
      { title: "KI-Bereich öffnen", body: "Wählen Sie den Zeitraum: 7, 30 oder 90 Tage.", href: "ai" },
      {
        title: "Kosten je Anwendungsfall",
        body: "Die Tabelle zeigt Aufrufe, Kosten und wie oft das große Modell nötig war.",
        href: "ai",
      },
      {
        title: "Budget prüfen",
        body: "Der Balken zeigt den Verbrauch des Monats gegen das Budget der Organisation.",
        href: "ai",
      },
      {
        title: "Budget anpassen",
        body: "Grenzen ändern Administratoren in den Einstellungen.",
        href: "settings",
      },
    ],
  },
  {
    slug: "ki-kosten-lesen",
    space: "salesops",
    locale: "en",
    title: "Read the AI spend",
    summary: "What AI cost this month, for what, and whether the budget holds.",
    steps: [
      { title: "Open the AI area", body: "Pick the period: 7, 30 or 90 days.", href: "ai" },
      {
        title: "Cost per use case",
        body: "The table shows calls, cost and how often the large model was needed.",
        href: "ai",
      },
      {
        title: "Check the budget",
        body: "The bar shows the month's spend against the organisation's budget.",
        href: "ai",
      },
      {
        title: "Adjust the budget",
        body: "Administrators change the limits in the settings.",
        href: "settings",
      },
    ],
  },
];
