import "server-only";

import nodemailer, { type Transporter } from "nodemailer";
import type SMTPPool from "nodemailer/lib/smtp-pool";

import type { Tx } from "@/lib/db";
import { env } from "@/lib/env";

import { IntegrationError, isNetworkError } from "../errors";
import type { Provider } from "../resilience";

import { openMailConnection } from "./connection";

/**
 * How an organisation's e-mail leaves: its enabled all-inkl mail connection, or else the
 * installation's SMTP_URL with MAIL_FROM, or nothing ("not configured": the rows stay queued).
 */
export interface MailRoute {
  provider: Extract<Provider, "ALLINKL_MAIL" | "SMTP_ENV">;
  connectionId: string | null;
  from: string;
  /** Identifies the transport's configuration: a changed connection gets a new transporter. */
  cacheKey: string;
  options: string | SMTPPool.Options;
}

/** The organisation's mail route (RLS: its admins and the system context read connections). */
export async function resolveMailRoute(tx: Tx, orgId: string): Promise<MailRoute | null> {
  const connection = await openMailConnection(tx, orgId);
  if (connection === "incomplete") return null;
  if (!connection) return envRoute();
  const s = connection.settings;
  return {
    provider: "ALLINKL_MAIL",
    connectionId: connection.id,
    from: s.from,
    cacheKey: `${connection.id}:${connection.updatedAt.toISOString()}`,
    options: {
      host: s.host,
      port: s.port,
      secure: s.security === "tls",
      requireTLS: s.security === "starttls",
      ignoreTLS: s.security === "none",
      auth: { user: s.user, pass: connection.secrets.password ?? "" },
      pool: true,
      maxConnections: 2,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
    },
  };
}

export function envRoute(): MailRoute | null {
  const { SMTP_URL, MAIL_FROM } = env();
  if (!SMTP_URL || !MAIL_FROM) return null;
  return {
    provider: "SMTP_ENV",
    connectionId: null,
    from: MAIL_FROM,
    cacheKey: `env:${SMTP_URL}`,
    options: SMTP_URL,
  };
}

const globalForMail = globalThis as unknown as { freshplanTransporters?: Map<string, Transporter> };

/** One pooled transporter per route configuration, replaced when the configuration changes. */
export function transporterFor(route: MailRoute): Transporter {
  const cache = (globalForMail.freshplanTransporters ??= new Map());
  let transporter = cache.get(route.cacheKey);
  if (!transporter) {
    const prefix = route.cacheKey.split(":")[0];
    for (const [key, old] of cache) {
      if (key.split(":")[0] === prefix) {
        old.close();
        cache.delete(key);
      }
    }
    transporter =
      typeof route.options === "string"
        ? nodemailer.createTransport(withPool(route.options))
        : nodemailer.createTransport(route.options);
    cache.set(route.cacheKey, transporter);
  }
  return transporter;
}

function withPool(url: string): string {
  return url.includes("pool=") ? url : `${url}${url.includes("?") ? "&" : "?"}pool=true&maxConnections=2`;
}

/** Closes every transporter (tests, shutdown). */
export function closeTransporters(): void {
  for (const transporter of globalForMail.freshplanTransporters?.values() ?? []) transporter.close();
  globalForMail.freshplanTransporters?.clear();
}

/** Nodemailer's failure as the framework's: SMTP 4xx and network trouble are transient, 5xx are not. */
export class SmtpError extends IntegrationError {
  /** Nodemailer's code: EAUTH, EENVELOPE, ECONNECTION, … */
  readonly code?: string;
  /** The server's answer, e.g. "550 5.1.1 mailbox unavailable". */
  readonly response?: string;

  constructor(error: unknown) {
    const e = error as { message?: string; responseCode?: number; response?: string; code?: string };
    const status = typeof e.responseCode === "number" ? e.responseCode : undefined;
    super(e.response ?? e.message ?? String(error), {
      status,
      transient:
        status === undefined
          ? isNetworkError(error) || e.code === "ETIMEDOUT" || e.code === "ECONNECTION"
          : status < 500,
    });
    this.name = "SmtpError";
    this.code = e.code;
    this.response = e.response;
  }

  /** The credentials were refused: the connection's problem, not this message's. */
  get isAuth(): boolean {
    return this.code === "EAUTH";
  }
}
