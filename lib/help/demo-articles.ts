import type { THelpLocale, THelpSpace } from "./schemas";

/**
 * The demo's help articles (lib/help/demo.ts): what partners and managers ask about most, in German
 * and English, written from the rules the code implements (lib/leads/RULES.md, README).
 */

export interface DemoArticle {
  space: THelpSpace;
  locale: THelpLocale;
  slug: string;
  title: string;
  tags: string[];
  helpKeys: string[];
  bodyMd: string;
}

const enduser = (
  helpKeys: string[],
  de: Omit<DemoArticle, "space" | "locale" | "helpKeys">,
  en: Omit<DemoArticle, "space" | "locale" | "helpKeys">,
): DemoArticle[] => [
  { space: "enduser", locale: "de", helpKeys, ...de },
  { space: "enduser", locale: "en", helpKeys, ...en },
];
const salesops = (
  helpKeys: string[],
  de: Omit<DemoArticle, "space" | "locale" | "helpKeys">,
  en: Omit<DemoArticle, "space" | "locale" | "helpKeys">,
): DemoArticle[] => [
  { space: "salesops", locale: "de", helpKeys, ...de },
  { space: "salesops", locale: "en", helpKeys, ...en },
];

export const DEMO_ARTICLES: readonly DemoArticle[] = [
  ...enduser(
    ["leads.protection.timeline"],
    {
      slug: "schutzfrist",
      title: "So läuft die Schutzfrist",
      tags: ["Lead-Schutz", "Frist", "Nachfrist"],
      bodyMd: `Wer einen Lead registriert, ist für ihn geschützt: Niemand sonst bearbeitet ihn, und die Provision folgt ihm.

## Zwei Fristen, die spätere zählt
- **Grundschutz:** 6 Monate ab der Registrierung, plus genehmigte Verlängerungstage.
- **Fortschritt:** 60 Tage ab der letzten *qualifizierenden* Aktivität (qualifiziertes Telefonat, Kundenreaktion, vereinbarter Folgetermin, Musterfeedback, ROI-Präsentation). Notizen und E-Mails zählen nicht.

Der Lead ist geschützt bis zur späteren der beiden Fristen. Danach folgen **10 Tage Nachfrist** (Status GRACE): Eine qualifizierende Aktivität in dieser Zeit macht ihn wieder aktiv. Danach ist er abgelaufen und wird freigegeben.

## Was die Zeitleiste zeigt
Die Zeitleiste zeigt Registrierung, Aktivitäten, Unterbrechungen und die Fristen. 7 Tage vor Ablauf erscheint „bald fällig“. Alle Zeiten sehen Sie in Ihrer Zeitzone; gerechnet wird in UTC, die Anzeige verschiebt keine Frist.`,
    },
    {
      slug: "protection-clock",
      title: "How the protection clock works",
      tags: ["lead protection", "deadline", "grace"],
      bodyMd: `Whoever registers a lead is protected for it: nobody else works it, and the commission follows it.

## Two deadlines, the later one counts
- **Base term:** 6 months from registration, plus approved extension days.
- **Progress:** 60 days from the last *qualifying* activity (qualified call, customer reaction, scheduled follow-up, sample feedback, ROI presentation). Notes and e-mails never count.

The lead is protected until the later of the two. Then **10 days of grace** follow (status GRACE): a qualifying activity during grace makes it active again. After that it has expired and is released.

## What the timeline shows
The timeline shows the registration, activities, holds and the deadlines. 7 days before the end, "due soon" appears. You see every moment in your time zone; the computation runs in UTC, and showing never moves a deadline.`,
    },
  ),
  ...enduser(
    ["leads.holds"],
    {
      slug: "unterbrechungen",
      title: "Unterbrechungen: die Uhr anhalten",
      tags: ["Pause", "Hold"],
      bodyMd: `Eine **Unterbrechung** hält die Schutzuhr an, wenn es nicht an Ihnen liegt, dass es nicht weitergeht – etwa während FreshFoodz eine Preisfreigabe prüft, Muster verspätet sind, Lieferprobleme bestehen oder der Kunde blockiert.

- Grund wählen, Beginn angeben (nicht in der Vergangenheit), optional ein Ende.
- Solange eine Unterbrechung offen ist, wandern alle Fristen mit; der Status kann sich nicht ändern.
- Überlappende Unterbrechungen zählen nur einmal.
- Beenden Sie eine offene Unterbrechung, sobald es weitergeht.`,
    },
    {
      slug: "holds",
      title: "Holds: stopping the clock",
      tags: ["pause", "hold"],
      bodyMd: `A **hold** stops the protection clock when progress is blocked for reasons that are not yours – FreshFoodz checking a price approval, late samples, supply issues, or a customer who is blocked.

- Pick a reason and a start (not in the past), optionally an end.
- While a hold is open, every deadline moves with the clock, so the status cannot change.
- Overlapping holds count once.
- End an open hold as soon as things move again.`,
    },
  ),
  ...enduser(
    ["leads.extensions"],
    {
      slug: "verlaengerung",
      title: "Verlängerung beantragen",
      tags: ["Verlängerung", "Kulanz"],
      bodyMd: `Reicht der Grundschutz nicht, beantragen Sie eine **Verlängerung**: Anzahl Tage (1–365) und eine Begründung, die ein Manager nachvollziehen kann (Stand der Gespräche, nächster Termin).

- Ein Manager oder Admin entscheidet; bleibt der Antrag 48 Stunden liegen, wird er eskaliert.
- Jede genehmigte Verlängerung addiert ihre Tage zum Grundschutz.
- Pro Zuweisung ist immer nur ein Antrag offen. Läuft der Lead vorher ab, wird der Antrag geschlossen.`,
    },
    {
      slug: "extensions",
      title: "Requesting an extension",
      tags: ["extension"],
      bodyMd: `If the base term is not enough, request an **extension**: a number of days (1–365) and a reason a manager can follow (where the talks are, the next meeting).

- A manager or admin decides; a request left for 48 hours is escalated.
- Each approved extension adds its days to the base term.
- Only one request is open per assignment at a time. If the lead expires first, the request is closed.`,
    },
  ),
  ...enduser(
    ["leads.collaborators"],
    {
      slug: "mitwirkende",
      title: "Mitwirkende und Provisionsanteile",
      tags: ["Mitwirkende", "Provision", "Anteil"],
      bodyMd: `Sie können weitere **Vertriebspartner** an einem Lead beteiligen:

| Rolle | darf |
|---|---|
| Lesen | den Lead sehen |
| Unterstützen | sehen und Aktivitäten erfassen |
| Verhandeln | dazu Muster konfigurieren |

Optional erhält eine mitwirkende Person einen **Provisionsanteil** in Prozent; der Inhaber behält den Rest. Nur Mitglieder mit der Rolle *Vertrieb* können mitwirken.`,
    },
    {
      slug: "collaborators",
      title: "Collaborators and commission shares",
      tags: ["collaborators", "commission", "share"],
      bodyMd: `You can bring other **sales partners** onto a lead:

| role | may |
|---|---|
| View | see the lead |
| Assist | see it and log activities |
| Negotiate | also configure samples |

A collaborator may get a **commission share** in percent; the owner keeps the rest. Only members with the *sales* role can collaborate.`,
    },
  ),
  ...enduser(
    ["leads.brief", "ai.dashboard"],
    {
      slug: "ki-briefing",
      title: "Das KI-Briefing zum Lead",
      tags: ["KI", "Briefing", "Budget"],
      bodyMd: `Das **KI-Briefing** fasst einen Lead vor dem Termin zusammen: Stand, letzte Aktivitäten, offene Punkte und Vorschläge für das Gespräch.

- Es nutzt nur, was Sie zum Lead sehen dürfen; E-Mail-Adressen, Telefonnummern und IBANs werden vor dem Versand entfernt.
- Jede Anfrage kostet aus dem Monatsbudget der Organisation; ist es aufgebraucht, sagt die App das, statt zu raten.
- Das Briefing ist ein Vorschlag. Prüfen Sie Zahlen und Zusagen, bevor Sie sie übernehmen.

Im **KI-Bereich** sehen Manager, Admins und Prüfer Budget, Kosten pro Tag und Anwendungsfall.`,
    },
    {
      slug: "ai-brief",
      title: "The AI brief on a lead",
      tags: ["AI", "brief", "budget"],
      bodyMd: `The **AI brief** sums up a lead before a meeting: where it stands, recent activities, open points and suggestions for the conversation.

- It uses only what you may see on the lead; e-mail addresses, phone numbers and IBANs are removed before anything is sent.
- Each request is paid from the organisation's monthly budget; when it is spent, the app says so instead of guessing.
- The brief is a suggestion. Check figures and promises before you use them.

In the **AI area** managers, admins and auditors see the budget and the cost per day and use case.`,
    },
  ),
  ...enduser(
    ["settings.tokens"],
    {
      slug: "zugriffstoken",
      title: "Zugriffstoken für die API",
      tags: ["Token", "API", "Zugriff"],
      bodyMd: `Mit einem **persönlichen Zugriffstoken** greifen Programme in Ihrem Namen auf \`/api/v1\` zu (\`Authorization: Bearer fpa_…\`).

1. Namen und Laufzeit wählen, anlegen.
2. Das Token wird **nur einmal** angezeigt – sofort sicher ablegen. Gespeichert wird nur ein Hash.
3. Nicht mehr gebraucht? Widerrufen. Ein Token ist keine Sitzung: „Überall abmelden“ widerruft keine Token.

Ein Token darf genau das, was Sie dürfen – nicht mehr.`,
    },
    {
      slug: "access-tokens",
      title: "Access tokens for the API",
      tags: ["token", "API", "access"],
      bodyMd: `A **personal access token** lets programs use \`/api/v1\` on your behalf (\`Authorization: Bearer fpa_…\`).

1. Choose a name and a lifetime, create it.
2. The token is shown **once** – store it safely at once. Only a hash is kept.
3. No longer needed? Revoke it. A token is not a session: "sign out everywhere" revokes no token.

A token may do exactly what you may do – nothing more.`,
    },
  ),
  ...enduser(
    ["settings"],
    {
      slug: "einstellungen",
      title: "Einstellungen: global, Organisation, persönlich",
      tags: ["Einstellungen"],
      bodyMd: `Jede Einstellung hat einen Standardwert für alle (global). Admins können ihn für die **Organisation** ändern, manche Einstellungen kann jedes Mitglied für sich **persönlich** setzen.

Die Seite zeigt bei jedem Wert, **woher er kommt**. Bei Budgets gilt der strengere Wert: Ein persönliches KI-Limit kann das der Organisation nur unterschreiten.`,
    },
    {
      slug: "settings",
      title: "Settings: global, organisation, personal",
      tags: ["settings"],
      bodyMd: `Every setting has a default for everyone (global). Admins may change it for the **organisation**, and some settings each member may set **personally**.

The page shows **where each value comes from**. For budgets the tighter value wins: a personal AI limit can only be lower than the organisation's.`,
    },
  ),
  ...enduser(
    ["leads.list"],
    {
      slug: "lead-liste",
      title: "Die Lead-Liste",
      tags: ["Leads", "Filter", "Export"],
      bodyMd: `Die Liste zeigt die Leads, die Sie sehen dürfen – als Partner Ihre geschützten und die, an denen Sie mitwirken.

- Filter, Sortierung und Seite stehen in der Adresse: Neu laden oder einen Link teilen zeigt dieselbe Liste.
- „CSV exportieren“ lädt genau diese Liste herunter (jeder Export wird protokolliert).
- Abgelaufene Leads verschwinden für ihren früheren Inhaber.`,
    },
    {
      slug: "lead-list",
      title: "The lead list",
      tags: ["leads", "filter", "export"],
      bodyMd: `The list shows the leads you may see – as a partner, your protected ones and those you collaborate on.

- Filters, order and page are in the address: reloading or sharing a link shows the same list.
- "Export CSV" downloads exactly this list (each export is audited).
- Expired leads disappear for their former owner.`,
    },
  ),
  ...salesops(
    ["manager.queue", "leads.extensions"],
    {
      slug: "verlaengerungen-entscheiden",
      title: "Playbook: Verlängerungsanträge entscheiden",
      tags: ["Verlängerung", "Manager", "Warteschlange"],
      bodyMd: `1. **Warteschlange öffnen** (Leads → Warteschlange): offene Anträge, älteste zuerst. Nach 48 Stunden eskaliert der Job einen Antrag.
2. **Lead prüfen:** letzte qualifizierende Aktivität, offene Unterbrechungen, Begründung. Ein Termin in den nächsten Wochen oder ein laufender Mustertest spricht für Genehmigung.
3. **Entscheiden:** genehmigen (die Tage werden zum Grundschutz addiert) oder ablehnen – mit einer Begründung, die der Partner versteht.
4. Im Zweifel kürzer genehmigen (z. B. 30 statt 90 Tage) und einen Folgetermin verlangen.

Sie entscheiden unter Ihrem Namen; die Entscheidung steht im Audit-Protokoll.`,
    },
    {
      slug: "deciding-extension-requests",
      title: "Playbook: deciding extension requests",
      tags: ["extension", "manager", "queue"],
      bodyMd: `1. **Open the queue** (Leads → Queue): open requests, oldest first. After 48 hours the job escalates a request.
2. **Check the lead:** last qualifying activity, open holds, the reason. A meeting in the next weeks or a running sample test speaks for approval.
3. **Decide:** approve (the days are added to the base term) or deny – with a reason the partner understands.
4. When in doubt, approve fewer days (30 rather than 90) and ask for a follow-up.

You decide under your name; the decision is in the audit trail.`,
    },
  ),
  ...salesops(
    ["leads.reassign"],
    {
      slug: "abgelaufene-leads-neu-zuweisen",
      title: "Playbook: abgelaufene Leads neu zuweisen",
      tags: ["Neuzuweisung", "abgelaufen"],
      bodyMd: `Ein abgelaufener Lead gehört niemandem mehr. So vergeben Sie ihn neu:

1. In der Warteschlange unter **Abgelaufen** die Leads der letzten Tage ansehen.
2. Prüfen, wer zuletzt Kontakt hatte und ob der Kunde noch Interesse zeigt.
3. **Neu zuweisen** an einen Partner aus der Region; die Schutzfrist beginnt mit diesem Moment neu.
4. Den früheren Inhaber informieren, wenn er kurz vor Ablauf noch aktiv war – das vermeidet Streit um die Provision.`,
    },
    {
      slug: "reassigning-expired-leads",
      title: "Playbook: reassigning expired leads",
      tags: ["reassign", "expired"],
      bodyMd: `An expired lead belongs to nobody. To give it to someone:

1. In the queue, look at **Expired** for the last days' leads.
2. Check who had the last contact and whether the customer is still interested.
3. **Reassign** it to a partner of the region; the protection starts again at that moment.
4. Tell the former owner when they were active just before it expired – it avoids disputes about commission.`,
    },
  ),
  ...salesops(
    ["ai.spend"],
    {
      slug: "ki-ausgaben-lesen",
      title: "Playbook: die KI-Ausgaben lesen",
      tags: ["KI", "Kosten", "Budget"],
      bodyMd: `Im **KI-Bereich**:

- **Budget:** verbraucht und reserviert im Monat gegen die Obergrenze der Organisation. Bei 80 % und 100 % bekommen Admins eine Nachricht; darüber hinaus lehnt die App Anfragen ab (402).
- **Kosten pro Tag:** Ausreißer mit dem Anwendungsfall vergleichen – ein teurer Tag mit vielen Eskalationen zum großen Modell heißt oft, dass die Eingaben unklar waren.
- **Cache-Treffer** kosten nichts.

Faustregel: Steigen die Kosten pro Anfrage, zuerst die Eskalationsquote ansehen, dann das Budget.`,
    },
    {
      slug: "reading-the-ai-spend",
      title: "Playbook: reading the AI spend",
      tags: ["AI", "cost", "budget"],
      bodyMd: `In the **AI area**:

- **Budget:** spent and reserved this month against the organisation's cap. At 80 % and 100 % admins are told; beyond it the app refuses calls (402).
- **Cost per day:** compare outliers with the use case – an expensive day with many escalations to the large model often means unclear inputs.
- **Cache hits** cost nothing.

Rule of thumb: when the cost per call rises, look at the escalation rate first, then the budget.`,
    },
  ),
];

/** The demo's search synonyms: term → also searched. */
export const DEMO_SYNONYMS: readonly [string, string][] = [
  ["Schutzfrist", "Lead-Schutz"],
  ["Pause", "Unterbrechung"],
  ["Kulanz", "Verlängerung"],
  ["API-Schlüssel", "Zugriffstoken"],
  ["API key", "access token"],
];

/** Searches partners made that found nothing, so the content-gap report has something to show. */
export const DEMO_GAP_QUERIES: readonly string[] = [
  "Provision auszahlen",
  "Provision auszahlen",
  "Provision auszahlen",
  "Rechnungskopie",
  "Urlaubsvertretung",
  "Urlaubsvertretung",
];
