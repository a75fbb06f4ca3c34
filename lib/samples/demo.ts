import "server-only";

import { withOrg } from "@/lib/db";
import { createLead } from "@/lib/leads/service";

import { changeBoxStatus, createBox, createFeedbackLink, createPhase, createProduct } from "./service";

/**
 * The demo's samples (prisma/seed.ts): a food-service catalogue as FreshFoodz sells it, two leads of
 * the demo partner, one box in test whose phase has ended (with a feedback link to open) and one
 * just configured. Safe to run again: missing products are added, and leads that have boxes
 * already are left alone.
 */

type Product = [sku: string, name: string, category: string, unit: string, packSize: string];

export const DEMO_CATALOGUE: readonly Product[] = [
  ["FFZ-10010", "Rinderhackfleisch 80/20", "Fleisch", "kg", "4 × 2,5 kg"],
  ["FFZ-10020", "Schweinenacken ohne Knochen", "Fleisch", "kg", "ca. 3 kg"],
  ["FFZ-10030", "Kalbsrücken, pariert", "Fleisch", "kg", "ca. 2 kg"],
  ["FFZ-10040", "Rinderhüfte, gereift", "Fleisch", "kg", "ca. 4 kg"],
  ["FFZ-11010", "Hähnchenbrustfilet, ohne Haut", "Geflügel", "kg", "5 × 2 kg"],
  ["FFZ-11020", "Putenoberkeule, entbeint", "Geflügel", "kg", "4 × 2,5 kg"],
  ["FFZ-11030", "Entenbrust, französisch", "Geflügel", "Stück", "10 × 350 g"],
  ["FFZ-12010", "Lachsfilet mit Haut, TK", "Fisch", "kg", "5 × 1 kg"],
  ["FFZ-12020", "Kabeljaurücken, TK", "Fisch", "kg", "4 × 1 kg"],
  ["FFZ-12030", "Backfisch-Portionen, paniert", "Fisch", "Portion", "40 × 120 g"],
  ["FFZ-13010", "Sahne 30 %", "Molkerei", "l", "6 × 1 l"],
  ["FFZ-13020", "Butter, mildgesäuert", "Molkerei", "kg", "10 × 1 kg"],
  ["FFZ-13030", "Bergkäse, gerieben", "Molkerei", "kg", "4 × 1 kg"],
  ["FFZ-13040", "Mozzarella-Stange", "Molkerei", "kg", "6 × 1 kg"],
  ["FFZ-14010", "Brechbohnen, TK", "Gemüse", "kg", "4 × 2,5 kg"],
  ["FFZ-14020", "Rahmspinat, TK", "Gemüse", "kg", "4 × 2,5 kg"],
  ["FFZ-14030", "Kaisergemüse, TK", "Gemüse", "kg", "4 × 2,5 kg"],
  ["FFZ-14040", "Ofengemüse mediterran, TK", "Gemüse", "kg", "4 × 2,5 kg"],
  ["FFZ-15010", "Kartoffelgratin, vorgegart", "Beilagen", "kg", "3 × 2 kg"],
  ["FFZ-15020", "Spätzle, frisch", "Beilagen", "kg", "5 × 1 kg"],
  ["FFZ-15030", "Rösti-Ecken, TK", "Beilagen", "Stück", "80 × 60 g"],
  ["FFZ-15040", "Basmatireis, parboiled", "Beilagen", "kg", "5 kg"],
  ["FFZ-15050", "Kartoffelpüree, trocken", "Beilagen", "kg", "4 × 1 kg"],
  ["FFZ-16010", "Kalbsfond", "Saucen & Fonds", "l", "6 × 1 l"],
  ["FFZ-16020", "Sauce Hollandaise", "Saucen & Fonds", "l", "6 × 1 l"],
  ["FFZ-16030", "Bratenjus, pastös", "Saucen & Fonds", "kg", "2 × 1 kg"],
  ["FFZ-16040", "Tomatensauce Basilikum", "Saucen & Fonds", "kg", "3 × 2,5 kg"],
  ["FFZ-17010", "Laugenbrezel, TK, vorgebacken", "Backwaren", "Stück", "60 × 90 g"],
  ["FFZ-17020", "Ciabatta-Brötchen, TK", "Backwaren", "Stück", "50 × 80 g"],
  ["FFZ-17030", "Flammkuchenboden", "Backwaren", "Stück", "20 × 260 g"],
  ["FFZ-18010", "Apfelstrudel, TK", "Desserts", "Stück", "4 × 1,3 kg"],
  ["FFZ-18020", "Schokoladenmousse", "Desserts", "kg", "2 × 1 kg"],
  ["FFZ-18030", "Panna Cotta, Portionsbecher", "Desserts", "Stück", "24 × 100 g"],
  ["FFZ-19010", "Gemüselasagne, Blech", "Convenience", "Portion", "2 × 12 Portionen"],
  ["FFZ-19020", "Linsen-Dal, vegan", "Convenience", "kg", "4 × 2 kg"],
  ["FFZ-19030", "Falafel, TK", "Convenience", "Stück", "100 × 25 g"],
];

export const DEMO_LEADS = [
  { companyName: "Kantine am Hafen", city: "Hamburg", industry: "Betriebsgastronomie" },
  { companyName: "Gasthaus Zur Linde", city: "Freiburg", industry: "Gastronomie" },
];

interface Member {
  orgId: string;
  userId: string;
  roles: string[];
}

/** Seeds the samples of one organisation; returns the demo feedback link, when one was made. */
export async function seedSamples(admin: Member, partner: Member): Promise<{ feedbackUrl: string | null }> {
  const existing = new Set(
    (await withOrg(admin, (tx) => tx.product.findMany({ select: { sku: true } }))).map((p) => p.sku),
  );
  for (const [sku, name, category, unit, packSize] of DEMO_CATALOGUE) {
    if (!existing.has(sku)) await createProduct(admin, { sku, name, category, unit, packSize });
  }

  const leadIds: string[] = [];
  for (const lead of DEMO_LEADS) {
    const [found] = await withOrg(admin, (tx) =>
      tx.lead.findMany({ where: { companyName: lead.companyName, city: lead.city }, select: { id: true } }),
    );
    if (found) {
      leadIds.push(found.id);
      continue;
    }
    const created = await createLead(partner, { ...lead, confirmSimilar: true });
    if (created.kind === "created") leadIds.push(created.lead.id);
  }
  const [harbour, linde] = leadIds;
  const hasBoxes = (leadId: string) => withOrg(admin, (tx) => tx.sampleBox.count({ where: { leadId } }));
  let feedbackUrl: string | null = null;

  if (harbour && (await hasBoxes(harbour)) === 0) {
    const box = await createBox(partner, {
      leadId: harbour,
      items: [
        { sku: "FFZ-15010", qty: 2 },
        { sku: "FFZ-11010", qty: 1 },
        { sku: "FFZ-19020", qty: 1 },
        { sku: "FFZ-18010", qty: 1 },
      ],
      notes: "Für die neue Mittagslinie: Gratin, Hähnchen, ein veganes Gericht und ein Dessert.",
    });
    const day = 86_400_000;
    await changeBoxStatus(partner, box.id, {
      status: "SHIPPED",
      at: new Date(Date.now() - 16 * day),
      trackingRef: "DHL 00340434161094042557",
    });
    await changeBoxStatus(partner, box.id, { status: "DELIVERED", at: new Date(Date.now() - 14 * day) });
    const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const phase = await createPhase(partner, box.id, {
      stage: "TRIAL",
      startDate: iso(Date.now() - 14 * day),
      endDate: iso(Date.now() - day),
    });
    const link = await createFeedbackLink(partner, phase.id, {
      recipientName: "Jana Koch",
      recipientEmail: "kueche@kantine-am-hafen.example",
      locale: "de",
    });
    feedbackUrl = link.url;
  }
  if (linde && (await hasBoxes(linde)) === 0) {
    await createBox(partner, {
      leadId: linde,
      items: [
        { sku: "FFZ-10040", qty: 1 },
        { sku: "FFZ-16010", qty: 2 },
        { sku: "FFZ-15020", qty: 2 },
      ],
    });
  }
  return { feedbackUrl };
}
