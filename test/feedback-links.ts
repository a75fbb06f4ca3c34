import { createHash, randomBytes } from "node:crypto";

import type pg from "pg";

/**
 * A feedback link to answer, arranged in SQL as the superuser (outside RLS): a lead of the
 * organisation, catalogue products, a delivered sample box with them, a test phase and the link,
 * stored as the SHA-256 of its token like lib/samples does. Returns the token, shown only here.
 * For tests and the benchmark of the portal; the admin creates links with lib/samples/service.ts.
 */
export interface FeedbackLinkFixture {
  token: string;
  linkId: string;
  leadId: string;
  phaseId: string;
  skus: string[];
}

export const FIXTURE_PRODUCTS = [
  { name: "Rinderroulade, küchenfertig", unit: "kg", packSize: "6 × 1" },
  { name: "Kartoffelgratin", unit: "Beutel", packSize: "4 × 2,5 kg" },
  { name: "Vegane Bolognese", unit: "kg", packSize: "2 × 2,5" },
];

export async function createFeedbackLinkFixture(
  client: pg.Client | pg.Pool,
  options: {
    orgId: string;
    locale?: "de" | "en";
    recipientName?: string | null;
    /** Negative: the link has expired. */
    expiresInDays?: number;
    products?: number;
  },
): Promise<FeedbackLinkFixture> {
  const { orgId, locale = "de", recipientName = "Jana Koch", expiresInDays = 21, products = 3 } = options;
  const tag = randomBytes(4).toString("hex");
  const token = randomBytes(32).toString("base64url");
  const hash = createHash("sha256").update(token, "utf8").digest();
  const one = async <T>(text: string, values: unknown[]) => (await client.query(text, values)).rows[0] as T;

  const { id: leadId } = await one<{ id: string }>(
    `INSERT INTO lead (org_id, company_name, city) VALUES ($1, $2, 'Köln') RETURNING id`,
    [orgId, `Kantine ${tag}`],
  );
  const skus: string[] = [];
  for (const [i, product] of FIXTURE_PRODUCTS.slice(0, products).entries()) {
    const sku = `FX-${tag}-${i + 1}`;
    skus.push(sku);
    await client.query(
      `INSERT INTO product (org_id, sku, name, unit, pack_size) VALUES ($1, $2, $3, $4, $5)`,
      [orgId, sku, product.name, product.unit, product.packSize],
    );
  }
  const { id: boxId } = await one<{ id: string }>(
    `INSERT INTO sample_box (org_id, lead_id, status, shipped_at, delivered_at)
     VALUES ($1, $2, 'IN_TEST', now() - interval '10 days', now() - interval '8 days') RETURNING id`,
    [orgId, leadId],
  );
  for (const sku of skus) {
    await client.query(
      `INSERT INTO sample_box_item (org_id, box_id, lead_id, sku, qty) VALUES ($1, $2, $3, $4, 2)`,
      [orgId, boxId, leadId, sku],
    );
  }
  const { id: phaseId } = await one<{ id: string }>(
    `INSERT INTO test_phase (org_id, box_id, lead_id, stage, start_date, end_date)
     VALUES ($1, $2, $3, 'SAMPLE', current_date - 8, current_date - 1) RETURNING id`,
    [orgId, boxId, leadId],
  );
  const { id: linkId } = await one<{ id: string }>(
    // An expired link was created before it expired (a CHECK holds the order).
    `INSERT INTO feedback_link (org_id, phase_id, lead_id, token_hash, recipient_name, locale, expires_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(days => $7),
             now() - make_interval(days => greatest(-$7, 0) + 1)) RETURNING id`,
    [orgId, phaseId, leadId, hash, recipientName, locale, expiresInDays],
  );
  return { token, linkId, leadId, phaseId, skus };
}
