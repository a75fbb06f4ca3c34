import "server-only";

import { authorize } from "@/lib/auth/policy";
import { withOrg, type DbContext, type Tx, type OrgContext } from "@/lib/db";

import { AUDIT_CSV_HEADER, auditCsvRecord, csvRow, UTF8_BOM } from "./csv";
import {
  existsBeyond,
  selectEventsAfter,
  selectEventsBefore,
  selectExportBounds,
  selectMemberNames,
  selectResourceNames,
  type AuditEventRow,
} from "./queries";
import { redact } from "./redact";
import { sealEvents } from "./seal";
import { AUDIT_EXPORT_CAP, AUDIT_PAGE_SIZE, type TAuditCursor, type TAuditFilter } from "./schemas";

export interface AuditInput {
  /** `<domain>.<thing>.<verb>` in the past tense, e.g. `lead.hold.created`. */
  action: string;
  resourceType: string;
  resourceId?: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one event to the organisation's audit chain, in the caller's transaction: if the change
 * it records rolls back, so does the event. Secrets and personal data are redacted first. The
 * database links the event to the previous one (trigger app_audit_link); the app seals it with the
 * chain's key (seal.ts).
 */
export async function recordAudit(tx: Tx, ctx: DbContext, event: AuditInput): Promise<void> {
  await recordAudits(tx, ctx, [event]);
}

/**
 * Appends several events in one statement, in their order (a job's batch: one round trip instead
 * of one per event). The link trigger runs per row and sees the rows before it in the statement,
 * so the chain is the same as with one call per event.
 */
export async function recordAudits(tx: Tx, ctx: DbContext, events: readonly AuditInput[]): Promise<void> {
  if (events.length === 0) return;
  const actor =
    ctx.actor ??
    (ctx.userId ? { type: "user" as const, id: ctx.userId } : { type: "system" as const, id: null });
  const jsonText = (value: unknown) =>
    value === undefined || value === null ? null : JSON.stringify(redact(value));
  // One statement through unnest, in the events' order: a job writes hundreds at once, and
  // Prisma's createMany spent ~3 ms per row building the statement. The trigger links each row and
  // returns its hash, which the seal then covers (seal.ts).
  const appended = await tx.$queryRaw<{ id: string; hash: string }[]>`
    INSERT INTO audit_event (org_id, actor_type, actor_id, action, resource_type, resource_id, before, after,
                             request_id, ip)
    SELECT ${ctx.orgId}::uuid, ${actor.type}, ${actor.id}, e.action, e.resource_type, e.resource_id,
           e.before, e.after, ${ctx.requestId ?? null}, ${ctx.ip ?? null}
    FROM unnest(${events.map((e) => e.action)}::text[], ${events.map((e) => e.resourceType)}::text[],
                ${events.map((e) => e.resourceId ?? null)}::text[], ${events.map((e) => jsonText(e.before))}::jsonb[],
                ${events.map((e) => jsonText(e.after))}::jsonb[])
         WITH ORDINALITY AS e(action, resource_type, resource_id, before, after, n)
    ORDER BY e.n
    RETURNING id::text, hash`;
  await sealEvents(tx, ctx.orgId, appended);
}

/** The reader's side: ABAC first, then the organisation's own transaction (RLS the second wall). */
function authorizeAudit(ctx: OrgContext, action: "audit.read" | "audit.export"): void {
  authorize(ctx, action, {
    type: "audit",
    orgId: ctx.orgId,
  });
}

export interface AuditPage {
  /** Newest first, at most AUDIT_PAGE_SIZE. */
  events: AuditEventRow[];
  /** Cursor for the next newer page (`after`), or null on the newest page. */
  newer: string | null;
  /** Cursor for the next older page (`before`), or null on the oldest page. */
  older: string | null;
  /** What the events' resources are called (a lead's company, a token's or product's name), by `type:id`. */
  resourceNames: Map<string, string>;
}

/** One page of the organisation's audit trail, filtered, newest first. */
export async function listAuditEvents(
  ctx: OrgContext,
  filter: TAuditFilter,
  cursor: TAuditCursor = {},
): Promise<AuditPage> {
  authorizeAudit(ctx, "audit.read");
  return withOrg(ctx, async (tx) => {
    const { orgId } = ctx;
    let events: AuditEventRow[];
    if (cursor.after && !cursor.before) {
      events = await selectEventsAfter(tx, orgId, filter, cursor.after, AUDIT_PAGE_SIZE);
      // Fewer than a page newer than the cursor: show the newest page instead of a short one.
      if (events.length < AUDIT_PAGE_SIZE)
        events = await selectEventsBefore(tx, orgId, filter, undefined, AUDIT_PAGE_SIZE);
    } else {
      events = await selectEventsBefore(tx, orgId, filter, cursor.before, AUDIT_PAGE_SIZE);
    }
    const first = events[0]?.id;
    const last = events.at(-1)?.id;
    const hasNewer = first ? await existsBeyond(tx, orgId, filter, "newer", first) : false;
    const hasOlder = last ? await existsBeyond(tx, orgId, filter, "older", last) : false;
    return {
      events,
      newer: hasNewer ? (first ?? null) : null,
      older: hasOlder ? (last ?? null) : null,
      resourceNames: await selectResourceNames(tx, orgId, events),
    };
  });
}

/** Names of the organisation's members by user id: the actors a reader can pick and recognise. */
export async function listAuditActors(ctx: OrgContext): Promise<Map<string, string>> {
  authorizeAudit(ctx, "audit.read");
  return withOrg(ctx, (tx) => selectMemberNames(tx, ctx.orgId));
}

export interface AuditExport {
  /** Rows the export holds (at most AUDIT_EXPORT_CAP). */
  rows: number;
  /** True when more events matched than the cap: the newest AUDIT_EXPORT_CAP are exported. */
  truncated: boolean;
  /** The CSV text, in pieces: the BOM and header first, then a batch of rows at a time. */
  chunks: AsyncGenerator<string>;
}

const EXPORT_BATCH = 1_000;

/**
 * A CSV export of the events that match, as they stand when it starts: later events are left out.
 * The export itself is recorded (`audit.exported`), since it hands the trail out of the system.
 * Rows are read in batches, each in its own short transaction, so a slow download holds no
 * transaction open.
 */
export async function exportAuditEvents(
  ctx: OrgContext,
  filter: TAuditFilter,
  cap: number = AUDIT_EXPORT_CAP,
): Promise<AuditExport> {
  authorizeAudit(ctx, "audit.export");
  const { orgId } = ctx;
  const start = await withOrg(ctx, async (tx) => {
    const { matching, upTo } = await selectExportBounds(tx, orgId, filter, cap);
    const rows = Math.min(matching, cap);
    const truncated = matching > cap;
    await recordAudit(tx, ctx, {
      action: "audit.exported",
      resourceType: "audit",
      after: { filter, rows, truncated },
    });
    return { rows, truncated, upTo };
  });

  async function* chunks(): AsyncGenerator<string> {
    yield UTF8_BOM + csvRow(AUDIT_CSV_HEADER);
    if (start.upTo === null || start.rows === 0) return;
    const memberNames = await withOrg(ctx, (tx) => selectMemberNames(tx, orgId));
    let before = (BigInt(start.upTo) + BigInt(1)).toString();
    let remaining = start.rows;
    while (remaining > 0) {
      const batch = await withOrg(ctx, (tx) =>
        selectEventsBefore(tx, orgId, filter, before, Math.min(EXPORT_BATCH, remaining)),
      );
      if (batch.length === 0) return;
      yield batch.map((event) => csvRow(auditCsvRecord(event, memberNames))).join("");
      remaining -= batch.length;
      before = batch[batch.length - 1].id;
    }
  }

  return { rows: start.rows, truncated: start.truncated, chunks: chunks() };
}
