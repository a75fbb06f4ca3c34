/** Leads: classify a new lead (small-first) and brief a partner on one (large). */
import { z } from "zod";

import { ACTIVITY_KINDS } from "@/lib/leads/schemas";

import { LABEL_PART_SEPARATOR } from "../confidence";
import {
  PROMPT_BASE,
  ZConfidence,
  ZSegment,
  defineSmallFirstUseCase,
  defineUseCase,
  lines,
  quoted,
  text,
} from "./shared";

// lead.classify -----------------------------------------------------------------------------------

export const ZLeadClassifyInput = z.strictObject({
  companyName: text(200),
  city: text(100),
  industry: text(100).optional(),
  notes: text(4000).optional(),
});
export type TLeadClassifyInput = z.infer<typeof ZLeadClassifyInput>;

export const LEAD_CATEGORIES = ["A", "B", "C"] as const;
export const LEAD_PRIORITIES = ["high", "medium", "low"] as const;

export const ZLeadClassifyOutput = z.object({
  category: z
    .enum(LEAD_CATEGORIES)
    .describe("A: großer Bedarf, B: mittlerer Bedarf, C: kleiner oder kein passender Bedarf."),
  priority: z
    .enum(LEAD_PRIORITIES)
    .describe("high: akuter Bedarf, medium: Interesse ohne Termin, low: derzeit kein Bedarf."),
  reason: z.string().describe("Ein Satz, der Kategorie und Priorität begründet."),
  confidence: ZConfidence,
});
export type TLeadClassifyOutput = z.infer<typeof ZLeadClassifyOutput>;

export const leadClassify = defineSmallFirstUseCase<TLeadClassifyInput, TLeadClassifyOutput>({
  id: "lead.classify",
  policy: "small-first",
  schemaVersion: 1,
  input: ZLeadClassifyInput,
  output: ZLeadClassifyOutput,
  system: [
    PROMPT_BASE,
    "",
    "Aufgabe: Ordne einen neuen Lead (einen möglichen Großküchen- oder Gastronomiekunden) ein.",
    "Kategorie nach dem zu erwartenden Einkaufsvolumen:",
    "- A: mehr als 400 Essen pro Tag oder mehrere Standorte mit zusammen so viel (Hotelketten, große Kantinen, Klinikküchen, Caterer mit Großaufträgen).",
    "- B: etwa 80 bis 400 Essen pro Tag (Restaurants mit vollem Betrieb, mittlere Hotels, Pflegeheime, Bäckereien mit Café).",
    "- C: unter 80 Essen pro Tag oder kein passender Bedarf (Kiosk, kleines Café, Privatperson, kein Lebensmittelbetrieb).",
    "Bei mehreren Standorten zählt die Summe. Ohne Mengenangabe schätze nach Betriebsart und Größe.",
    "Priorität nach dem Zeitpunkt des Bedarfs:",
    "- high: Bedarf innerhalb der nächsten 8 Wochen (Eröffnung, Lieferantenwechsel, Ausschreibung, Musteranfrage, Terminwunsch).",
    "- medium: Interesse ohne Termin oder Bedarf in 2 bis 6 Monaten.",
    "- low: kein aktueller Bedarf, langfristige Bindung an einen anderen Lieferanten (über 6 Monate) oder nur Informationswunsch.",
    "confidence: wie sicher beide Einordnungen stimmen; niedrig, wenn die Angaben widersprüchlich sind oder fehlen.",
  ].join("\n"),
  render: (input) =>
    [
      lines([
        ["Firma", input.companyName],
        ["Ort", input.city],
        ["Branche", input.industry],
      ]),
      input.notes ? `Notizen:\n${quoted(input.notes)}` : "Notizen: keine",
    ].join("\n"),
  maxOutputTokens: 300,
  label: (output) => `${output.category}${LABEL_PART_SEPARATOR}${output.priority}`,
});

// lead.brief --------------------------------------------------------------------------------------

export const ZLeadBriefInput = z.strictObject({
  companyName: text(200),
  city: text(100),
  industry: text(100).optional(),
  segment: ZSegment.optional(),
  /** Protection status and the days left, as the lead page shows them. */
  protection: z
    .strictObject({
      status: z.enum(["ACTIVE", "GRACE", "EXPIRED"]),
      daysLeft: z.int().min(-3650).max(3650),
    })
    .optional(),
  expectedVolumeEurPerMonth: z.number().nonnegative().max(1e9).optional(),
  notes: text(4000).optional(),
  activities: z
    .array(
      z.strictObject({
        date: z.iso.date(),
        kind: z.enum(ACTIVITY_KINDS),
        note: text(1000).optional(),
      }),
    )
    .max(50),
});
export type TLeadBriefInput = z.infer<typeof ZLeadBriefInput>;

export const ZLeadBriefOutput = z.object({
  summary: z.string().describe("Drei bis fünf Sätze: wer der Kunde ist und wo der Lead steht."),
  opportunities: z.array(z.string()).max(6),
  risks: z.array(z.string()).max(6),
  nextSteps: z
    .array(z.string())
    .max(6)
    .describe("Konkrete nächste Schritte für den Partner, wichtigster zuerst."),
});
export type TLeadBriefOutput = z.infer<typeof ZLeadBriefOutput>;

export const leadBrief = defineUseCase<TLeadBriefInput, TLeadBriefOutput>({
  id: "lead.brief",
  policy: "large",
  schemaVersion: 1,
  input: ZLeadBriefInput,
  output: ZLeadBriefOutput,
  system: [
    PROMPT_BASE,
    "",
    "Aufgabe: Bereite einen Vertriebspartner auf das nächste Gespräch mit einem Lead vor.",
    "Stütze dich nur auf die gelieferten Fakten und Aktivitäten; erfinde keine Zahlen, Namen oder Termine.",
    "Chancen: welche Sortimente (z. B. Frischgemüse, Molkerei, TK-Ware, Fleisch, Trockensortiment) und Leistungen passen.",
    "Risiken: z. B. auslaufender Leadschutz, lange keine qualifizierende Aktivität, Preisdruck, offene Beschwerden.",
    "Nächste Schritte: konkret und umsetzbar (Anruf, Musterbox, ROI-Präsentation, Folgetermin).",
  ].join("\n"),
  render: (input) =>
    [
      lines([
        ["Firma", input.companyName],
        ["Ort", input.city],
        ["Branche", input.industry],
        ["Segment", input.segment],
        [
          "Leadschutz",
          input.protection && `${input.protection.status}, noch ${input.protection.daysLeft} Tage`,
        ],
        ["Erwartetes Volumen (EUR/Monat)", input.expectedVolumeEurPerMonth],
      ]),
      input.notes ? `Notizen:\n${quoted(input.notes)}` : "",
      input.activities.length === 0
        ? "Aktivitäten: keine"
        : `Aktivitäten (neueste zuerst):\n${quoted(
            [...input.activities]
              .sort((a, b) => b.date.localeCompare(a.date))
              .map((a) => `${a.date} ${a.kind}${a.note ? `: ${a.note}` : ""}`)
              .join("\n"),
          )}`,
    ]
      .filter(Boolean)
      .join("\n"),
  maxOutputTokens: 1200,
});
