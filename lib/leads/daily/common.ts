import "server-only";

import type { AuditInput } from "@/lib/audit/service";
import { Prisma, type Tx } from "@/lib/db";

import type { Outgoing } from "../outbox";

/** What the daily run did, summed over the organisations (the job's counts). */
export interface DailyCounts {
  orgs: number;
  reminders: number;
  released: number;
  escalated: number;
  pseudonymised: number;
  /** Outbox rows written (recipients × channels). */
  notifications: number;
  /** Organisations whose work failed (logged; the others were done). */
  failed: number;
}

/** Leads whose protection one transaction evaluates, and leads one transaction acts on. */
export const SCAN_PAGE = 1000;
export const ACT_BATCH = 100;
export const DAY_MS = 86_400_000;

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** What one release or reminder sends, and the audit event that records it. */
export interface Notice {
  outgoing: Outgoing;
  audit: AuditInput;
}

/** `p`: the protection at `now` of the leads `ids` selects (column `id`), with company and city. */
export const protectionOf = (ids: Prisma.Sql, now: Date) => Prisma.sql`
  SELECT l.id AS lead_id, l.company_name, l.city, x.*
  FROM lead l JOIN (${ids}) ids ON ids.id = l.id
  CROSS JOIN LATERAL app_lead_protection_of(l.id, ${now}::timestamptz) x`;

/** The per-lead advisory locks of loadLead (lib/leads/access.ts), taken in id order. */
export async function lockLeads(tx: Tx, leadIds: string[]): Promise<void> {
  await tx.$queryRaw`
    SELECT count(pg_advisory_xact_lock(hashtextextended('lead:' || s.id::text, 0)))::int AS locked
    FROM (SELECT id FROM unnest(${leadIds}::uuid[]) AS id ORDER BY id) s`;
}
