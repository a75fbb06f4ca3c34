import "server-only";

import { providerClients } from "@/lib/ai/providers";
import { routeAi, type RouterOptions } from "@/lib/ai/router";
import { ZEmailTriageOutput } from "@/lib/ai/use-cases/email";
import { withContext, withOrg, type DbContext, type OrgContext, type Tx } from "@/lib/db";
import { isAppError } from "@/lib/errors";

import { redactError } from "../errors";
import { callVendor, flushCallRecords } from "../resilience";
import { imapTargetOf, openMailConnection } from "./connection";
import { readMailbox, type InboxMessage } from "./imap";

/**
 * The inbox reader: the job mail-inbox-poll (every five minutes) and, on a self-hosted server, the
 * IDLE watcher (idle.ts, within seconds of a new message) run the same one-organisation read,
 * pollOrgInbox. Per organisation it reads the mailbox of its
 * enabled all-inkl mail connection that names an IMAP host, through callVendor, from the UID after
 * the last one read (mail_inbox_state; a new UIDVALIDITY starts over). Each message is recorded
 * once (mail_message: by place, and by Message-ID within the organisation, so a copy in another
 * mailbox or after a new UIDVALIDITY is not read twice).
 *
 * A message whose sender is a lead's contact address, or writes from the domain of that address
 * (not a mail provider's domain shared by strangers), becomes a suggestion on that lead; with AI
 * configured, email.triage classifies it and proposes the activity. Mail from anyone else becomes
 * no suggestion and is never sent to an AI provider. Messages older than MAX_AGE_DAYS (a first
 * read of a full mailbox) are recorded without a suggestion.
 */

export const MAX_AGE_DAYS = 30;
const BATCH = 200;
const EXCERPT_CHARS = 400;

/** Mail providers whose domain says nothing about the company: only the full address matches. */
export const SHARED_DOMAINS = new Set([
  "gmail.com",
  "googlemail.com",
  "gmx.de",
  "gmx.net",
  "gmx.at",
  "gmx.ch",
  "web.de",
  "t-online.de",
  "freenet.de",
  "arcor.de",
  "posteo.de",
  "mailbox.org",
  "outlook.com",
  "outlook.de",
  "hotmail.com",
  "hotmail.de",
  "live.com",
  "live.de",
  "yahoo.com",
  "yahoo.de",
  "icloud.com",
  "me.com",
  "aol.com",
  "protonmail.com",
  "proton.me",
  "online.de",
  "email.de",
]);

export interface InboxCounts {
  orgs: number;
  read: number;
  duplicates: number;
  suggestions: number;
  unknownSenders: number;
  triaged: number;
  notConfigured: number;
  orgsFailed: number;
}

export interface InboxOptions {
  router?: RouterOptions;
  now?: () => Date;
}

interface Match {
  leadId: string;
  matchedBy: "address" | "domain";
}

/** The leads a sender belongs to: by address first; by domain only when no address matches. */
export async function matchLeads(tx: Tx, orgId: string, address: string): Promise<Match[]> {
  const domain = address.split("@")[1] ?? "";
  const byDomain = domain !== "" && !SHARED_DOMAINS.has(domain);
  const rows = await tx.$queryRaw<{ id: string; exact: boolean }[]>`
    SELECT id::text, contact_email = ${address} AS exact
    FROM lead
    WHERE org_id = ${orgId}::uuid AND pseudonymised_at IS NULL AND contact_email IS NOT NULL
      AND (contact_email = ${address}
           OR (${byDomain} AND split_part(contact_email, '@', 2) = ${domain}))
    ORDER BY exact DESC, created_at
    LIMIT 5`;
  const exact = rows.filter((r) => r.exact);
  return (exact.length > 0 ? exact : rows).map((r) => ({
    leadId: r.id,
    matchedBy: r.exact ? "address" : "domain",
  }));
}

interface Triage {
  kind: string | null;
  summary: string | null;
  action: string | null;
}

async function triage(ctx: OrgContext, message: InboxMessage, options: InboxOptions): Promise<Triage | null> {
  const text = [
    `Von: ${message.fromName ? `${message.fromName} <${message.fromAddress}>` : message.fromAddress}`,
    `Betreff: ${message.subject}`,
    "",
    message.text,
  ]
    .join("\n")
    .slice(0, 8000);
  try {
    const answer = await routeAi(ctx, { useCase: "email.triage", input: { text } }, options.router);
    const output = ZEmailTriageOutput.parse(answer.output);
    return { kind: output.activityKind, summary: output.summary.slice(0, 500), action: output.action };
  } catch (error) {
    // Over budget, no provider reachable, an answer that does not fit: the suggestion comes without.
    if (!isAppError(error))
      console.error("[mail-inbox-poll] email.triage failed", redactError(String(error)));
    return null;
  }
}

function excerptOf(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= EXCERPT_CHARS ? flat : `${flat.slice(0, EXCERPT_CHARS - 1)}…`;
}

/** Records one message (once) and its suggestions; what it became. */
async function storeMessage(
  ctx: OrgContext,
  place: { connectionId: string; mailbox: string; uidValidity: number },
  message: InboxMessage,
  options: InboxOptions,
  aiConfigured: boolean,
  now: Date,
): Promise<{ outcome: "duplicate" | "unknown" | "suggested"; triaged: boolean }> {
  const { seen, matches } = await withOrg(ctx, async (tx) => {
    const [dupe] = await tx.$queryRaw<{ one: number }[]>`
      SELECT 1 AS one FROM mail_message
      WHERE (connection_id = ${place.connectionId}::uuid AND mailbox = ${place.mailbox}
             AND uid_validity = ${place.uidValidity} AND uid = ${message.uid})
         OR (org_id = ${ctx.orgId}::uuid AND message_id = ${message.messageId})`;
    const tooOld = now.getTime() - message.receivedAt.getTime() > MAX_AGE_DAYS * 86_400_000;
    return {
      seen: Boolean(dupe),
      matches:
        dupe || tooOld || !message.fromAddress ? [] : await matchLeads(tx, ctx.orgId, message.fromAddress),
    };
  });
  if (seen) return { outcome: "duplicate", triaged: false };
  // Only mail from a lead's contact goes to the AI provider, outside any transaction.
  const verdict = matches.length > 0 && aiConfigured ? await triage(ctx, message, options) : null;
  const receivedAt = message.receivedAt > now ? now : message.receivedAt;
  const outcome = await withOrg(ctx, async (tx) => {
    const [row] = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO mail_message (org_id, connection_id, mailbox, uid_validity, uid, message_id, received_at,
                                suggestions)
      VALUES (${ctx.orgId}::uuid, ${place.connectionId}::uuid, ${place.mailbox}, ${place.uidValidity},
              ${message.uid}, ${message.messageId}, ${receivedAt}, ${matches.length})
      ON CONFLICT DO NOTHING
      RETURNING id::text`;
    if (!row) return "duplicate" as const;
    if (matches.length === 0) return "unknown" as const;
    for (const match of matches) {
      await tx.mailSuggestion.create({
        data: {
          orgId: ctx.orgId,
          leadId: match.leadId,
          messageRef: row.id,
          matchedBy: match.matchedBy,
          fromAddress: (message.fromAddress ?? "").slice(0, 320),
          fromName: message.fromName?.slice(0, 200) ?? null,
          subject: message.subject.slice(0, 500),
          receivedAt,
          excerpt: excerptOf(message.text),
          ...(verdict?.action === "activity" && verdict.kind ? { proposedKind: verdict.kind } : {}),
          proposedSummary: verdict?.summary ?? null,
          aiAction: verdict?.action ?? null,
        },
      });
    }
    return "suggested" as const;
  });
  return { outcome, triaged: verdict !== null };
}

/** Reads one organisation's inbox. */
export async function pollOrgInbox(
  ctx: OrgContext,
  options: InboxOptions = {},
): Promise<Omit<InboxCounts, "orgs" | "orgsFailed">> {
  const counts = { read: 0, duplicates: 0, suggestions: 0, unknownSenders: 0, triaged: 0, notConfigured: 0 };
  const now = (options.now ?? (() => new Date()))();
  const found = await withOrg(ctx, async (tx) => {
    const connection = await openMailConnection(tx, ctx.orgId);
    if (!connection || connection === "incomplete") return null;
    const target = imapTargetOf(connection.settings, connection.secrets);
    if (!target) return null;
    const mailbox = target.mailbox;
    const state = await tx.mailInboxState.findUnique({
      where: { connectionId_mailbox: { connectionId: connection.id, mailbox } },
      select: { uidValidity: true, lastUid: true },
    });
    return { connectionId: connection.id, target, state };
  });
  if (!found) {
    counts.notConfigured = 1;
    return counts;
  }
  const { connectionId, target, state } = found;
  const run = await withOrg(ctx, (tx) =>
    tx.syncRun.create({ data: { orgId: ctx.orgId, connectionId, kind: "mail.inbox" }, select: { id: true } }),
  );
  const aiConfigured = Object.keys(options.router?.clients ?? providerClients()).length > 0;
  let error: string | null = null;
  try {
    const read = await callVendor({
      ctx,
      provider: "ALLINKL_MAIL",
      connectionId,
      operation: "imap.fetch",
      idempotent: true,
      run: ({ signal }) =>
        readMailbox(
          target,
          (uidValidity) =>
            state && Number(state.uidValidity) === uidValidity ? Number(state.lastUid) + 1 : 1,
          BATCH,
          signal,
        ),
    });
    const place = { connectionId, mailbox: target.mailbox, uidValidity: read.uidValidity };
    let lastUid = state && Number(state.uidValidity) === read.uidValidity ? Number(state.lastUid) : 0;
    for (const message of read.messages) {
      const { outcome, triaged } = await storeMessage(ctx, place, message, options, aiConfigured, now);
      counts.read += 1;
      if (triaged) counts.triaged += 1;
      if (outcome === "duplicate") counts.duplicates += 1;
      else if (outcome === "unknown") counts.unknownSenders += 1;
      else counts.suggestions += 1;
      lastUid = Math.max(lastUid, message.uid);
      await withOrg(ctx, (tx) => saveState(tx, ctx.orgId, place, lastUid));
    }
    if (read.messages.length === 0) await withOrg(ctx, (tx) => saveState(tx, ctx.orgId, place, lastUid));
  } catch (failure) {
    error = redactError(failure instanceof Error ? failure.message : String(failure), 2000);
    throw failure;
  } finally {
    await withOrg(ctx, (tx) =>
      tx.syncRun.update({
        where: { id: run.id },
        data: { finishedAt: new Date(), counts: { ...counts }, error },
      }),
    );
  }
  return counts;
}

async function saveState(
  tx: Tx,
  orgId: string,
  place: { connectionId: string; mailbox: string; uidValidity: number },
  lastUid: number,
): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO mail_inbox_state (org_id, connection_id, mailbox, uid_validity, last_uid, polled_at)
    VALUES (${orgId}::uuid, ${place.connectionId}::uuid, ${place.mailbox}, ${place.uidValidity}, ${lastUid}, now())
    ON CONFLICT (connection_id, mailbox) DO UPDATE
    SET uid_validity = EXCLUDED.uid_validity, polled_at = EXCLUDED.polled_at,
        last_uid = CASE WHEN mail_inbox_state.uid_validity = EXCLUDED.uid_validity
                        THEN greatest(mail_inbox_state.last_uid, EXCLUDED.last_uid)
                        ELSE EXCLUDED.last_uid END`;
}

/** Every organisation's inbox, each in its own context; one organisation's failure is counted. */
export async function pollInboxes(system: DbContext, options: InboxOptions = {}): Promise<InboxCounts> {
  const orgIds = await withContext(
    system,
    (tx) => tx.$queryRaw<{ id: string }[]>`SELECT id::text FROM app_job_org_ids() AS id`,
  );
  const total: InboxCounts = {
    orgs: orgIds.length,
    read: 0,
    duplicates: 0,
    suggestions: 0,
    unknownSenders: 0,
    triaged: 0,
    notConfigured: 0,
    orgsFailed: 0,
  };
  for (const { id } of orgIds) {
    try {
      const counts = await pollOrgInbox({ ...system, orgId: id }, options);
      for (const key of Object.keys(counts) as (keyof typeof counts)[]) total[key] += counts[key];
    } catch (error) {
      total.orgsFailed += 1;
      console.error(`[mail-inbox-poll] organisation ${id} failed`, redactError(String(error)));
    }
  }
  await flushCallRecords();
  return total;
}
