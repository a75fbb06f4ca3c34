import type { ProtectionRow } from "./queries";
import type { TProtection } from "./schemas";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A lead's protection as the API and the UI show it (ISO 8601 UTC): ZProtection's shape. */
export function protectionDto(p: ProtectionRow | undefined): TProtection | null {
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
