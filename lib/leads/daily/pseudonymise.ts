import "server-only";

import { recordAudits } from "@/lib/audit/service";
import { Prisma, type OrgContext, type Tx } from "@/lib/db";

import { QUALIFYING_KINDS } from "../schemas";
import { DAY_MS, lockLeads, type DailyCounts } from "./common";

// d: pseudonymisation ----------------------------------------------------------------------------

/** Spec, "Data protection": a stage-0 registration without progress for this long is pseudonymised. */
export const STAGE0_IDLE_DAYS = 60;
/**
 * How long a released lead keeps its contact before it is pseudonymised. 90 days: long enough for
 * a manager to hand the lead to another partner with its contact intact and for a partner to
 * dispute the release; the contract evidence (company, dates, activities, audit trail) stays
 * anyway, only the contact person goes. A constant, not a setting, until someone needs to vary it.
 */
export const RELEASED_RETENTION_DAYS = 90;

/**
 * Leads to pseudonymise at `now` (all of the organisation's, or only `leadIds`), with the reason
 * and which contact fields hold something:
 *   STAGE0_IDLE         stage 0, and neither registration, (re)assignment nor a qualifying activity
 *                       in the last 60 days;
 *   RELEASED_RETENTION  no current owner, and released more than RELEASED_RETENTION_DAYS ago.
 * A lead is picked while it is unmarked or holds contact data again (say, after reassignment).
 */
function pseudonymisable(orgId: string, now: Date, leadIds?: string[]): Prisma.Sql {
  const idleBefore = new Date(now.getTime() - STAGE0_IDLE_DAYS * DAY_MS);
  const releasedBefore = new Date(now.getTime() - RELEASED_RETENTION_DAYS * DAY_MS);
  const scope = (column: string) =>
    leadIds ? Prisma.sql`${Prisma.raw(column)} = ANY (${leadIds}::uuid[])` : Prisma.sql`TRUE`;
  // Filter on the lead's own columns first, then look at each remaining lead's assignments and
  // recent activities by index: aggregating the whole organisation's history took 12 s at 100 000.
  return Prisma.sql`
    SELECT l.id,
      CASE WHEN NOT coalesce(a.assigned, false) AND a.last_released <= ${releasedBefore}::timestamptz
           THEN 'RELEASED_RETENTION' ELSE 'STAGE0_IDLE' END AS reason,
      l.contact_first_name IS NOT NULL AS first_name, l.contact_last_name IS NOT NULL AS last_name,
      l.contact_email IS NOT NULL AS email, l.contact_phone IS NOT NULL AS phone
    FROM lead l
    CROSS JOIN LATERAL (
      SELECT max(x.assigned_at) AS last_assigned, max(x.released_at) AS last_released,
             bool_or(x.released_at IS NULL) AS assigned
      FROM lead_assignment x WHERE x.lead_id = l.id
    ) a
    WHERE l.org_id = ${orgId}::uuid AND ${scope("l.id")}
      AND (l.pseudonymised_at IS NULL OR l.contact_first_name IS NOT NULL OR l.contact_last_name IS NOT NULL
           OR l.contact_email IS NOT NULL OR l.contact_phone IS NOT NULL)
      AND ((l.stage = 0 AND l.created_at <= ${idleBefore}::timestamptz
            AND coalesce(a.last_assigned <= ${idleBefore}::timestamptz, true)
            AND NOT EXISTS (
              SELECT 1 FROM lead_activity q
              WHERE q.lead_id = l.id AND q.kind IN (${Prisma.join(QUALIFYING_KINDS)})
                AND q.at > ${idleBefore}::timestamptz AND q.at <= ${now}::timestamptz))
           OR (NOT coalesce(a.assigned, false) AND a.last_released <= ${releasedBefore}::timestamptz))
    ORDER BY l.id`;
}

export async function selectPseudonymisable(tx: Tx, orgId: string, now: Date): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`${pseudonymisable(orgId, now)}`;
  return rows.map((row) => row.id);
}

const CONTACT_FIELDS = [
  ["first_name", "contactFirstName"],
  ["last_name", "contactLastName"],
  ["email", "contactEmail"],
  ["phone", "contactPhone"],
] as const;

/**
 * Replaces the contact fields (first and last name, e-mail, phone) with NULL and marks the lead
 * pseudonymised_at. The lead stays, with its id, company, city, industry, VAT id, volume,
 * activities and audit trail (the contract's evidence), but no longer names a contact person.
 * A stage-0 lead has no contact: there is nothing to replace, and pseudonymising it only sets the
 * mark (and records the event), saying it was reviewed and holds no personal data.
 */
export async function pseudonymise(
  tx: Tx,
  ctx: OrgContext,
  now: Date,
  leadIds: string[],
): Promise<Partial<DailyCounts>> {
  await lockLeads(tx, leadIds);
  const rows = await tx.$queryRaw<
    ({ id: string; stage: number; reason: string } & Record<(typeof CONTACT_FIELDS)[number][0], boolean>)[]
  >`
    UPDATE lead l SET contact_first_name = NULL, contact_last_name = NULL, contact_email = NULL,
                      contact_phone = NULL, pseudonymised_at = ${now}::timestamptz, updated_at = ${now}::timestamptz
    FROM (${pseudonymisable(ctx.orgId, now, leadIds)}) c
    WHERE l.id = c.id
    RETURNING l.id, l.stage, c.reason, c.first_name, c.last_name, c.email, c.phone`;
  await recordAudits(
    tx,
    ctx,
    rows.map((row) => ({
      action: "lead.personal_data.pseudonymised",
      resourceType: "lead",
      resourceId: row.id,
      after: {
        reason: row.reason,
        stage: row.stage,
        replaced: CONTACT_FIELDS.filter(([column]) => row[column]).map(([, field]) => field),
        pseudonymisedAt: now,
      },
    })),
  );
  return { pseudonymised: rows.length };
}
