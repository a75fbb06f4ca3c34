import "server-only";

import type { Tx } from "@/lib/db";

import { openSecrets, type Secrets } from "../crypto";
import { ZMailSettings, type TMailSettings } from "../schemas";
import type { ImapTarget } from "./imap";

/** An organisation's enabled all-inkl mail connection, its settings read and its secrets opened. */
export interface MailConnection {
  id: string;
  updatedAt: Date;
  settings: TMailSettings;
  secrets: Secrets;
}

/**
 * The organisation's enabled all-inkl mail connection (SMTP, IMAP and KAS all read it), or null when
 * it has none, or "incomplete" when it has one whose settings or secrets cannot be read. RLS: its
 * admins and the system context read connections.
 */
export async function openMailConnection(
  tx: Tx,
  orgId: string,
): Promise<MailConnection | "incomplete" | null> {
  const connection = await tx.integrationConnection.findFirst({
    where: { orgId, provider: "ALLINKL_MAIL", enabled: true },
    select: { id: true, settings: true, secrets: true, keyId: true, updatedAt: true },
  });
  if (!connection) return null;
  const settings = ZMailSettings.safeParse(connection.settings);
  if (!settings.success || !connection.secrets || !connection.keyId) return "incomplete";
  return {
    id: connection.id,
    updatedAt: connection.updatedAt,
    settings: settings.data,
    secrets: openSecrets(connection.id, { secrets: connection.secrets, keyId: connection.keyId }),
  };
}

/**
 * Where the connection's inbox is read, or null when it names no IMAP host. The login is the SMTP
 * one (all-inkl's mail accounts have one); port 993 with TLS, 143 otherwise, unless it names one.
 */
export function imapTargetOf(settings: TMailSettings, secrets: Secrets): ImapTarget | null {
  if (!settings.imapHost) return null;
  const security = settings.imapSecurity ?? "tls";
  return {
    host: settings.imapHost,
    port: settings.imapPort ?? (security === "tls" ? 993 : 143),
    security,
    user: settings.user,
    password: secrets.password ?? "",
    mailbox: settings.mailbox ?? "INBOX",
  };
}
