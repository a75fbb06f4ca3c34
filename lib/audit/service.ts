import "server-only";

import type { DbContext, Prisma, Tx } from "@/lib/db";

import { redact } from "./redact";

export interface AuditInput {
  /** `<domain>.<thing>.<verb>` in the past tense, e.g. `lead.hold.created`. */
  action: string;
  resourceType: string;
  resourceId?: string | null;
  before?: unknown;
  after?: unknown;
}

function json(value: unknown): Prisma.InputJsonValue | undefined {
  return value === undefined ? undefined : (redact(value) as Prisma.InputJsonValue);
}

/**
 * Appends one event to the organisation's audit chain, in the caller's transaction: if the change
 * it records rolls back, so does the event. Secrets and personal data are redacted first. The
 * database links the event to the previous one (trigger app_audit_link).
 */
export async function recordAudit(tx: Tx, ctx: DbContext, event: AuditInput): Promise<void> {
  const actor = ctx.actor ?? (ctx.userId ? { type: "user" as const, id: ctx.userId } : { type: "system" as const, id: null });
  await tx.auditEvent.createMany({
    data: [
      {
        orgId: ctx.orgId,
        actorType: actor.type,
        actorId: actor.id,
        action: event.action,
        resourceType: event.resourceType,
        resourceId: event.resourceId ?? null,
        before: json(event.before),
        after: json(event.after),
        requestId: ctx.requestId ?? null,
        ip: ctx.ip ?? null,
      },
    ],
  });
}
