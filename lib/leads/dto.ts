import type { ProtectionRow } from "./queries";

/** A lead's protection as the API and the UI show it (ISO 8601 UTC). */
export interface ProtectionDto {
  status: "ACTIVE" | "GRACE" | "EXPIRED";
  ownerUserId: string;
  assignedAt: string;
  lastQualActivityAt: string | null;
  baseUntil: string;
  progressUntil: string;
  validUntil: string;
  graceUntil: string;
  reminderDueAt: string | null;
  dueSoon: boolean;
  pausedSeconds: number;
  extensionDays: number;
  holdOpen: boolean;
  mode: "GREATEST" | "LEAST";
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function protectionDto(p: ProtectionRow | undefined): ProtectionDto | null {
  if (!p) return null;
  return {
    status: p.status,
    ownerUserId: p.owner_user_id,
    assignedAt: p.assigned_at.toISOString(),
    lastQualActivityAt: iso(p.last_qual_activity_at),
    baseUntil: p.base_until.toISOString(),
    progressUntil: p.progress_until.toISOString(),
    validUntil: p.valid_until.toISOString(),
    graceUntil: p.grace_until.toISOString(),
    reminderDueAt: iso(p.reminder_due_at),
    dueSoon: p.due_soon,
    pausedSeconds: p.paused_seconds,
    extensionDays: p.extension_days,
    holdOpen: p.hold_open,
    mode: p.mode,
  };
}
