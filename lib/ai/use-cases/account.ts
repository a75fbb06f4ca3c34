/**
 * Account work for a partner (large model): savings recommendations for the ROI presentation and
 * the products to put into a sample box.
 */
import { z } from "zod";

import { PROMPT_BASE, ZSegment, defineUseCase, lines, quoted, text } from "./shared";

/** What the partner knows about a customer's kitchen; shared by both use cases. */
const accountFacts = {
  companyName: text(200),
  segment: ZSegment,
  mealsPerDay: z.int().min(1).max(100_000).optional(),
  openDaysPerWeek: z.int().min(1).max(7).optional(),
  notes: text(2000).optional(),
};

const renderFacts = (input: {
  companyName: string;
  segment: string;
  mealsPerDay?: number;
  openDaysPerWeek?: number;
}) =>
  lines([
    ["Firma", input.companyName],
    ["Segment", input.segment],
    ["Essen pro Tag", input.mealsPerDay],
    ["Öffnungstage pro Woche", input.openDaysPerWeek],
  ]);

// roi.recommend -----------------------------------------------------------------------------------

export const ZRoiRecommendInput = z.strictObject({
  ...accountFacts,
  monthlySpendEur: z.number().nonnegative().max(1e8),
  /** Spend per product category, e.g. Frischgemüse, Molkerei, TK-Ware, Fleisch, Trockensortiment. */
  categories: z
    .array(z.strictObject({ category: text(100), monthlySpendEur: z.number().nonnegative().max(1e8) }))
    .max(20),
  wasteRatePercent: z.number().min(0).max(100).optional(),
  currentSupplier: text(200).optional(),
  painPoints: z.array(text(300)).max(10).optional(),
});
export type TRoiRecommendInput = z.infer<typeof ZRoiRecommendInput>;

export const ZRoiRecommendOutput = z.object({
  recommendations: z
    .array(
      z.object({
        title: z.string(),
        rationale: z.string().describe("Warum, mit den Zahlen aus der Eingabe."),
        estimatedSavingsEurPerMonth: z.number().min(0).describe("Vorsichtige Schätzung in EUR pro Monat."),
      }),
    )
    .max(5),
  summary: z.string(),
});
export type TRoiRecommendOutput = z.infer<typeof ZRoiRecommendOutput>;

export const roiRecommend = defineUseCase<TRoiRecommendInput, TRoiRecommendOutput>({
  id: "roi.recommend",
  policy: "large",
  schemaVersion: 1,
  input: ZRoiRecommendInput,
  output: ZRoiRecommendOutput,
  system: [
    PROMPT_BASE,
    "",
    "Aufgabe: Schlage für die ROI-Präsentation eines Vertriebspartners höchstens fünf Maßnahmen vor, mit denen",
    "der Kunde mit FreshFoodz Geld spart (z. B. vorgeschnittenes Frischgemüse statt Personalzeit, TK-Ware gegen Verderb,",
    "gebündelte Lieferungen, Saisonware, Eigenmarken im Trockensortiment).",
    "Schätze Einsparungen vorsichtig und nachvollziehbar aus den gelieferten Zahlen; nie mehr als die Ausgaben der Kategorie.",
    "Fehlen Zahlen, sag das in der Begründung, statt sie zu erfinden.",
  ].join("\n"),
  render: (input) =>
    [
      renderFacts(input),
      lines([
        ["Wareneinsatz gesamt (EUR/Monat)", input.monthlySpendEur],
        ["Verderbquote (%)", input.wasteRatePercent],
        ["Aktueller Lieferant", input.currentSupplier],
      ]),
      input.categories.length > 0
        ? `Ausgaben nach Kategorie (EUR/Monat):\n${input.categories.map((c) => `- ${c.category}: ${c.monthlySpendEur}`).join("\n")}`
        : "",
      input.painPoints?.length
        ? `Probleme des Kunden:\n${quoted(input.painPoints.map((p) => `- ${p}`).join("\n"))}`
        : "",
      input.notes ? `Notizen:\n${quoted(input.notes)}` : "",
    ]
      .filter(Boolean)
      .join("\n"),
  maxOutputTokens: 1500,
});

// sample.match ------------------------------------------------------------------------------------

export const ZCatalogItem = z.strictObject({
  sku: z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,39}$/, "an article number such as FG-1042"),
  name: text(200),
  category: text(100),
  description: text(500).optional(),
});

export const ZSampleMatchInput = z.strictObject({
  ...accountFacts,
  cuisine: text(100).optional(),
  /** Wishes such as regional, bio, vegetarisch, convenience. */
  preferences: z.array(text(100)).max(10),
  /** Allergens or ingredients the box must not contain. */
  avoid: z.array(text(100)).max(14).optional(),
  /** The sample-box catalogue to choose from; the answer names only these SKUs. */
  catalog: z.array(ZCatalogItem).min(1).max(60),
});
export type TSampleMatchInput = z.infer<typeof ZSampleMatchInput>;

export const ZSampleMatchOutput = z.object({
  skus: z
    .array(z.object({ sku: z.string(), reason: z.string() }))
    .max(8)
    .describe("Artikel aus dem Katalog, passendster zuerst."),
  note: z.string().describe("Ein Hinweis für den Partner, z. B. was im Katalog fehlt."),
});
export type TSampleMatchOutput = z.infer<typeof ZSampleMatchOutput>;

export const sampleMatch = defineUseCase<TSampleMatchInput, TSampleMatchOutput>({
  id: "sample.match",
  policy: "large",
  schemaVersion: 1,
  input: ZSampleMatchInput,
  output: ZSampleMatchOutput,
  system: [
    PROMPT_BASE,
    "",
    "Aufgabe: Stelle eine Musterbox für einen Kunden zusammen: höchstens acht Artikel aus dem mitgelieferten Katalog,",
    "die zu Betrieb, Küche und Wünschen passen. Nenne nur SKUs aus dem Katalog, nie erfundene.",
    "Was der Kunde meiden muss (Allergene, Zutaten), darf in keinem gewählten Artikel stecken; im Zweifel weglassen",
    "und in note erwähnen.",
  ].join("\n"),
  render: (input) =>
    [
      renderFacts(input),
      lines([
        ["Küche", input.cuisine],
        ["Wünsche", input.preferences.join(", ")],
        ["Meiden", input.avoid?.join(", ")],
      ]),
      input.notes ? `Notizen:\n${quoted(input.notes)}` : "",
      `Katalog:\n${quoted(
        input.catalog
          .map((c) => `${c.sku} | ${c.name} | ${c.category}${c.description ? ` | ${c.description}` : ""}`)
          .join("\n"),
      )}`,
    ]
      .filter(Boolean)
      .join("\n"),
  maxOutputTokens: 1000,
});
