/** Words the AI-routing dataset is built from: German B2B food-service, FreshFoodz's world. */
import { type Rng, int, pick } from "./random";

export const CITIES = [
  "Berlin",
  "Hamburg",
  "München",
  "Köln",
  "Frankfurt am Main",
  "Stuttgart",
  "Düsseldorf",
  "Leipzig",
  "Dortmund",
  "Essen",
  "Bremen",
  "Dresden",
  "Hannover",
  "Nürnberg",
  "Duisburg",
  "Bochum",
  "Wuppertal",
  "Bielefeld",
  "Bonn",
  "Münster",
  "Mannheim",
  "Karlsruhe",
  "Augsburg",
  "Wiesbaden",
  "Freiburg im Breisgau",
  "Kassel",
  "Rostock",
  "Erfurt",
  "Mainz",
  "Lübeck",
  "Regensburg",
  "Würzburg",
  "Heidelberg",
  "Bamberg",
  "Konstanz",
  "Potsdam",
  "Oldenburg",
  "Osnabrück",
  "Trier",
  "Passau",
];

export const FIRST_NAMES: readonly (readonly [name: string, form: "f" | "m"])[] = [
  ["Sabine", "f"],
  ["Thomas", "m"],
  ["Ayşe", "f"],
  ["Michael", "m"],
  ["Julia", "f"],
  ["Stefan", "m"],
  ["Katrin", "f"],
  ["Marco", "m"],
  ["Anna", "f"],
  ["Jens", "m"],
  ["Mehmet", "m"],
  ["Claudia", "f"],
  ["Lukas", "m"],
  ["Petra", "f"],
  ["Tobias", "m"],
  ["Linh", "f"],
  ["Andrea", "f"],
  ["Giuseppe", "m"],
  ["Nicole", "f"],
  ["Frank", "m"],
];
export const LAST_NAMES = [
  "Schneider",
  "Wagner",
  "Demir",
  "Becker",
  "Hoffmann",
  "Krüger",
  "Yilmaz",
  "Schulze",
  "Nguyen",
  "Weber",
  "Fischer",
  "Bergmann",
  "Rossi",
  "Keller",
  "Lehmann",
  "Wolf",
  "Kowalski",
  "Brandt",
];

export const PRODUCT_CATEGORIES = [
  "Frischgemüse",
  "Obst",
  "Molkerei",
  "Käse",
  "TK-Ware",
  "Fleisch und Wurst",
  "Fisch",
  "Trockensortiment",
  "Backwaren",
  "Eier",
  "Convenience",
  "Gewürze",
  "Getränke",
];

export const PRODUCTS = [
  "die vorgeschnittenen Paprikastreifen",
  "der Bio-Joghurt",
  "die TK-Rahmspinat-Portionen",
  "die Kartoffelgratin-Convenience",
  "der geriebene Bergkäse",
  "die Hähnchenbrust sous-vide",
  "die Spätzle",
  "das Dinkelmehl",
  "die Rote-Bete-Würfel",
  "die Linsen",
  "die Kräuterbutter",
  "der Lachs (TK)",
  "die Bio-Eier",
  "das Ofengemüse",
];

export const DISHES = [
  "Schnitzel mit Bratkartoffeln",
  "Käsespätzle",
  "Rinderroulade",
  "Flammkuchen",
  "Gemüselasagne",
  "Linsensuppe",
  "Kaiserschmarrn",
  "Currywurst",
  "Spargel mit Sauce hollandaise",
  "Ofenkartoffel mit Quark",
  "Gulasch",
  "Salatbowl",
];

export const DELIVERY_PROBLEMS = [
  "kam über zwei Stunden zu spät",
  "war unvollständig, die Sahne fehlte",
  "kam mit aufgetauter TK-Ware an",
  "hatte die falsche Menge Kartoffeln dabei",
  "kam in beschädigten Kartons",
  "wurde vor die Tür gestellt, obwohl niemand da war",
  "hatte Salat dabei, der schon welk war",
  "kam ohne Lieferschein",
];

export const PRAISE = [
  "die Lieferung kam pünktlich und vollständig",
  "das Gemüse war wirklich top frisch",
  "der Fahrer war freundlich und hat alles in die Kühlung geräumt",
  "die Beratung durch Ihren Außendienst war hervorragend",
  "die Musterbox hat unser Küchenteam überzeugt",
  "die Qualität der Molkereiprodukte ist konstant gut",
  "die Bestellung per App klappt inzwischen reibungslos",
  "die Preise sind fair für die Qualität",
];

export const COMPLAINTS = [
  "die Preise sind seit dem Frühjahr deutlich gestiegen",
  "die Hotline ist kaum zu erreichen",
  "die Rechnungen stimmen oft nicht mit dem Lieferschein überein",
  "die Lieferfenster werden selten eingehalten",
  "die TK-Ware war zweimal angetaut",
  "der Außendienst meldet sich nicht zurück",
  "Ersatzartikel werden ohne Rückfrage geliefert",
];

export const MONTHS = [
  "Januar",
  "Februar",
  "März",
  "April",
  "Mai",
  "Juni",
  "Juli",
  "August",
  "September",
  "Oktober",
  "November",
  "Dezember",
];

export interface Person {
  first: string;
  last: string;
  form: "f" | "m";
}

export function person(rng: Rng): Person {
  const [first, form] = pick(rng, FIRST_NAMES);
  return { first, last: pick(rng, LAST_NAMES), form };
}
export const fullName = (p: Person) => `${p.first} ${p.last}`;
/** "Frau Demir" or "Herr Becker". */
export const salutation = (p: Person) => `${p.form === "f" ? "Frau" : "Herr"} ${p.last}`;

/** A plausible mail address for a person at a company. */
export function mailAddress(p: Person, company: string): string {
  const slug = (s: string) =>
    s
      .toLowerCase()
      .replaceAll("ä", "ae")
      .replaceAll("ö", "oe")
      .replaceAll("ü", "ue")
      .replaceAll("ß", "ss")
      .replaceAll("ş", "s")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "");
  return `${slug(p.first).charAt(0)}.${slug(p.last)}@${slug(company).slice(0, 24)}.de`;
}

/** A date in the benchmark's year, written the German way. */
export function germanDate(rng: Rng): string {
  return `${int(rng, 1, 28)}.${int(rng, 1, 12)}.2026`;
}

export const WEEKDAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag"];

export const GREETINGS = [
  "Sehr geehrte Damen und Herren,",
  "Guten Tag,",
  "Hallo,",
  "Lieber Herr Kaiser,",
  "Moin,",
];
export const CLOSINGS = ["Mit freundlichen Grüßen", "Viele Grüße", "Beste Grüße", "Freundliche Grüße", "LG"];
