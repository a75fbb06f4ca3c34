import "server-only";

import type { DbContext, Tx } from "@/lib/db";
import { withContext, withOrg } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { resolveLocale } from "@/lib/i18n/config";
import { openPasswordToken, passwordLinkUrl } from "@/lib/auth/password-links";
import { feedbackUrl, openToken } from "@/lib/samples/tokens";

import { redactError } from "../errors";
import { callVendor, flushCallRecords } from "../resilience";
import { renderMail, MissingTemplateError } from "./templates";
import { resolveMailRoute, SmtpError, transporterFor, type MailRoute } from "./transport";

/**
 * The outbox sender (job outbox-deliver): delivers the organisations' EMAIL rows over SMTP.
 *
 * Each row is sent at most once, even with several senders running: a sender claims due rows with
 * FOR UPDATE SKIP LOCKED and marks them SENDING (attempts + 1, claimed for LEASE_MS) in the same
 * committed statement, sends outside any transaction, then settles each row only if it is still
 * SENDING. A claim that runs out (the sender died mid-send) makes the row due again; the receiver can
 * recognise such a rare second copy by its Message-ID, which is fixed per row.
 *
 * Outcomes: accepted → SENT (sent_at, message_id); refused for good (SMTP 5xx, no template) →
 * FAILED with the server's answer; anything transient (4xx, network, timeout, an open breaker, the
 * credentials refused) → QUEUED again after a capped exponential backoff, FAILED after MAX_ATTEMPTS.
 * Without a mail route the rows stay QUEUED and count as `notConfigured`.
 */

export const LEASE_MS = 5 * 60_000;
export const MAX_ATTEMPTS = 8;
const BASE_BACKOFF_MS = 60_000;
const MAX_BACKOFF_MS = 6 * 3_600_000;

export interface DeliverOptions {
  /** Rows claimed at a time per organisation. */
  batch?: number;
  /** Messages in flight at once per organisation (the transport's pool holds 2 connections). */
  concurrency?: number;
  /** Stop claiming new batches after this long, so a run ends before the next one is due. */
  budgetMs?: number;
  now?: () => Date;
}

export interface DeliverCounts {
  orgs: number;
  sent: number;
  retried: number;
  failed: number;
  notConfigured: number;
  orgsFailed: number;
}

interface ClaimedRow {
  id: string;
  template: string;
  payload: Record<string, unknown>;
  attempts: number;
  email: string;
  name: string;
  locale: string;
}

/** The delay before attempt n+1 after n failed ones: 1, 2, 4, … minutes, at most 6 h, jittered. */
export function backoffMs(attempts: number, random = Math.random()): number {
  const capped = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(capped / 2 + (capped / 2) * random);
}

/** Claims up to `batch` due rows of the organisation (see above); SENDING rows whose claim ran out too. */
export function claimDue(tx: Tx, orgId: string, batch: number): Promise<ClaimedRow[]> {
  return tx.$queryRaw<ClaimedRow[]>`
    WITH due AS (
      SELECT id FROM notification_outbox
      WHERE org_id = ${orgId}::uuid AND channel = 'EMAIL' AND state IN ('QUEUED', 'SENDING')
        AND next_attempt_at <= now()
      ORDER BY next_attempt_at, created_at
      LIMIT ${batch}
      FOR UPDATE SKIP LOCKED
    ), claimed AS (
      UPDATE notification_outbox o
      SET state = 'SENDING', attempts = o.attempts + 1,
          next_attempt_at = now() + make_interval(secs => ${LEASE_MS / 1000})
      FROM due WHERE o.id = due.id
      RETURNING o.id, o.template, o.payload, o.attempts, o.recipient_user_id, o.recipient_email,
                o.recipient_locale
    )
    SELECT c.id::text, c.template, c.payload, c.attempts,
           coalesce(c.recipient_email, c.payload ->> 'recipientEmail', u.email) AS email,
           CASE WHEN c.recipient_email IS NOT NULL OR c.payload ? 'recipientEmail'
                THEN coalesce(c.payload ->> 'recipientName', '')
                ELSE u.name END AS name,
           coalesce(c.recipient_locale, c.payload ->> 'locale', u.locale) AS locale
    FROM claimed c LEFT JOIN app_user u ON u.id = c.recipient_user_id`;
}

type Settlement =
  | { state: "SENT"; messageId: string }
  | { state: "FAILED"; error: string }
  | { state: "QUEUED"; error: string; at: Date; refund?: boolean };

async function settle(tx: Tx, id: string, outcome: Settlement, now: Date): Promise<void> {
  if (outcome.state === "SENT") {
    await tx.$executeRaw`
      UPDATE notification_outbox
      SET state = 'SENT', sent_at = ${now}, message_id = ${outcome.messageId}, last_error = NULL
      WHERE id = ${id}::uuid AND state = 'SENDING'`;
  } else if (outcome.state === "FAILED") {
    await tx.$executeRaw`
      UPDATE notification_outbox SET state = 'FAILED', last_error = ${outcome.error}
      WHERE id = ${id}::uuid AND state = 'SENDING'`;
  } else {
    await tx.$executeRaw`
      UPDATE notification_outbox
      SET state = 'QUEUED', last_error = ${outcome.error}, next_attempt_at = ${outcome.at},
          attempts = attempts - ${outcome.refund ? 1 : 0}
      WHERE id = ${id}::uuid AND state = 'SENDING'`;
  }
}

/**
 * A customer's feedback invitation carries its link sealed (lib/samples/tokens.ts: only the token's
 * hash is stored); the mail gets the link itself as `{url}`, opened here, at the moment of sending.
 */
function withLink(payload: Record<string, unknown>): Record<string, unknown> {
  // A member's set-password link (lib/auth/password-links.ts) is sealed the same way.
  if (typeof payload.passwordTokenSealed === "string") {
    const { passwordTokenSealed, ...rest } = payload;
    return { ...rest, url: passwordLinkUrl(openPasswordToken(passwordTokenSealed)) };
  }
  if (typeof payload.tokenSealed !== "string") return payload;
  const { tokenSealed, ...rest } = payload;
  return { ...rest, url: feedbackUrl(openToken(tokenSealed)) };
}

/** The Message-ID of a row: fixed, so a second copy is recognisable; the sender's domain. */
export function messageIdFor(rowId: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? "freshplan.invalid";
  return `<${rowId}@${domain}>`;
}

async function sendOne(
  ctx: DbContext & { orgId: string },
  route: MailRoute,
  orgName: string,
  row: ClaimedRow,
  now: Date,
): Promise<Settlement> {
  const locale = resolveLocale(row.locale);
  let mail;
  try {
    mail = renderMail(row.template, locale, withLink(row.payload), { recipientName: row.name, orgName });
  } catch (error) {
    const reason = error instanceof MissingTemplateError ? error.message : `cannot render: ${String(error)}`;
    return { state: "FAILED", error: redactError(reason, 2000) };
  }
  const messageId = messageIdFor(row.id, route.from);
  try {
    await callVendor({
      ctx,
      provider: route.provider,
      connectionId: route.connectionId,
      operation: "smtp.send",
      // Retried by the outbox (next_attempt_at), never inside one claim.
      idempotent: false,
      async run() {
        try {
          return await transporterFor(route).sendMail({
            from: route.from,
            to: row.email,
            subject: mail.subject,
            text: mail.text,
            html: mail.html,
            messageId,
            headers: { "Auto-Submitted": "auto-generated" },
          });
        } catch (error) {
          throw new SmtpError(error);
        }
      },
    });
    return { state: "SENT", messageId };
  } catch (error) {
    const text = redactError(error instanceof Error ? error.message : String(error), 2000);
    if (isAppError(error) && error.kind === "integration_unavailable") {
      const until =
        (error.text?.params?.until as Date | undefined) ?? new Date(now.getTime() + BASE_BACKOFF_MS);
      return { state: "QUEUED", error: text, at: until, refund: true };
    }
    if (error instanceof SmtpError && !error.transient && !error.isAuth)
      return { state: "FAILED", error: text };
    if (row.attempts >= MAX_ATTEMPTS) {
      return { state: "FAILED", error: redactError(`gave up after ${row.attempts} attempts: ${text}`, 2000) };
    }
    return { state: "QUEUED", error: text, at: new Date(now.getTime() + backoffMs(row.attempts)) };
  }
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(lanes);
}

/** Delivers one organisation's due e-mails. */
export async function deliverOrg(
  ctx: DbContext & { orgId: string },
  options: DeliverOptions = {},
): Promise<Omit<DeliverCounts, "orgs" | "orgsFailed">> {
  const batch = options.batch ?? 50;
  const concurrency = options.concurrency ?? 2;
  const deadline = Date.now() + (options.budgetMs ?? 45_000);
  const clock = options.now ?? (() => new Date());
  const counts = { sent: 0, retried: 0, failed: 0, notConfigured: 0 };

  const { route, orgName } = await withOrg(ctx, async (tx) => ({
    route: await resolveMailRoute(tx, ctx.orgId),
    orgName:
      (await tx.organization.findFirst({ where: { id: ctx.orgId }, select: { name: true } }))?.name ?? "",
  }));
  if (!route) {
    counts.notConfigured = await withOrg(ctx, (tx) =>
      tx.notificationOutbox.count({ where: { orgId: ctx.orgId, channel: "EMAIL", state: "QUEUED" } }),
    );
    return counts;
  }
  for (;;) {
    const rows = await withOrg(ctx, (tx) => claimDue(tx, ctx.orgId, batch));
    await inParallel(rows, concurrency, async (row) => {
      const now = clock();
      const outcome = await sendOne(ctx, route, orgName, row, now);
      await withOrg(ctx, (tx) => settle(tx, row.id, outcome, now));
      if (outcome.state === "SENT") counts.sent += 1;
      else if (outcome.state === "FAILED") counts.failed += 1;
      else counts.retried += 1;
    });
    if (rows.length < batch || Date.now() > deadline) break;
  }
  return counts;
}

/** Every organisation's due e-mails, each in its own context; one organisation's failure is counted. */
export async function deliverOutbox(system: DbContext, options: DeliverOptions = {}): Promise<DeliverCounts> {
  const orgIds = await withContext(
    system,
    (tx) => tx.$queryRaw<{ id: string }[]>`SELECT id::text FROM app_job_org_ids() AS id`,
  );
  const total: DeliverCounts = {
    orgs: orgIds.length,
    sent: 0,
    retried: 0,
    failed: 0,
    notConfigured: 0,
    orgsFailed: 0,
  };
  for (const { id } of orgIds) {
    try {
      const counts = await deliverOrg({ ...system, orgId: id }, options);
      total.sent += counts.sent;
      total.retried += counts.retried;
      total.failed += counts.failed;
      total.notConfigured += counts.notConfigured;
    } catch (error) {
      total.orgsFailed += 1;
      console.error(`[outbox-deliver] organisation ${id} failed`, error);
    }
  }
  await flushCallRecords();
  return total;
}
