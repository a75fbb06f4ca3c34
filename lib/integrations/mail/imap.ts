import "server-only";

import { ImapFlow } from "imapflow";
import { simpleParser } from "mailparser";

import { IntegrationError } from "../errors";

/** Where and as whom the inbox is read. */
export interface ImapTarget {
  host: string;
  port: number;
  security: "tls" | "starttls" | "none";
  user: string;
  password: string;
  mailbox: string;
}

/** One message as the inbox needs it; the body only as a short plain-text excerpt. */
export interface InboxMessage {
  uid: number;
  messageId: string | null;
  /** When the server received it (INTERNALDATE), not the sender's Date header. */
  receivedAt: Date;
  fromAddress: string | null;
  fromName: string | null;
  subject: string;
  text: string;
}

export interface MailboxRead {
  uidValidity: number;
  /** Messages with a UID of at least `fromUid`, in UID order, at most `limit`. */
  messages: InboxMessage[];
  /** More messages wait after these. */
  more: boolean;
}

/** The most of a message that is read: enough for headers and the start of its text. */
const MAX_SOURCE_BYTES = 64 * 1024;

/**
 * An imapflow client for the target (not yet connected). Never IDLE on its own: the watcher
 * (idle.ts) asks for it with `idle: true`, then imapflow ends each IDLE after four minutes, to be
 * renewed (RFC 2177 lets a server drop it after 29), so the socket hears something well within
 * its timeout.
 */
export function imapClient(target: ImapTarget, options: { idle?: boolean } = {}): ImapFlow {
  return new ImapFlow({
    host: target.host,
    port: target.port,
    secure: target.security === "tls",
    doSTARTTLS: target.security === "starttls" ? true : target.security === "none" ? false : undefined,
    auth: { user: target.user, pass: target.password },
    logger: false,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: options.idle ? 10 * 60_000 : 60_000,
    ...(options.idle ? { maxIdleTime: 4 * 60_000 } : {}),
    disableAutoIdle: true,
  });
}

/**
 * Reads a mailbox read-only with imapflow: its UIDVALIDITY and the messages from a UID on. The
 * caller names the starting UID from what it has stored (1 after a new UIDVALIDITY). Failures are
 * the framework's IntegrationError: network trouble and the server's temporary refusals are
 * transient, a refused login is not.
 */
export async function readMailbox(
  target: ImapTarget,
  fromUid: (uidValidity: number) => number,
  limit: number,
  signal?: AbortSignal,
): Promise<MailboxRead> {
  const client = imapClient(target);
  const abort = () => client.close();
  signal?.addEventListener("abort", abort, { once: true });
  try {
    await client.connect();
    const mailbox = await client.mailboxOpen(target.mailbox, { readOnly: true });
    const uidValidity = Number(mailbox.uidValidity);
    const first = Math.max(1, fromUid(uidValidity));
    const messages: InboxMessage[] = [];
    let more = false;
    if (mailbox.exists > 0) {
      // "n:*" always names the highest message, even when n is above it: filter by UID.
      for await (const message of client.fetch(
        `${first}:*`,
        { uid: true, internalDate: true, source: { maxLength: MAX_SOURCE_BYTES } },
        { uid: true },
      )) {
        if (message.uid < first) continue;
        if (messages.length >= limit) {
          more = true;
          continue;
        }
        messages.push(await parse(message.uid, message.internalDate, message.source));
      }
    }
    messages.sort((x, y) => x.uid - y.uid);
    await client.logout();
    return { uidValidity, messages, more };
  } catch (error) {
    client.close();
    throw imapError(error);
  } finally {
    signal?.removeEventListener("abort", abort);
  }
}

/** What "Test connection" learns of the inbox: the mailbox opened read-only. */
export interface MailboxCheck {
  uidValidity: number;
  /** Messages in the mailbox. */
  exists: number;
}

/** Logs in and opens the mailbox read-only: "Test connection" for the inbox. Reads no message. */
export async function verifyMailbox(target: ImapTarget, signal?: AbortSignal): Promise<MailboxCheck> {
  const client = imapClient(target);
  const abort = () => client.close();
  signal?.addEventListener("abort", abort, { once: true });
  try {
    await client.connect();
    const mailbox = await client.mailboxOpen(target.mailbox, { readOnly: true });
    const check = { uidValidity: Number(mailbox.uidValidity), exists: mailbox.exists };
    await client.logout();
    return check;
  } catch (error) {
    client.close();
    throw imapError(error);
  } finally {
    signal?.removeEventListener("abort", abort);
  }
}

async function parse(uid: number, internalDate: unknown, source: Buffer | undefined): Promise<InboxMessage> {
  const parsed = await simpleParser(source ?? Buffer.alloc(0), {
    skipHtmlToText: false,
    skipImageLinks: true,
    skipTextLinks: true,
  });
  const from = parsed.from?.value[0];
  const received =
    internalDate instanceof Date ? internalDate : new Date(String(internalDate ?? parsed.date ?? Date.now()));
  return {
    uid,
    messageId: parsed.messageId?.slice(0, 998) ?? null,
    receivedAt: Number.isNaN(received.getTime()) ? new Date() : received,
    fromAddress: from?.address?.trim().toLowerCase() || null,
    fromName: from?.name?.trim() || null,
    subject: (parsed.subject ?? "").trim(),
    text: (parsed.text ?? "").trim(),
  };
}

export function imapError(error: unknown): Error {
  if (error instanceof IntegrationError) return error;
  const e = error as {
    message?: string;
    authenticationFailed?: boolean;
    responseStatus?: string;
    /** The server's own words, e.g. "[AUTHENTICATIONFAILED] Authentication failed." */
    responseText?: string;
    code?: string;
  };
  const message = e.responseText || e.message || String(error);
  if (e.authenticationFailed)
    return new IntegrationError(`IMAP login refused: ${message}`, { transient: false });
  // NO/BAD answers (no such mailbox, …) are this request's problem; the rest is the server or the network.
  if (e.responseStatus === "NO" || e.responseStatus === "BAD") {
    return new IntegrationError(`IMAP ${e.responseStatus}: ${message}`, { transient: false });
  }
  // Network trouble, timeouts, a dropped connection: worth another attempt later.
  return new IntegrationError(`IMAP: ${message}`, { transient: true });
}
