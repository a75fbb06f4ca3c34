/**
 * help.answer items: a question with the articles a search found for it. The ground truth is the
 * article that answers the question when it is among them, otherwise "null" (no article).
 */
import { NO_ARTICLE, type THelpAnswerInput } from "@/lib/ai/use-cases";

import { HELP_ARTICLES, type THelpArticleId } from "./help-articles";
import { type Rng, chance, int, pick, sample, shuffle } from "./random";
import type { Draft, TDifficulty } from "./types";

/** Questions each article answers: plain ones that share its words, and paraphrases that do not. */
const QUESTIONS: Record<THelpArticleId, { plain: string[]; paraphrased: string[] }> = {
  "lead-anlegen": {
    plain: [
      "Wie lege ich einen neuen Lead an?",
      "Welche Felder sind beim Anlegen eines Leads Pflicht?",
      "Wo kann ich einen Lead erfassen?",
    ],
    paraphrased: [
      "Ich war gerade bei einem neuen Hotel, wie bekomme ich das ins System?",
      "FreshPlan sagt, es gibt schon so einen Betrieb – was nun?",
    ],
  },
  "leadschutz-fristen": {
    plain: [
      "Wie lange ist ein Lead geschützt?",
      "Wann läuft mein Leadschutz ab?",
      "Was passiert, wenn ich 60 Tage keine Aktivität erfasse?",
    ],
    paraphrased: [
      "Mein Kunde war plötzlich nicht mehr in meiner Liste, warum?",
      "Zählt die Wartezeit auf die Preisfreigabe gegen mich?",
    ],
  },
  "leadschutz-verlaengern": {
    plain: [
      "Wie beantrage ich eine Verlängerung des Leadschutzes?",
      "Kann ich die Schutzfrist verlängern lassen?",
    ],
    paraphrased: [
      "Der Kunde entscheidet erst nach der Saison, kann ich ihn so lange behalten?",
      "Wer genehmigt mehr Zeit für meinen Lead?",
    ],
  },
  "aktivitaet-erfassen": {
    plain: [
      "Wie erfasse ich eine Aktivität?",
      "Welche Aktivitätsarten gibt es?",
      "Kann ich eine Aktivität rückwirkend erfassen?",
    ],
    paraphrased: [
      "Ich habe gestern mit dem Küchenchef telefoniert, wo trage ich das ein?",
      "Warum zählt meine Notiz nicht als Fortschritt?",
    ],
  },
  "musterbox-anfordern": {
    plain: [
      "Wie fordere ich eine Musterbox an?",
      "Wie viele Artikel passen in eine Musterbox?",
      "Wie lange dauert der Versand der Musterbox?",
    ],
    paraphrased: [
      "Der Koch will unsere Ware erst probieren, wie komme ich an Proben?",
      "Kann ich dem Kunden ein paar Produkte zum Testen schicken?",
    ],
  },
  "roi-praesentation": {
    plain: ["Wie erstelle ich eine ROI-Präsentation?", "Wo finde ich den ROI-Rechner?"],
    paraphrased: [
      "Der Geschäftsführer will schwarz auf weiß sehen, was er spart – wie mache ich das?",
      "Kann FreshPlan die Einsparung beim Verderb ausrechnen?",
    ],
  },
  "feedback-link": {
    plain: ["Wie hole ich Feedback von meinem Kunden ein?", "Wie lange gilt ein Feedback-Link?"],
    paraphrased: [
      "Kann der Kunde die Lieferung bewerten, ohne sich anzumelden?",
      "Gibt es einen QR-Code für den Lieferschein, damit der Kunde uns Sterne gibt?",
    ],
  },
  "passwort-zuruecksetzen": {
    plain: ["Ich habe mein Passwort vergessen.", "Wie setze ich mein Passwort zurück?"],
    paraphrased: [
      "Ich komme nicht mehr rein, nach ein paar Versuchen ist alles gesperrt.",
      "Der Link aus der Mail geht nicht mehr, was tun?",
    ],
  },
  "kollegen-beteiligen": {
    plain: [
      "Wie beteilige ich einen Kollegen an einem Lead?",
      "Wie teile ich die Provision mit einem Kollegen?",
    ],
    paraphrased: [
      "Mein Kollege kennt den Einkäufer, kann er mir helfen und mitverdienen?",
      "Darf jemand anderes bei meinem Kunden Aktivitäten eintragen?",
    ],
  },
  "leads-exportieren": {
    plain: ["Wie exportiere ich meine Leads?", "Kann ich die Lead-Liste als CSV herunterladen?"],
    paraphrased: [
      "Ich brauche meine Kunden in Excel für die Tourenplanung.",
      "Wie bekomme ich die Liste aus dem System raus?",
    ],
  },
};

/** Questions no article answers, with the articles a search would wrongly find for them. */
const UNANSWERED: { question: string; near: THelpArticleId[] }[] = [
  { question: "Wie lösche ich einen Lead?", near: ["lead-anlegen", "leads-exportieren"] },
  { question: "Wann wird meine Provision ausgezahlt?", near: ["kollegen-beteiligen", "roi-praesentation"] },
  {
    question: "Kann ich einen Lead an einen Kollegen ganz abgeben?",
    near: ["kollegen-beteiligen", "leadschutz-fristen"],
  },
  { question: "Wie ändere ich die Rechnungsadresse eines Kunden?", near: ["feedback-link", "lead-anlegen"] },
  { question: "Was kostet eine Musterbox den Kunden?", near: ["musterbox-anfordern", "roi-praesentation"] },
  {
    question: "Kann ich Leads aus einer Excel-Datei importieren?",
    near: ["leads-exportieren", "lead-anlegen"],
  },
  { question: "Wie schalte ich die Zwei-Faktor-Anmeldung ein?", near: ["passwort-zuruecksetzen"] },
  {
    question: "Kann ich eine erfasste Aktivität wieder löschen?",
    near: ["aktivitaet-erfassen", "leadschutz-fristen"],
  },
];
const OFF_TOPIC = [
  "Wie ist das Wetter morgen in Hamburg?",
  "Wo bestelle ich neue Visitenkarten?",
  "Welche Lieferzeiten hat TK-Ware in Bayern?",
  "Wie melde ich eine Krankmeldung?",
  "Gibt es ein Firmenfahrrad-Leasing?",
];

/** Articles that are easy to confuse with each other. */
const SIBLINGS: Record<THelpArticleId, THelpArticleId> = {
  "lead-anlegen": "leads-exportieren",
  "leadschutz-fristen": "leadschutz-verlaengern",
  "leadschutz-verlaengern": "leadschutz-fristen",
  "aktivitaet-erfassen": "leadschutz-fristen",
  "musterbox-anfordern": "aktivitaet-erfassen",
  "roi-praesentation": "aktivitaet-erfassen",
  "feedback-link": "musterbox-anfordern",
  "passwort-zuruecksetzen": "kollegen-beteiligen",
  "kollegen-beteiligen": "leadschutz-verlaengern",
  "leads-exportieren": "lead-anlegen",
};

const IDS = HELP_ARTICLES.map((a) => a.id);
const PREFIXES = ["", "", "Kurze Frage: ", "Hallo! ", "Ich bin gerade beim Kunden – ", "Hilfe: "];
const SUFFIXES = ["", "", " Danke!", " Vielen Dank im Voraus.", " Geht das auch am Handy?"];

function ask(rng: Rng, question: string): string {
  return `${pick(rng, PREFIXES)}${question}${pick(rng, SUFFIXES)}`;
}

/** The candidate articles: `include` plus unrelated ones (never `exclude`), `count` in all, shuffled. */
function candidates(rng: Rng, include: THelpArticleId[], exclude: THelpArticleId[], count: number) {
  const others = IDS.filter((id) => !include.includes(id) && !exclude.includes(id));
  const ids = shuffle(rng, [...include, ...sample(rng, others, count - include.length)]);
  return ids.map((id) => {
    const { title, body } = HELP_ARTICLES.find((a) => a.id === id)!;
    return { id, title, body };
  });
}

export function helpItem(rng: Rng, difficulty: TDifficulty): Draft<THelpAnswerInput> {
  const count = int(rng, 3, 4);
  const target = pick(rng, IDS);
  const sibling = SIBLINGS[target];

  if (difficulty === "easy") {
    if (chance(rng, 0.85)) {
      return {
        input: {
          question: ask(rng, pick(rng, QUESTIONS[target].plain)),
          articles: candidates(rng, [target], [sibling], count),
        },
        expected: target,
      };
    }
    return {
      input: { question: ask(rng, pick(rng, OFF_TOPIC)), articles: candidates(rng, [], [], count) },
      expected: NO_ARTICLE,
    };
  }

  const roll = rng();
  if (roll < 0.5) {
    // A paraphrase, next to the article it is easiest to confuse with.
    return {
      input: {
        question: ask(rng, pick(rng, QUESTIONS[target].paraphrased)),
        articles: candidates(rng, [target, sibling], [], count),
      },
      expected: target,
    };
  }
  if (roll < 0.8) {
    // Close to an article, but not answered by it.
    const { question, near } = pick(rng, UNANSWERED);
    return {
      input: { question: ask(rng, question), articles: candidates(rng, near, [], count) },
      expected: NO_ARTICLE,
    };
  }
  // The search missed the right article and found its sibling.
  return {
    input: {
      question: ask(rng, pick(rng, QUESTIONS[target].plain)),
      articles: candidates(rng, [sibling], [target], count),
    },
    expected: NO_ARTICLE,
  };
}
