import "server-only";

import type { z } from "zod";

import { recordAudit } from "@/lib/audit/service";
import { authorize, type Subject } from "@/lib/auth/policy";
import { withOrg, type DbContext, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { AllianzTradeClient } from "./allianz-trade/client";
import { ZAllianzSettings } from "./allianz-trade/connection";
import { connectionConflict } from "./conflicts";
import { writeConnection } from "./connection-write";
import { canEncrypt, openSecrets } from "./crypto";
import { redactError } from "./errors";
import { kasAuthenticate } from "./kas/client";
import { kasPolicy, kasTarget } from "./kas/service";
import { imapTargetOf } from "./mail/connection";
import { verifyMailbox } from "./mail/imap";
import { envRoute, transporterFor, type MailRoute } from "./mail/transport";
import { callVendor, policyFor, type Provider } from "./resilience";
import { ZMailSettings, type TMailConnectionInput, type TMailSettings } from "./schemas";
import { XentralClient } from "./xentral/client";
import { ZXentralSettings } from "./xentral/schemas";
import { PAGE_SIZE_MIN } from "./xentral/wire";

/**
 * The Integrations area: the organisation's connections (admins only; secrets are write-only and
 * never leave the server), "Test connection", and the e-mail outbox with "retry". Every change is
 * audited; a changed secret is audited as `secretChanged: true`, never its value.
 */

type OrgContext = DbContext & { orgId: string; userId: string };

const subjectOf = (ctx: OrgContext): Subject => ({ userId: ctx.userId, orgId: ctx.orgId, roles: ctx.roles });
const resourceOf = (ctx: OrgContext) => ({ type: "integration", orgId: ctx.orgId });

export interface ConnectionView {
  id: string;
  provider: string;
  name: string;
  settings: Record<string, unknown>;
  /** A secret is stored (the form shows "set"); never the secret itself. */
  secretSet: boolean;
  enabled: boolean;
  updatedAt: string;
  breaker: "closed" | "open" | "half_open";
  breakerSince: string | null;
  breakerUntil: string | null;
  lastCall: { at: string; outcome: string; error: string | null; durationMs: number } | null;
  lastSuccessAt: string | null;
}

export interface OutboxRowView {
  id: string;
  template: string;
  recipient: string;
  state: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string;
}

export interface IntegrationsOverview {
  keyConfigured: boolean;
  /** How mail leaves: the org's connection, the installation's SMTP_URL, or not at all. */
  mailRoute: "connection" | "env" | "none";
  connections: ConnectionView[];
  outboxCounts: Record<"QUEUED" | "SENDING" | "SENT" | "FAILED", number>;
  outbox: OutboxRowView[];
  recentErrors: { at: string; provider: string; operation: string; outcome: string; error: string | null }[];
}

export async function getIntegrationsOverview(ctx: OrgContext): Promise<IntegrationsOverview> {
  authorize(subjectOf(ctx), "integration.manage", resourceOf(ctx));
  return withOrg(ctx, async (tx) => {
    const connections = await tx.integrationConnection.findMany({
      where: { orgId: ctx.orgId },
      orderBy: [{ provider: "asc" }, { name: "asc" }],
      select: {
        id: true,
        provider: true,
        name: true,
        settings: true,
        secrets: true,
        enabled: true,
        updatedAt: true,
      },
    });
    const views: ConnectionView[] = [];
    for (const c of connections) {
      const [last] = await tx.integrationCall.findMany({
        where: { orgId: ctx.orgId, connectionId: c.id },
        orderBy: { at: "desc" },
        take: 1,
        select: { at: true, outcome: true, error: true, durationMs: true },
      });
      const success = await tx.integrationCall.findFirst({
        where: { orgId: ctx.orgId, connectionId: c.id, outcome: "ok" },
        orderBy: { at: "desc" },
        select: { at: true },
      });
      const policy = policyFor(c.provider as Provider, c.id);
      views.push({
        id: c.id,
        provider: c.provider,
        name: c.name,
        settings: (c.settings ?? {}) as Record<string, unknown>,
        secretSet: c.secrets !== null,
        enabled: c.enabled,
        updatedAt: c.updatedAt.toISOString(),
        breaker: policy.state,
        breakerSince: policy.openedAt?.toISOString() ?? null,
        breakerUntil: policy.openUntil?.toISOString() ?? null,
        lastCall: last
          ? {
              at: last.at.toISOString(),
              outcome: last.outcome,
              error: last.error,
              durationMs: last.durationMs,
            }
          : null,
        lastSuccessAt: success?.at.toISOString() ?? null,
      });
    }
    const counts = await tx.notificationOutbox.groupBy({
      by: ["state"],
      where: { orgId: ctx.orgId, channel: "EMAIL" },
      _count: { _all: true },
    });
    const outboxCounts = { QUEUED: 0, SENDING: 0, SENT: 0, FAILED: 0 };
    for (const row of counts) {
      if (row.state in outboxCounts) outboxCounts[row.state as keyof typeof outboxCounts] = row._count._all;
    }
    const rows = await tx.$queryRaw<
      {
        id: string;
        template: string;
        recipient: string;
        state: string;
        attempts: number;
        last_error: string | null;
        created_at: Date;
        sent_at: Date | null;
        next_attempt_at: Date;
      }[]
    >`
      SELECT o.id::text, o.template, coalesce(o.payload ->> 'recipientEmail', u.name) AS recipient, o.state,
             o.attempts, o.last_error, o.created_at, o.sent_at, o.next_attempt_at
      FROM notification_outbox o JOIN app_user u ON u.id = o.recipient_user_id
      WHERE o.org_id = ${ctx.orgId}::uuid AND o.channel = 'EMAIL'
      ORDER BY (o.state = 'FAILED') DESC, o.created_at DESC
      LIMIT 50`;
    const errors = await tx.integrationCall.findMany({
      where: { orgId: ctx.orgId, outcome: { not: "ok" } },
      orderBy: { at: "desc" },
      take: 10,
      select: { at: true, provider: true, operation: true, outcome: true, error: true },
    });
    const hasMailConnection = connections.some((c) => c.provider === "ALLINKL_MAIL" && c.enabled);
    return {
      keyConfigured: canEncrypt(),
      mailRoute: hasMailConnection ? "connection" : envRoute() ? "env" : "none",
      connections: views,
      outboxCounts,
      outbox: rows.map((r) => ({
        id: r.id,
        template: r.template,
        recipient: r.recipient,
        state: r.state,
        attempts: r.attempts,
        lastError: r.last_error,
        createdAt: r.created_at.toISOString(),
        sentAt: r.sent_at?.toISOString() ?? null,
        nextAttemptAt: r.next_attempt_at.toISOString(),
      })),
      recentErrors: errors.map((e) => ({ ...e, at: e.at.toISOString() })),
    };
  });
}

function settingsOf(input: TMailConnectionInput): TMailSettings {
  const { id: _id, name: _name, password: _password, kasPassword: _kasPassword, ...fields } = input;
  const parsed = ZMailSettings.safeParse(fields);
  if (!parsed.success) {
    throw new AppError("unprocessable", "The mail settings are not valid.", {
      fieldErrors: parsed.error.issues.map((issue) => ({
        path: issue.path.join("."),
        message: issue.message,
        ...(issue.path[0] === "security" || issue.path[0] === "imapSecurity"
          ? { code: "integrations.fieldErrors.plainOnlyLocal" }
          : {}),
      })),
    });
  }
  return parsed.data;
}

function conflictOf(error: unknown): AppError | null {
  return connectionConflict(error, {
    message: "Another mail connection is enabled; disable it first.",
    code: "integrations.errors.oneEnabled",
  });
}

/** Creates (no id) or edits an all-inkl mail connection. An empty password keeps the stored one. */
export async function saveMailConnection(
  ctx: OrgContext,
  input: TMailConnectionInput,
): Promise<{ id: string }> {
  authorize(subjectOf(ctx), "integration.manage", resourceOf(ctx));
  const settings = settingsOf(input);
  try {
    return await withOrg(ctx, (tx) =>
      writeConnection(tx, ctx, {
        id: input.id,
        provider: "ALLINKL_MAIL",
        name: input.name,
        settings: settings as unknown as Prisma.InputJsonObject,
        // A changed password or KAS password keeps the other secret as stored.
        secrets: { password: input.password, kasPassword: input.kasPassword },
        required: {
          secret: "password",
          path: "password",
          message: "The password is required.",
          code: "integrations.fieldErrors.passwordRequired",
        },
      }),
    );
  } catch (error) {
    throw conflictOf(error) ?? error;
  }
}

export async function setConnectionEnabled(ctx: OrgContext, id: string, enabled: boolean): Promise<void> {
  authorize(subjectOf(ctx), "integration.manage", resourceOf(ctx));
  try {
    await withOrg(ctx, async (tx) => {
      const existing = await tx.integrationConnection.findFirst({
        where: { id, orgId: ctx.orgId },
        select: { id: true, enabled: true },
      });
      if (!existing) throw new AppError("not_found", "Not found.");
      if (existing.enabled === enabled) return;
      await tx.integrationConnection.update({
        where: { id },
        data: { enabled, updatedBy: ctx.userId, updatedAt: new Date() },
      });
      await recordAudit(tx, ctx, {
        action: enabled ? "integration.connection.enabled" : "integration.connection.disabled",
        resourceType: "integration_connection",
        resourceId: id,
        before: { enabled: existing.enabled },
        after: { enabled },
      });
    });
  } catch (error) {
    throw conflictOf(error) ?? error;
  }
}

/** One part of a connection that "Test connection" tries: mail's three, or a vendor's API. */
export type TestPartName = "smtp" | "imap" | "kas" | "xentral" | "allianz";

export interface TestPart {
  part: TestPartName;
  ok: boolean;
  durationMs: number;
  /** Who was asked: host:port, or the KAS login at KAS_API_URL's host. */
  target: string;
  /** On success what answered (the login, the mailbox and its message count); never a secret. */
  detail: {
    user?: string;
    mailbox?: string;
    messages?: number;
    /** Xentral: the products the token may read. */
    products?: number;
    /** Allianz Trade: minutes the new access token is valid. */
    minutes?: number;
  };
  /** On failure what the server answered, redacted; empty on success. */
  message: string;
}

export interface TestResult {
  /** Every part answered. */
  ok: boolean;
  /** The longest part (they are tried side by side). */
  durationMs: number;
  parts: TestPart[];
}

async function testPart(
  part: TestPartName,
  target: string,
  attempt: () => Promise<TestPart["detail"]>,
): Promise<TestPart> {
  const started = performance.now();
  const durationMs = () => Math.round(performance.now() - started);
  try {
    const detail = await attempt();
    return { part, ok: true, durationMs: durationMs(), target, detail, message: "" };
  } catch (error) {
    if (error instanceof AppError && error.kind !== "integration_unavailable") throw error;
    const e = error as { response?: string; message?: string };
    return {
      part,
      ok: false,
      durationMs: durationMs(),
      target,
      detail: {},
      message: redactError(e.response ?? e.message ?? String(error)),
    };
  }
}

/**
 * "Test connection": tries each configured part of the mail connection through the framework, side
 * by side — SMTP (log in, nodemailer's verify), IMAP when it names an IMAP host (log in and open the
 * mailbox read-only; its message count), KAS when it names a KAS login (KasAuth for a session
 * token) — and answers one result per part. Nothing is sent, read or changed.
 */
export async function testConnection(ctx: OrgContext, id: string): Promise<TestResult> {
  authorize(subjectOf(ctx), "integration.manage", resourceOf(ctx));
  const connection = await withOrg(ctx, (tx) =>
    tx.integrationConnection.findFirst({
      where: { id, orgId: ctx.orgId },
      select: { id: true, provider: true, settings: true, secrets: true, keyId: true, updatedAt: true },
    }),
  );
  if (!connection) throw new AppError("not_found", "Not found.");
  const secrets =
    connection.secrets && connection.keyId
      ? openSecrets(connection.id, { secrets: connection.secrets, keyId: connection.keyId })
      : {};
  if (connection.provider === "XENTRAL" || connection.provider === "ALLIANZ_TRADE") {
    const part =
      connection.provider === "XENTRAL"
        ? await testXentral(ctx, connection, secrets)
        : await testAllianz(ctx, connection, secrets);
    return { ok: part.ok, durationMs: part.durationMs, parts: [part] };
  }
  const parsed = ZMailSettings.safeParse(connection.settings);
  if (!parsed.success) throw new AppError("unprocessable", "The mail settings are not valid.");
  const settings = parsed.data;
  const call = <T>(operation: string, run: (signal: AbortSignal) => Promise<T>, options = {}) =>
    callVendor(
      {
        ctx,
        provider: "ALLINKL_MAIL",
        connectionId: connection.id,
        operation,
        idempotent: true,
        run: ({ signal }) => run(signal),
      },
      options,
    );

  const parts: Promise<TestPart>[] = [];
  parts.push(
    testPart("smtp", `${settings.host}:${settings.port}`, async () => {
      const route: MailRoute = {
        provider: "ALLINKL_MAIL",
        connectionId: connection.id,
        from: settings.from,
        cacheKey: `test-${connection.id}:${connection.updatedAt.toISOString()}`,
        options: {
          host: settings.host,
          port: settings.port,
          secure: settings.security === "tls",
          requireTLS: settings.security === "starttls",
          ignoreTLS: settings.security === "none",
          auth: { user: settings.user, pass: secrets.password ?? "" },
          pool: true,
          maxConnections: 1,
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
        },
      };
      await call("smtp.verify", () => transporterFor(route).verify());
      return { user: settings.user };
    }),
  );
  const imap = imapTargetOf(settings, secrets);
  if (imap) {
    parts.push(
      testPart("imap", `${imap.host}:${imap.port}`, async () => {
        const check = await call("imap.verify", (signal) => verifyMailbox(imap, signal));
        return { user: imap.user, mailbox: imap.mailbox, messages: check.exists };
      }),
    );
  }
  if (settings.kasLogin) {
    const kas = kasTarget(settings.kasLogin, secrets.kasPassword ?? "");
    parts.push(
      testPart("kas", `${settings.kasLogin}@${new URL(kas.baseUrl).host}`, async () => {
        await call("kas.auth", (signal) => kasAuthenticate(kas, signal), {
          policy: kasPolicy(connection.id),
        });
        return { user: settings.kasLogin };
      }),
    );
  }
  const results = await Promise.all(parts);
  return {
    ok: results.every((r) => r.ok),
    durationMs: Math.max(...results.map((r) => r.durationMs)),
    parts: results,
  };
}

type TestedConnection = { id: string; settings: Prisma.JsonValue };

function settingsOrRefuse<S extends z.ZodType>(schema: S, connection: TestedConnection): z.infer<S> {
  const parsed = schema.safeParse(connection.settings ?? {});
  if (!parsed.success) throw new AppError("unprocessable", "The connection's settings are not valid.");
  return parsed.data;
}

/** Xentral: the smallest product page the API allows, with the stored token (and how many it may read). */
function testXentral(ctx: OrgContext, connection: TestedConnection, secrets: Record<string, string>) {
  const settings = settingsOrRefuse(ZXentralSettings, connection);
  const client = new XentralClient({
    ctx,
    connectionId: connection.id,
    baseUrl: settings.baseUrl,
    token: secrets.token ?? "",
  });
  return testPart("xentral", new URL(settings.baseUrl).host, async () => {
    const page = await client.listProducts({ page: 1, size: PAGE_SIZE_MIN });
    return { products: page.totalCount };
  });
}

/** Allianz Trade: a new access token for the stored API key (the documented authorize call). */
function testAllianz(ctx: OrgContext, connection: TestedConnection, secrets: Record<string, string>) {
  const settings = settingsOrRefuse(ZAllianzSettings, connection);
  const client = new AllianzTradeClient({
    orgId: ctx.orgId,
    connectionId: connection.id,
    baseUrl: settings.baseUrl,
    apiKey: secrets.apiKey ?? "",
  });
  return testPart("allianz", new URL(settings.baseUrl).host, async () => {
    const { expiresInMs } = await client.verify();
    return { minutes: Math.floor(expiresInMs / 60_000) };
  });
}

/** "Retry" on a failed e-mail: back in the queue, due now, with a fresh count of attempts. */
export async function retryOutboxRow(ctx: OrgContext, id: string): Promise<void> {
  authorize(subjectOf(ctx), "integration.manage", resourceOf(ctx));
  await withOrg(ctx, async (tx) => {
    const changed = await tx.$executeRaw`
      UPDATE notification_outbox SET state = 'QUEUED', attempts = 0, next_attempt_at = now()
      WHERE id = ${id}::uuid AND org_id = ${ctx.orgId}::uuid AND channel = 'EMAIL' AND state = 'FAILED'`;
    if (changed === 0) throw new AppError("not_found", "Not found.");
    await recordAudit(tx, ctx, {
      action: "notification.outbox.retried",
      resourceType: "notification_outbox",
      resourceId: id,
      before: { state: "FAILED" },
      after: { state: "QUEUED" },
    });
  });
}
