import "server-only";

import { recordAudit } from "@/lib/audit/service";
import { authorize } from "@/lib/auth/policy";
import { withOrg, type MemberContext } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

import { callVendor, policyFor, PROVIDER_POLICIES, type PolicyOptions } from "../resilience";
import { type TKasAccountCreate, type TKasAccountUpdate } from "../schemas";
import { openMailConnection } from "../mail/connection";
import { kasCall, KasError, type KasTarget } from "./client";

/**
 * The domain's mail accounts over KAS (admins only; e.g. an account for a new sales partner): the
 * organisation's enabled all-inkl mail connection names the KAS login (its password is one of the
 * connection's secrets) and, by its sender address, the domain. Every call goes through callVendor
 * with a policy of its own, so a KAS outage never opens the breaker of the mail sender. Changes are
 * audited; a password never is (only `passwordChanged`).
 */

/** KAS documents no rate but its flood delay (kept by the client): one call at a time. */
const KAS_POLICY: PolicyOptions = {
  ...PROVIDER_POLICIES.ALLINKL_MAIL,
  timeoutMs: 20_000,
  bulkhead: { limit: 1, queue: 20 },
  quota: { perMinute: 30, maxWaitMs: 30_000 },
};

/** The policy of KAS calls of a connection: apart from the mail server's, so neither opens the other's breaker. */
export const kasPolicy = (connectionId: string) =>
  policyFor("ALLINKL_MAIL", `kas:${connectionId}`, KAS_POLICY);

/** Where KAS answers for a login: KAS_API_URL. */
export const kasTarget = (login: string, password: string): KasTarget => ({
  baseUrl: env().KAS_API_URL.replace(/\/+$/, ""),
  login,
  password,
});

export interface MailAccountView {
  login: string;
  addresses: string[];
  active: boolean;
}

export type MailAccountsView =
  | { configured: false }
  | { configured: true; connectionId: string; domain: string; accounts: MailAccountView[] };

type Kas = { connectionId: string; domain: string; target: KasTarget };

const manage = (ctx: MemberContext) =>
  authorize(ctx, "integration.manage", { type: "integration", orgId: ctx.orgId });

async function kasOf(ctx: MemberContext): Promise<Kas | null> {
  return withOrg(ctx, async (tx) => {
    const connection = await openMailConnection(tx, ctx.orgId);
    if (connection === null || connection === "incomplete") return null;
    const { kasLogin, from } = connection.settings;
    const { kasPassword } = connection.secrets;
    if (!kasLogin || !kasPassword) return null;
    const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1]?.toLowerCase() ?? "";
    return {
      connectionId: connection.id,
      domain,
      target: kasTarget(kasLogin, kasPassword),
    };
  });
}

async function requireKas(ctx: MemberContext): Promise<Kas> {
  const kas = await kasOf(ctx);
  if (!kas) {
    throw new AppError("unavailable", "KAS is not configured for this organisation.", {
      text: { code: "integrations.kas.errors.notConfigured" },
    });
  }
  return kas;
}

/** KAS's fault codes as the errors users see (problem+json types by kind, texts by code). */
export function kasProblem(error: KasError): AppError {
  const text = (code: string) => ({ text: { code: `integrations.kas.errors.${code}` } });
  switch (error.code) {
    case "email_already_exists":
      return new AppError("conflict", "This e-mail address exists already.", text(error.code));
    case "mail_login_not_found":
      return new AppError("not_found", "No such mail account.", text(error.code));
    case "missing_parameter":
      return new AppError("unprocessable", "KAS missed a parameter.", text(error.code));
    case "in_progress":
      return new AppError(
        "conflict",
        "KAS is still working on the last change; try again shortly.",
        text(error.code),
      );
    case "flood_protection":
      return new AppError("rate_limited", "KAS asks to wait before the next call.", {
        retryAfterSeconds: 2,
        ...text(error.code),
      });
    default:
      return new AppError("unavailable", `KAS refused the call: ${error.code}`, {
        text: { code: "integrations.kas.errors.other", params: { code: error.code } },
      });
  }
}

async function call<T>(
  ctx: MemberContext,
  kas: Kas,
  action: string,
  params: Record<string, unknown>,
  idempotent: boolean,
): Promise<T | "nothing_to_do"> {
  try {
    return (await callVendor(
      {
        ctx,
        provider: "ALLINKL_MAIL",
        connectionId: kas.connectionId,
        operation: `kas.${action}`,
        idempotent,
        run: ({ signal }) => kasCall(kas.target, action, params, signal),
      },
      { policy: kasPolicy(kas.connectionId) },
    )) as T;
  } catch (error) {
    if (error instanceof KasError) {
      if (error.code === "nothing_to_do") return "nothing_to_do";
      throw kasProblem(error);
    }
    throw error;
  }
}

export async function listMailAccounts(ctx: MemberContext): Promise<MailAccountsView> {
  manage(ctx);
  const kas = await kasOf(ctx);
  if (!kas) return { configured: false };
  const info = await call<unknown>(ctx, kas, "get_mailaccounts", {}, true);
  const rows = Array.isArray(info) ? (info as Record<string, unknown>[]) : [];
  return {
    configured: true,
    connectionId: kas.connectionId,
    domain: kas.domain,
    accounts: rows
      .map((row) => ({
        login: String(row.mail_login ?? ""),
        addresses: String(row.mail_adresses ?? "")
          .split(/[,\s]+/)
          .filter(Boolean),
        active: row.is_active !== "N",
      }))
      .sort((a, b) => a.login.localeCompare(b.login)),
  };
}

export async function createMailAccount(
  ctx: MemberContext,
  input: TKasAccountCreate,
): Promise<{ login: string }> {
  manage(ctx);
  const kas = await requireKas(ctx);
  const address = `${input.localPart}@${kas.domain}`;
  const login = await call<unknown>(
    ctx,
    kas,
    "add_mailaccount",
    { local_part: input.localPart, domain_part: kas.domain, mail_password: input.password },
    false,
  );
  await withOrg(ctx, (tx) =>
    recordAudit(tx, ctx, {
      action: "integration.kas.mailaccount.created",
      resourceType: "integration_connection",
      resourceId: kas.connectionId,
      after: { login: String(login), address, passwordChanged: true },
    }),
  );
  return { login: String(login) };
}

/** A new password, switched on or off ("deactivate" is `active: false`); unchanged is no error. */
export async function updateMailAccount(
  ctx: MemberContext,
  input: TKasAccountUpdate,
): Promise<{ changed: boolean }> {
  manage(ctx);
  const kas = await requireKas(ctx);
  if (input.password === undefined && input.active === undefined) return { changed: false };
  const answer = await call<unknown>(
    ctx,
    kas,
    "update_mailaccount",
    {
      mail_login: input.login,
      ...(input.password !== undefined ? { mail_new_password: input.password } : {}),
      ...(input.active !== undefined ? { is_active: input.active ? "Y" : "N" } : {}),
    },
    true,
  );
  const changed = answer !== "nothing_to_do";
  if (changed) {
    await withOrg(ctx, (tx) =>
      recordAudit(tx, ctx, {
        action: "integration.kas.mailaccount.updated",
        resourceType: "integration_connection",
        resourceId: kas.connectionId,
        after: {
          login: input.login,
          passwordChanged: input.password !== undefined,
          ...(input.active !== undefined ? { active: input.active } : {}),
        },
      }),
    );
  }
  return { changed };
}
