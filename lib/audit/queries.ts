import "server-only";

import { Prisma, type Tx } from "@/lib/db";

import type { TAuditFilter } from "./schemas";

/**
 * Reads of the audit trail, inside the caller's organisation transaction. Every query names the
 * organisation itself as well, and row-level security holds it to the context's organisation again.
 * Times in filters are Europe/Berlin wall-clock times, converted by PostgreSQL's time zone rules.
 */

export interface AuditEventRow {
  id: string;
  actorType: "user" | "token" | "system" | "feedback_link";
  actorId: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
  createdAt: Date;
  prevHash: string;
  hash: string;
}

interface RawRow {
  id: string;
  actor_type: AuditEventRow["actorType"];
  actor_id: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
  ip: string | null;
  created_at: Date;
  prev_hash: string;
  hash: string;
}

const COLUMNS = Prisma.sql`id::text AS id, actor_type, actor_id, action, resource_type, resource_id, before,
  after, request_id, ip, created_at, prev_hash, hash`;

function toRow(r: RawRow): AuditEventRow {
  return {
    id: r.id,
    actorType: r.actor_type,
    actorId: r.actor_id,
    action: r.action,
    resourceType: r.resource_type,
    resourceId: r.resource_id,
    before: r.before,
    after: r.after,
    requestId: r.request_id,
    ip: r.ip,
    createdAt: r.created_at,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** The WHERE clause of a filter, plus any extra conditions (cursors). */
function where(orgId: string, filter: TAuditFilter, ...extra: Prisma.Sql[]): Prisma.Sql {
  const conditions = [Prisma.sql`org_id = ${orgId}::uuid`];
  if (filter.actor === "system") conditions.push(Prisma.sql`actor_type = 'system'`);
  else if (filter.actor) {
    const [type, id] = filter.actor.split(":");
    conditions.push(Prisma.sql`actor_type = ${type} AND actor_id = ${id}`);
  }
  if (filter.action) conditions.push(Prisma.sql`starts_with(action, ${filter.action})`);
  if (filter.resourceType) conditions.push(Prisma.sql`resource_type = ${filter.resourceType}`);
  if (filter.resourceId) conditions.push(Prisma.sql`resource_id = ${filter.resourceId}`);
  if (filter.from) {
    conditions.push(Prisma.sql`created_at >= (${filter.from}::timestamp AT TIME ZONE 'Europe/Berlin')`);
  }
  if (filter.to) {
    conditions.push(
      Prisma.sql`created_at < ((${filter.to}::timestamp + interval '1 minute') AT TIME ZONE 'Europe/Berlin')`,
    );
  }
  return Prisma.join([...conditions, ...extra], " AND ");
}

/** Up to `limit` events older than `before` (or the newest), newest first. */
export async function selectEventsBefore(
  tx: Tx,
  orgId: string,
  filter: TAuditFilter,
  before: string | undefined,
  limit: number,
): Promise<AuditEventRow[]> {
  const cursor = before ? [Prisma.sql`id < ${before}::bigint`] : [];
  const rows = await tx.$queryRaw<RawRow[]>`
    SELECT ${COLUMNS} FROM audit_event WHERE ${where(orgId, filter, ...cursor)}
    ORDER BY audit_event.id DESC LIMIT ${limit}`;
  return rows.map(toRow);
}

/** Up to `limit` events newer than `after`, the closest to it first; returned newest first. */
export async function selectEventsAfter(
  tx: Tx,
  orgId: string,
  filter: TAuditFilter,
  after: string,
  limit: number,
): Promise<AuditEventRow[]> {
  const rows = await tx.$queryRaw<RawRow[]>`
    SELECT ${COLUMNS} FROM audit_event WHERE ${where(orgId, filter, Prisma.sql`id > ${after}::bigint`)}
    ORDER BY audit_event.id ASC LIMIT ${limit}`;
  return rows.map(toRow).reverse();
}

/** Whether any event matches the filter with an id above (`newer`) or below (`older`) `id`. */
export async function existsBeyond(
  tx: Tx,
  orgId: string,
  filter: TAuditFilter,
  direction: "newer" | "older",
  id: string,
): Promise<boolean> {
  const cursor = direction === "newer" ? Prisma.sql`id > ${id}::bigint` : Prisma.sql`id < ${id}::bigint`;
  const [row] = await tx.$queryRaw<{ found: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM audit_event WHERE ${where(orgId, filter, cursor)}) AS found`;
  return row.found;
}

/**
 * Where an export starts, in one snapshot: how many events match (counting no further than
 * `cap + 1`, enough to say "more than cap") and the organisation's newest event id, the export's
 * upper bound.
 */
export async function selectExportBounds(
  tx: Tx,
  orgId: string,
  filter: TAuditFilter,
  cap: number,
): Promise<{ matching: number; upTo: string | null }> {
  const [row] = await tx.$queryRaw<{ matching: number; up_to: string | null }[]>`
    SELECT (SELECT count(*)::int FROM (SELECT 1 FROM audit_event WHERE ${where(orgId, filter)} LIMIT ${cap + 1}) s)
             AS matching,
           (SELECT max(id)::text FROM audit_event WHERE org_id = ${orgId}::uuid) AS up_to`;
  return { matching: row.matching, upTo: row.up_to };
}

/** Names of the organisation's members, by user id, to show who acted. */
export async function selectMemberNames(tx: Tx, orgId: string): Promise<Map<string, string>> {
  const users = await tx.user.findMany({
    where: { memberships: { some: { orgId } } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  return new Map(users.map((u) => [u.id, u.name]));
}

/** The tables whose rows the audit trail names by a readable column, and that column. */
const NAMED_RESOURCES = {
  lead: Prisma.sql`SELECT id::text AS id, company_name AS name FROM lead`,
  api_token: Prisma.sql`SELECT id::text AS id, name FROM api_token`,
  product: Prisma.sql`SELECT id::text AS id, name FROM product`,
} as const;

/**
 * What the events' resources are called, by `type:id`: a lead's company, a token's and a product's
 * name (members are named by selectMemberNames). Row-level security applies: a reader sees the names
 * of the rows they may read, and an erased or deleted row keeps only its id on the page.
 */
export async function selectResourceNames(
  tx: Tx,
  orgId: string,
  events: readonly Pick<AuditEventRow, "resourceType" | "resourceId">[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const [type, select] of Object.entries(NAMED_RESOURCES)) {
    const ids = [
      ...new Set(
        events
          .filter((e) => e.resourceType === type && e.resourceId && UUID.test(e.resourceId))
          .map((e) => e.resourceId as string),
      ),
    ];
    if (ids.length === 0) continue;
    const rows = await tx.$queryRaw<{ id: string; name: string }[]>`
      SELECT s.id, s.name FROM (${select} WHERE org_id = ${orgId}::uuid AND id = ANY (${ids}::uuid[])) s`;
    for (const row of rows) names.set(`${type}:${row.id}`, row.name);
  }
  return names;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
