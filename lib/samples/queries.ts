import "server-only";

import { Prisma, type Tx } from "@/lib/db";

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

/** The active catalogue, by category and name (the box configurator's and sample.match's choice). */
export function activeProducts(tx: Tx, orgId: string) {
  return tx.product.findMany({
    where: { orgId, active: true },
    orderBy: [{ category: "asc" }, { name: "asc" }],
    take: 1000,
  });
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

// The Samples area: the pipeline, its list and the response figures ------------------------------------

/** What the Samples area filters by: a box's status, the lead's partner (its current owner), a product. */
export interface BoxFilter {
  status?: string;
  partner?: string;
  product?: string;
}

export interface BoxRow {
  id: string;
  leadId: string;
  companyName: string;
  status: string;
  ownerId: string | null;
  ownerName: string | null;
  skus: string[];
  configuredAt: Date;
  statusAt: Date;
  feedbackCount: number;
}

function boxWhere(orgId: string, filter: BoxFilter, { withStatus }: { withStatus: boolean }) {
  return Prisma.sql`b.org_id = ${orgId}::uuid
    ${withStatus && filter.status ? Prisma.sql`AND b.status = ${filter.status}` : Prisma.empty}
    ${filter.partner ? Prisma.sql`AND a.owner_user_id = ${filter.partner}::uuid` : Prisma.empty}
    ${
      filter.product
        ? Prisma.sql`AND EXISTS (SELECT 1 FROM sample_box_item fi WHERE fi.box_id = b.id AND fi.sku = ${filter.product})`
        : Prisma.empty
    }`;
}

/** The boxes the caller may see, most recently moved first, with the lead's partner and products. */
export function listBoxRows(tx: Tx, orgId: string, filter: BoxFilter, limit: number): Promise<BoxRow[]> {
  return tx.$queryRaw<BoxRow[]>`
    SELECT b.id, b.lead_id AS "leadId", l.company_name AS "companyName", b.status,
           a.owner_user_id AS "ownerId", u.name AS "ownerName",
           COALESCE((SELECT array_agg(i.sku ORDER BY i.sku) FROM sample_box_item i WHERE i.box_id = b.id),
                    '{}') AS skus,
           b.configured_at AS "configuredAt", b.status_at AS "statusAt",
           (SELECT count(*)::int FROM product_feedback f JOIN test_phase ph ON ph.id = f.phase_id
            WHERE ph.box_id = b.id) AS "feedbackCount"
    FROM sample_box b
    JOIN lead l ON l.org_id = b.org_id AND l.id = b.lead_id
    LEFT JOIN lead_assignment a ON a.lead_id = b.lead_id AND a.released_at IS NULL
    LEFT JOIN app_user u ON u.id = a.owner_user_id
    WHERE ${boxWhere(orgId, filter, { withStatus: true })}
    ORDER BY b.status_at DESC, b.id
    LIMIT ${limit}`;
}

/** How many boxes are in each status (the board's columns), under the filter but for the status. */
export function countBoxesByStatus(
  tx: Tx,
  orgId: string,
  filter: BoxFilter,
): Promise<{ status: string; count: number }[]> {
  return tx.$queryRaw`
    SELECT b.status, count(*)::int AS count
    FROM sample_box b
    LEFT JOIN lead_assignment a ON a.lead_id = b.lead_id AND a.released_at IS NULL
    WHERE ${boxWhere(orgId, filter, { withStatus: false })}
    GROUP BY b.status`;
}

export interface ResponseRow {
  key: string | null;
  name: string | null;
  invited: number;
  submitted: number;
}

/**
 * Response per partner (the lead's current owner): links sent (not withdrawn — a re-sent link
 * replaces the revoked one, so a customer counts once) and how many were answered.
 */
export function responseByPartner(tx: Tx, orgId: string): Promise<ResponseRow[]> {
  return tx.$queryRaw`
    SELECT a.owner_user_id::text AS key, u.name, count(*)::int AS invited,
           count(fl.submitted_at)::int AS submitted
    FROM feedback_link fl
    LEFT JOIN lead_assignment a ON a.lead_id = fl.lead_id AND a.released_at IS NULL
    LEFT JOIN app_user u ON u.id = a.owner_user_id
    WHERE fl.org_id = ${orgId}::uuid AND fl.revoked_at IS NULL
    GROUP BY a.owner_user_id, u.name
    ORDER BY u.name NULLS LAST`;
}

/** Response per product: a link asks about each product of its box; answered when it was rated. */
export function responseByProduct(tx: Tx, orgId: string): Promise<ResponseRow[]> {
  return tx.$queryRaw`
    SELECT p.sku AS key, p.name, count(*)::int AS invited,
           count(*) FILTER (WHERE EXISTS (
             SELECT 1 FROM product_feedback f WHERE f.link_id = fl.id AND f.sku = i.sku))::int AS submitted
    FROM feedback_link fl
    JOIN test_phase ph ON ph.org_id = fl.org_id AND ph.id = fl.phase_id
    JOIN sample_box_item i ON i.org_id = ph.org_id AND i.box_id = ph.box_id
    JOIN product p ON p.org_id = i.org_id AND p.sku = i.sku
    WHERE fl.org_id = ${orgId}::uuid AND fl.revoked_at IS NULL
    GROUP BY p.sku, p.name
    ORDER BY p.name, p.sku`;
}

/** Ratings per product, from every source (portal, phone, visit). */
export function ratingsByProduct(
  tx: Tx,
  orgId: string,
): Promise<{ sku: string; name: string; average: number; ratings: number }[]> {
  return tx.$queryRaw`
    SELECT f.sku, p.name, avg(f.rating)::float8 AS average, count(*)::int AS ratings
    FROM product_feedback f
    JOIN product p ON p.org_id = f.org_id AND p.sku = f.sku
    WHERE f.org_id = ${orgId}::uuid
    GROUP BY f.sku, p.name`;
}

/** The median time from a link's creation to its answer, in hours (null before the first answer). */
export async function medianHoursToFeedback(tx: Tx, orgId: string): Promise<number | null> {
  const [row] = await tx.$queryRaw<{ hours: number | null }[]>`
    SELECT (percentile_cont(0.5) WITHIN GROUP (
              ORDER BY extract(epoch FROM submitted_at - created_at)) / 3600)::float8 AS hours
    FROM feedback_link
    WHERE org_id = ${orgId}::uuid AND submitted_at IS NOT NULL`;
  return row?.hours ?? null;
}
