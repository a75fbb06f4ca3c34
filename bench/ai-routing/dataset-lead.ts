/**
 * lead.classify items. The ground truth follows the rules in the use case's prompt: the category by
 * meals per day (A > 400, B 80–400, C < 80 or no fitting need; sites add up), the priority by when
 * the need arises (high within 8 weeks, medium in 2–6 months or no date, low later or never).
 */
import type { TLeadClassifyInput } from "@/lib/ai/use-cases";

import { type Rng, chance, int, pick, sample } from "./random";
import type { Draft, TDifficulty } from "./types";
import { CITIES, LAST_NAMES, PRODUCT_CATEGORIES } from "./vocabulary";

type TCategory = "A" | "B" | "C";
type TPriority = "high" | "medium" | "low";

interface Company {
  name: string;
  industry: string;
}

const COMPANIES: Record<TCategory, ((rng: Rng, city: string) => Company)[]> = {
  A: [
    (_rng, city) => ({ name: `Klinikum ${city}`, industry: "Krankenhaus" }),
    (rng) => ({
      name: `Betriebsrestaurant ${pick(rng, ["Stadtwerke", "Keller Maschinenbau AG", "Versicherungskammer", "Logistikpark Süd", "Chemiewerk Rheinau"])}`,
      industry: "Gemeinschaftsverpflegung",
    }),
    (rng) => ({ name: `${pick(rng, LAST_NAMES)} Catering GmbH`, industry: "Catering" }),
    (_rng, city) => ({ name: `Studierendenwerk ${city}`, industry: "Gemeinschaftsverpflegung" }),
    (rng) => ({
      name: `${pick(rng, ["Seehof", "Lindner", "Berghof", "Alpenblick"])} Hotels & Resorts`,
      industry: "Hotellerie",
    }),
  ],
  B: [
    (rng) => ({
      name: `${pick(rng, ["Gasthaus", "Brauhaus", "Restaurant", "Wirtshaus", "Ristorante"])} ${pick(rng, ["Zum Löwen", "Krone", "Da Marco", "Am Markt", "Lindenhof", "Alte Mühle", "Zur Post"])}`,
      industry: "Gastronomie",
    }),
    (rng) => ({
      name: `Hotel ${pick(rng, ["Bergblick", "Am Dom", "Stadtgarten", "Kaiserhof", "Residenz"])}`,
      industry: "Hotellerie",
    }),
    (rng) => ({
      name: `Seniorenresidenz ${pick(rng, ["Am Park", "St. Elisabeth", "Abendsonne", "Rosengarten"])}`,
      industry: "Pflege",
    }),
    (rng) => ({ name: `Bäckerei ${pick(rng, LAST_NAMES)} mit Café`, industry: "Bäckerei" }),
    (rng) => ({
      name: `${pick(rng, ["Geschwister-Scholl", "Goethe", "Humboldt"])}-Ganztagsschule`,
      industry: "Schulverpflegung",
    }),
  ],
  C: [
    (rng) => ({
      name: `Café ${pick(rng, ["Sonnenschein", "Herzstück", "Milchbar", "Kaffeeklatsch"])}`,
      industry: "Café",
    }),
    (rng) => ({
      name: `Imbiss ${pick(rng, ["Ecke", "am Bahnhof", "Yilmaz", "Mama Rosa"])}`,
      industry: "Imbiss",
    }),
    (rng) => ({ name: `Kiosk ${pick(rng, ["am Park", "Nordstadt", "Ufer"])}`, industry: "Einzelhandel" }),
    (rng) => ({ name: `Autohaus ${pick(rng, LAST_NAMES)}`, industry: "Kfz-Handel" }),
    (rng) => ({ name: `Eiscafé ${pick(rng, ["Venezia", "Dolomiti", "Cortina"])}`, industry: "Café" }),
  ],
};

const MEALS: Record<TCategory, [number, number]> = { A: [450, 2400], B: [90, 380], C: [10, 70] };

const mealsSentence = (rng: Rng, meals: number) =>
  pick(rng, [
    `Ca. ${meals} Essen pro Tag.`,
    `Kocht täglich rund ${meals} Mahlzeiten.`,
    `${meals} Portionen am Tag.`,
    `Etwa ${meals} Gäste täglich.`,
  ]);

const PRIORITY_CUES: Record<TPriority, string[]> = {
  high: [
    "Eröffnung in drei Wochen, braucht bis dahin einen Lieferanten.",
    "Der bisherige Lieferant hat zum Monatsende gekündigt.",
    "Ausschreibung läuft, Angebotsabgabe in drei Wochen.",
    "Möchte nächste Woche eine Musterbox und einen Termin in der Küche.",
    "Küchenchef will ab nächstem Monat umstellen.",
  ],
  medium: [
    "Interesse an einem Angebot, aber kein fester Zeitplan.",
    "Will sich im Laufe des Jahres nach Alternativen umsehen.",
    "Vertrag mit dem aktuellen Lieferanten läuft in vier Monaten aus.",
    "Neueröffnung geplant, voraussichtlich in drei bis vier Monaten.",
    "Bittet um eine Preisliste, entscheidet nach der Saison.",
  ],
  low: [
    "Ist mit dem aktuellen Lieferanten zufrieden, Vertrag bis Ende 2027.",
    "Wollte nur Infomaterial, derzeit kein Bedarf.",
    "Kontakt von der Messe, kein konkreter Bedarf.",
    "Hat gerade für zwei Jahre bei einem Wettbewerber unterschrieben.",
  ],
};

const interest = (rng: Rng) =>
  chance(rng, 0.6) ? ` Interessiert an: ${sample(rng, PRODUCT_CATEGORIES, int(rng, 1, 3)).join(", ")}.` : "";

const CATEGORIES: TCategory[] = ["A", "B", "C"];
const PRIORITIES: TPriority[] = ["high", "medium", "low"];

export function leadItem(rng: Rng, difficulty: TDifficulty): Draft<TLeadClassifyInput> {
  return difficulty === "easy" ? easy(rng) : pick(rng, HARD)(rng);
}

function easy(rng: Rng): Draft<TLeadClassifyInput> {
  const category = pick(rng, CATEGORIES);
  const priority = pick(rng, PRIORITIES);
  const city = pick(rng, CITIES);
  const company = pick(rng, COMPANIES[category])(rng, city);
  const meals = int(rng, ...MEALS[category]);
  const notes = `${mealsSentence(rng, meals)} ${pick(rng, PRIORITY_CUES[priority])}${interest(rng)}`;
  return {
    input: { companyName: company.name, city, industry: company.industry, notes },
    expected: `${category}+${priority}`,
  };
}

/** Ambiguous on purpose: the rules decide, but only after a second look. */
const HARD: ((rng: Rng) => Draft<TLeadClassifyInput>)[] = [
  // Several sites: each looks one size smaller than their sum.
  (rng) => {
    const city = pick(rng, CITIES);
    const toA = chance(rng, 0.5);
    const sites = toA ? int(rng, 3, 5) : 2;
    const perSite = toA ? int(rng, Math.ceil(410 / sites), 190) : int(rng, 42, 70);
    const category: TCategory = toA ? "A" : "B";
    const priority = pick(rng, PRIORITIES);
    const company = pick(rng, COMPANIES[toA ? "B" : "C"])(rng, city);
    return {
      input: {
        companyName: `${company.name} (${sites} Standorte)`,
        city,
        industry: company.industry,
        notes: `${sites} Standorte mit je etwa ${perSite} Essen am Tag. ${pick(rng, PRIORITY_CUES[priority])}`,
      },
      expected: `${category}+${priority}`,
    };
  },
  // The timeline is only given as the end of a contract, near a threshold.
  (rng) => {
    const category = pick(rng, CATEGORIES);
    const city = pick(rng, CITIES);
    const company = pick(rng, COMPANIES[category])(rng, city);
    const [when, priority] = pick<[string, TPriority]>(rng, [
      ["in sieben Wochen", "high"],
      ["Ende nächsten Monats", "high"],
      ["in zehn Wochen", "medium"],
      ["in fünf Monaten", "medium"],
      ["in sieben Monaten", "low"],
      ["erst im Herbst nächsten Jahres", "low"],
    ]);
    return {
      input: {
        companyName: company.name,
        city,
        industry: company.industry,
        notes: `${mealsSentence(rng, int(rng, ...MEALS[category]))} Sehr interessiert, der Vertrag mit dem jetzigen Lieferanten endet ${when}.`,
      },
      expected: `${category}+${priority}`,
    };
  },
  // Big numbers that are not meals.
  (rng) => {
    const city = pick(rng, CITIES);
    const staff = int(rng, 150, 600);
    const eating = int(rng, 25, 70);
    const priority = pick(rng, PRIORITIES);
    return {
      input: {
        companyName: `${pick(rng, ["Keller", "Brandt", "Wolf", "Lehmann"])} ${pick(rng, ["Logistik GmbH", "Metallbau AG", "Druckerei KG", "Systemtechnik GmbH"])}`,
        city,
        industry: "Gemeinschaftsverpflegung",
        notes: `${staff} Mitarbeitende und ${int(rng, 2, 40)} Mio. EUR Umsatz, in der kleinen Kantine essen aber nur etwa ${eating} täglich. ${pick(rng, PRIORITY_CUES[priority])}`,
      },
      expected: `C+${priority}`,
    };
  },
  // No industry and no numbers: the size is only in the name.
  (rng) => {
    const category = pick(rng, CATEGORIES);
    const priority = pick(rng, PRIORITIES);
    const city = pick(rng, CITIES);
    const company = pick(rng, COMPANIES[category])(rng, city);
    return {
      input: { companyName: company.name, city, notes: pick(rng, PRIORITY_CUES[priority]) },
      expected: `${category}+${priority}`,
    };
  },
  // Enthusiasm now, need much later.
  (rng) => {
    const category = pick(rng, CATEGORIES);
    const city = pick(rng, CITIES);
    const company = pick(rng, COMPANIES[category])(rng, city);
    return {
      input: {
        companyName: company.name,
        city,
        industry: company.industry,
        notes: `${mealsSentence(rng, int(rng, ...MEALS[category]))} Von der Musterbox begeistert, will aber erst nach Vertragsende in etwa neun Monaten wechseln.`,
      },
      expected: `${category}+low`,
    };
  },
];
