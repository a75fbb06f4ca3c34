/**
 * email.triage items: mails as a partner's mailbox receives them. The ground truth follows the use
 * case's prompt: a partner's own copy is EMAIL_SENT; otherwise, when several kinds fit, the first of
 * SAMPLE_FEEDBACK, ROI_PRESENTATION, CUSTOMER_REACTION, SCHEDULED_FOLLOWUP, QUALIFIED_CALL, NOTE.
 */
import type { TEmailTriageInput } from "@/lib/ai/use-cases";

import { type Rng, int, pick } from "./random";
import type { Draft, TDifficulty } from "./types";
import {
  CITIES,
  CLOSINGS,
  DISHES,
  GREETINGS,
  MONTHS,
  PRODUCTS,
  PRODUCT_CATEGORIES,
  WEEKDAYS,
  fullName,
  germanDate,
  mailAddress,
  person,
  salutation,
} from "./vocabulary";

const PARTNER = { name: "Jonas Kaiser", address: "j.kaiser@partner.freshplan.de" };

const COMPANIES = [
  "Hotel Bergblick",
  "Gasthaus Zur Post",
  "Klinikum Nordstadt",
  "Seniorenresidenz Am Park",
  "Brauhaus Krone",
  "Ristorante Da Marco",
  "Betriebsrestaurant Stadtwerke",
  "Hoffmann Catering",
  "Bäckerei Schulze",
  "Mensa Campus Süd",
  "Landhotel Lindenhof",
  "Kita Sonnenblume",
];

interface Mail {
  from: string;
  subject: string;
  body: string;
  to?: string;
  note?: string;
}

function render(mail: Mail): string {
  return [
    mail.note ?? "",
    `Von: ${mail.from}`,
    `An: ${mail.to ?? `${PARTNER.name} <${PARTNER.address}>`}`,
    `Betreff: ${mail.subject}`,
    "",
    mail.body,
  ]
    .join("\n")
    .trim();
}

/** A mail from a customer (or prospect) with greeting and signature. */
function customerMail(rng: Rng, subject: string, paragraphs: string[]): string {
  const sender = person(rng);
  const company = pick(rng, COMPANIES);
  return render({
    from: `${fullName(sender)} <${mailAddress(sender, company)}>`,
    subject,
    body: [
      pick(rng, GREETINGS),
      "",
      ...paragraphs,
      "",
      pick(rng, CLOSINGS),
      fullName(sender),
      `${company}, ${pick(rng, CITIES)}`,
    ].join("\n"),
  });
}

const re = (subject: string) => `Re: ${subject}`;
const when = (rng: Rng) => `${pick(rng, WEEKDAYS)}, den ${germanDate(rng)}, um ${int(rng, 8, 16)} Uhr`;

type Template = (rng: Rng) => Draft<TEmailTriageInput>;
const item = (text: string, expected: string) => ({ input: { text }, expected });

const NEW_LEAD: Template[] = [
  (rng) =>
    item(
      customerMail(rng, "Anfrage Belieferung", [
        `wir eröffnen im ${pick(rng, MONTHS)} ein ${pick(rng, ["Restaurant", "Bistro", "Hotel mit 40 Zimmern", "Café mit Mittagstisch"])} in ${pick(rng, CITIES)} und suchen einen Lieferanten für ${pick(rng, PRODUCT_CATEGORIES)} und ${pick(rng, PRODUCT_CATEGORIES)}.`,
        "Können Sie uns eine Preisliste und Ihre Lieferbedingungen schicken?",
      ]),
      "new_lead",
    ),
  (rng) =>
    item(
      customerMail(
        rng,
        pick(rng, ["Angebot gewünscht", "Interesse an Ihrem Sortiment", "Lieferantenwechsel"]),
        [
          `über ${pick(rng, ["eine Empfehlung eines Kollegen", "Ihre Website", "die Internorga"])} sind wir auf FreshFoodz aufmerksam geworden.`,
          `Wir kochen täglich etwa ${int(rng, 80, 900)} Essen und sind mit unserem jetzigen Lieferanten unzufrieden. Hätten Sie Zeit für ein erstes Gespräch?`,
        ],
      ),
      "new_lead",
    ),
  (rng) =>
    item(
      customerMail(rng, "Musterbox?", [
        `wir sind eine ${pick(rng, ["Kantine", "Pflegeeinrichtung", "Großbäckerei", "Cateringfirma"])} und würden Ihre Produkte gern testen.`,
        `Gibt es eine Musterbox mit ${pick(rng, PRODUCT_CATEGORIES)}? Wir hatten bisher keinen Kontakt zu Ihnen.`,
      ]),
      "new_lead",
    ),
];

const IGNORE: Template[] = [
  (rng) =>
    item(
      render({
        from: `Gastro-Trends <newsletter@gastro-trends.de>`,
        subject: `Newsletter ${pick(rng, MONTHS)}: ${pick(rng, ["Die 5 Food-Trends des Jahres", "So senken Sie Ihre Energiekosten", "Neue Regeln zur Allergenkennzeichnung"])}`,
        body: "Liebe Leserinnen und Leser,\n\nin dieser Ausgabe: Trends, Tipps und Termine.\n\nSie erhalten diese E-Mail, weil Sie unseren Newsletter abonniert haben. Abmelden",
      }),
      "ignore",
    ),
  (rng) => {
    const sender = person(rng);
    return item(
      render({
        from: `${fullName(sender)} <${mailAddress(sender, "Kunde GmbH")}>`,
        subject: "Automatische Antwort: Ihre Nachricht",
        body: `Vielen Dank für Ihre Nachricht. Ich bin bis zum ${germanDate(rng)} nicht im Büro und habe keinen Zugriff auf meine E-Mails.`,
      }),
      "ignore",
    );
  },
  (rng) =>
    item(
      render({
        from: pick(rng, [
          "Telekom Rechnung <rechnung@telekom.de>",
          "Versicherung Online <service@versicherung.de>",
        ]),
        subject: `Ihre Rechnung für ${pick(rng, MONTHS)} 2026`,
        body: `Guten Tag,\n\nIhre Rechnung über ${int(rng, 20, 180)},${int(rng, 10, 99)} EUR steht im Kundenportal bereit.`,
      }),
      "ignore",
    ),
  (rng) =>
    item(
      render({
        from: "Top Rank SEO <info@top-rank-seo.biz>",
        subject: pick(rng, [
          "Platz 1 bei Google – garantiert!",
          "Ihr Gewinn wartet",
          "Letzte Chance: 80 % Rabatt",
        ]),
        body: "Sehr geehrter Geschäftsinhaber,\n\nwir bringen Ihre Website in 30 Tagen auf Platz 1. Antworten Sie einfach auf diese Mail.",
      }),
      "ignore",
    ),
];

const ACTIVITY: Record<string, Template[]> = {
  SAMPLE_FEEDBACK: [
    (rng) =>
      item(
        customerMail(rng, re("Ihre Musterbox"), [
          `die Musterbox ist angekommen, danke! ${capital(pick(rng, PRODUCTS))} hat unserem Küchenchef sehr gut gefallen, ${pick(rng, PRODUCTS)} war uns etwas zu ${pick(rng, ["salzig", "teuer", "klein portioniert", "weich"])}.`,
        ]),
        "activity+SAMPLE_FEEDBACK",
      ),
  ],
  ROI_PRESENTATION: [
    (rng) =>
      item(
        customerMail(rng, re("ROI-Präsentation"), [
          `danke für die Präsentation der Wirtschaftlichkeitsrechnung. Unsere Geschäftsführung fragt noch, wie Sie auf die ${int(rng, 5, 18)} % weniger Verderb bei ${pick(rng, PRODUCT_CATEGORIES)} kommen.`,
        ]),
        "activity+ROI_PRESENTATION",
      ),
  ],
  CUSTOMER_REACTION: [
    (rng) =>
      item(
        customerMail(rng, re(`Ihr Angebot vom ${germanDate(rng)}`), [
          pick(rng, [
            `wir haben Ihr Angebot geprüft. Die Preise für ${pick(rng, PRODUCT_CATEGORIES)} liegen leider über denen unseres jetzigen Lieferanten.`,
            "wir nehmen Ihr Angebot an und möchten zum nächsten Ersten starten.",
            `danke für das Angebot. Bei ${int(rng, 3, 8)} % Nachlass auf das Trockensortiment wären wir dabei.`,
          ]),
        ]),
        "activity+CUSTOMER_REACTION",
      ),
  ],
  SCHEDULED_FOLLOWUP: [
    (rng) =>
      item(
        customerMail(rng, re("Termin"), [
          `passt Ihnen ${when(rng)} für ein Gespräch bei uns in der Küche? Dann können wir die nächsten Schritte besprechen.`,
        ]),
        "activity+SCHEDULED_FOLLOWUP",
      ),
  ],
  QUALIFIED_CALL: [
    (rng) => {
      const contact = person(rng);
      const company = pick(rng, COMPANIES);
      return item(
        render({
          from: `${PARTNER.name} <${PARTNER.address}>`,
          to: `FreshPlan <leads@freshplan.de>`,
          subject: `Gesprächsnotiz Telefonat ${company}`,
          body: `Telefonat mit ${fullName(contact)}, ${pick(rng, ["Küchenleitung", "Einkauf", "Geschäftsführung"])}.\nBedarf: ca. ${int(rng, 80, 900)} Essen/Tag, vor allem ${pick(rng, PRODUCT_CATEGORIES)}.\nEntscheider: ${pick(rng, ["Geschäftsführer", "Küchenchef", "Einkaufsleiterin"])}. Wechsel frühestens ${pick(rng, MONTHS)}.`,
        }),
        "activity+QUALIFIED_CALL",
      );
    },
  ],
  EMAIL_SENT: [
    (rng) => {
      const contact = person(rng);
      const company = pick(rng, COMPANIES);
      return item(
        render({
          note: "Diese Nachricht wurde als Kopie (BCC) an Ihr FreshPlan-Postfach gesendet.",
          from: `${PARTNER.name} <${PARTNER.address}>`,
          to: `${fullName(contact)} <${mailAddress(contact, company)}>`,
          subject: pick(rng, [
            "Unterlagen wie besprochen",
            "Preisliste FreshFoodz",
            "Ihre Fragen von gestern",
          ]),
          body: `Guten Tag ${salutation(contact)},\n\nanbei wie besprochen ${pick(rng, ["unsere aktuelle Preisliste", "das Datenblatt zu den TK-Produkten", "die Allergenliste"])}.\n\nViele Grüße\n${PARTNER.name}`,
        }),
        "activity+EMAIL_SENT",
      );
    },
  ],
  NOTE: [
    (rng) => {
      const successor = person(rng);
      return item(
        customerMail(rng, re("Ansprechpartner"), [
          pick(rng, [
            `kurze Info: ab dem 1. ${pick(rng, MONTHS)} ist ${fullName(successor)} bei uns für den Einkauf zuständig. Bitte schicken Sie Unterlagen künftig an sie bzw. ihn.`,
            `unsere Lieferadresse ändert sich ab ${pick(rng, MONTHS)}: Anlieferung bitte über den Hof in der ${pick(rng, ["Lindenstraße", "Bahnhofstraße", "Am Markt"])} ${int(rng, 1, 90)}.`,
          ]),
        ]),
        "activity+NOTE",
      );
    },
  ],
};

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function emailItem(rng: Rng, difficulty: TDifficulty): Draft<TEmailTriageInput> {
  if (difficulty === "hard") return pick(rng, HARD)(rng);
  const roll = rng();
  if (roll < 0.25) return pick(rng, NEW_LEAD)(rng);
  if (roll < 0.5) return pick(rng, IGNORE)(rng);
  return pick(rng, pick(rng, Object.values(ACTIVITY)))(rng);
}

/** Ambiguous on purpose: two kinds in one mail, or a mail that looks like what it is not. */
const HARD: Template[] = [
  // Sample feedback that also proposes a date: SAMPLE_FEEDBACK comes first.
  (rng) =>
    item(
      customerMail(rng, re("Musterbox und Termin"), [
        `${capital(pick(rng, PRODUCTS))} aus der Musterbox kam gut an, ${pick(rng, DISHES)} damit war schnell ausverkauft.`,
        `Wollen wir uns ${when(rng)} zusammensetzen und über die Preise sprechen?`,
      ]),
      "activity+SAMPLE_FEEDBACK",
    ),
  // Pushback on price, argued with the ROI calculation: ROI_PRESENTATION comes first.
  (rng) =>
    item(
      customerMail(rng, re("Ihr Angebot"), [
        `Ihre Rechnung zur Ersparnis beim Personal (${int(rng, 4, 12)} Stunden pro Woche weniger Schnippeln) überzeugt uns noch nicht, der Preis für ${pick(rng, PRODUCT_CATEGORIES)} ist zu hoch.`,
      ]),
      "activity+ROI_PRESENTATION",
    ),
  // Acceptance with a start date: CUSTOMER_REACTION comes before SCHEDULED_FOLLOWUP.
  (rng) =>
    item(
      customerMail(rng, re("Angebot"), [
        `wir sind grundsätzlich einverstanden mit Ihrem Angebot. Lassen Sie uns ${when(rng)} die Details klären.`,
      ]),
      "activity+CUSTOMER_REACTION",
    ),
  // The partner's own copy that proposes a date: still EMAIL_SENT.
  (rng) => {
    const contact = person(rng);
    return item(
      render({
        note: "Kopie (BCC) an FreshPlan",
        from: `${PARTNER.name} <${PARTNER.address}>`,
        to: `${fullName(contact)} <${mailAddress(contact, pick(rng, COMPANIES))}>`,
        subject: "Termin Verkostung",
        body: `Hallo ${salutation(contact)},\n\nwie am Telefon besprochen: Wie wäre es mit ${when(rng)} für die Verkostung?\n\nGruß\n${PARTNER.name}`,
      }),
      "activity+EMAIL_SENT",
    );
  },
  // A vendor's pitch to the partner looks like an enquiry: ignore.
  (rng) =>
    item(
      customerMail(rng, pick(rng, ["Zusammenarbeit?", "Anfrage Kooperation"]), [
        `wir sind Hersteller von ${pick(rng, ["kompostierbaren Einwegverpackungen", "Küchenreinigern", "Kassensystemen für die Gastronomie"])} und würden Ihnen gern unser Sortiment vorstellen.`,
        "Haben Sie nächste Woche 15 Minuten für einen Call?",
      ]),
      "ignore",
    ),
  // An out-of-office that names a substitute is still an auto-reply: ignore.
  (rng) => {
    const substitute = person(rng);
    return item(
      render({
        from: `Küche ${pick(rng, COMPANIES)} <kueche@kunde.de>`,
        subject: re("Ihre Musterbox"),
        body: `Ich bin bis ${germanDate(rng)} im Urlaub. In dringenden Fällen wenden Sie sich bitte an ${fullName(substitute)}, Tel. 0${int(rng, 30, 89)} ${int(rng, 100000, 999999)}.`,
      }),
      "ignore",
    );
  },
  // A brief chat at a fair is no running contact yet: new_lead.
  (rng) =>
    item(
      customerMail(rng, re("Internorga"), [
        "wir hatten uns auf der Internorga kurz an Ihrem Stand unterhalten.",
        `Jetzt würden wir gern ein Angebot für ${pick(rng, PRODUCT_CATEGORIES)} bekommen, wir haben etwa ${int(rng, 60, 400)} Gäste am Tag.`,
      ]),
      "new_lead",
    ),
  // A running lead asks a side question without reacting to the offer: NOTE.
  (rng) =>
    item(
      customerMail(rng, re("Unser Gespräch"), [
        `noch eine Info zu unserem Gespräch: wir haben ab ${pick(rng, MONTHS)} montags Ruhetag, falls das für die Lieferplanung wichtig ist.`,
      ]),
      "activity+NOTE",
    ),
];
