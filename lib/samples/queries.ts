import "server-only";

import type { Tx } from "@/lib/db";

/** Reads that take the caller's transaction; row-level security decides what they see. */

export interface PhaseProduct {
  sku: string;
  name: string;
  unit: string | null;
  packSize: string | null;
  imageUrl: string | null;
}

/** The products of a test phase: its box's items, by name. */
export function phaseProducts(tx: Tx, phaseId: string): Promise<PhaseProduct[]> {
  return tx.$queryRaw<PhaseProduct[]>`
    SELECT p.sku, p.name, p.unit, p.pack_size AS "packSize", p.image_url AS "imageUrl"
    FROM test_phase ph
    JOIN sample_box_item i ON i.org_id = ph.org_id AND i.box_id = ph.box_id
    JOIN product p ON p.org_id = i.org_id AND p.sku = i.sku
    WHERE ph.id = ${phaseId}::uuid
    ORDER BY p.name, p.sku`;
}

/** The current owner of a lead, if it has one. */
export async function leadOwner(tx: Tx, leadId: string): Promise<string | null> {
  const [row] = await tx.$queryRaw<{ owner: string }[]>`
    SELECT owner_user_id AS owner FROM lead_assignment
    WHERE lead_id = ${leadId}::uuid AND released_at IS NULL`;
  return row?.owner ?? null;
}

/**
 * Serialises changes to one lead: the same advisory lock lib/leads/access.ts takes, so a
 * submission's activity and the lead services' writes queue up instead of interleaving.
 */
export async function lockLead(tx: Tx, leadId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`lead:${leadId}`}, 0))`;
}
