import "server-only";

import type { Tx } from "@/lib/db";

/** One row of v_lead_protection: the protection of a lead's current assignment. */
export interface ProtectionRow {
  lead_id: string;
  org_id: string;
  assignment_id: string;
  owner_user_id: string;
  assigned_at: Date;
  last_qual_activity_at: Date | null;
  last_progress_at: Date;
  extension_days: number;
  paused_seconds: number;
  base_until: Date;
  progress_until: Date;
  valid_until: Date;
  grace_until: Date;
  status: "ACTIVE" | "GRACE" | "EXPIRED";
  due_soon: boolean;
  reminder_due_at: Date | null;
  mode: "GREATEST" | "LEAST";
  hold_open: boolean;
}

/**
 * The protection of one lead as the caller may see it (the view is security_invoker: RLS decides),
 * or undefined when the lead is not visible or has no current assignment. `at` evaluates the rules
 * at another moment (tests, what-if); the default is the transaction's clock.
 */
export async function readProtection(tx: Tx, leadId: string, at?: Date): Promise<ProtectionRow | undefined> {
  if (at) await tx.$executeRaw`SELECT set_config('app.now', ${at.toISOString()}, true)`;
  const rows = await tx.$queryRaw<ProtectionRow[]>`
    SELECT lead_id, org_id, assignment_id, owner_user_id, assigned_at, last_qual_activity_at,
           last_progress_at, extension_days,
           extract(epoch FROM paused_since_assigned)::float8 AS paused_seconds,
           base_until, progress_until, valid_until, grace_until, status, due_soon, reminder_due_at,
           mode, hold_open
    FROM v_lead_protection WHERE lead_id = ${leadId}::uuid`;
  return rows[0];
}
