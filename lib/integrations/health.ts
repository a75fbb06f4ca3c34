import "server-only";

import { authorize } from "@/lib/auth/policy";
import { withOrg, type MemberContext } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { readConnectionFigures, type ConnectionCallFigures } from "./queries";
import { PROVIDER_POLICIES, policyFor, type Provider } from "./resilience";

/**
 * Health per connection: the breaker (this instance's), the last success and the last error, the
 * error rate and p95 latency of the calls in the last 15 minutes (integration_call), and the quota
 * left as the vendor last reported it (X-RateLimit-Remaining) beside the limit this instance keeps.
 */
export const HEALTH_WINDOW_MINUTES = 15;

/** Days before an access token's expiry from which health warns (Xentral: tokens live ≤ 180 days). */
export const TOKEN_WARN_DAYS = 14;

export interface TokenExpiry {
  expiresAt: string;
  /** Whole days left (negative once expired). */
  daysLeft: number;
  warning: boolean;
  expired: boolean;
}

/** A token's expiry (a date; it ends with that day, UTC) as health shows it. */
export function tokenExpiry(expiresAt: string, now = new Date()): TokenExpiry {
  const end = new Date(`${expiresAt}T23:59:59.999Z`);
  const daysLeft = Math.floor((end.getTime() - now.getTime()) / 86_400_000);
  return { expiresAt, daysLeft, warning: daysLeft < TOKEN_WARN_DAYS, expired: end.getTime() < now.getTime() };
}

export type HealthLight = "green" | "yellow" | "red" | "off";

export interface ConnectionHealth {
  connectionId: string;
  provider: string;
  name: string;
  enabled: boolean;
  /** off: disabled; red: breaker open or half the recent calls failed; yellow: some failed or half-open. */
  light: HealthLight;
  breaker: { state: "closed" | "open" | "half_open"; since: string | null; until: string | null };
  lastSuccessAt: string | null;
  lastError: { at: string; message: string } | null;
  window: {
    minutes: number;
    calls: number;
    failures: number;
    errorRate: number | null;
    p95Ms: number | null;
  };
  quota: { perMinute: number; remaining: number | null; resetAt: string | null };
  /** The access token's expiry (Xentral), with a warning 14 days before; null when none is kept. */
  tokenExpiry: TokenExpiry | null;
}

function healthOf(figures: ConnectionCallFigures, now: Date): ConnectionHealth {
  const provider = figures.provider as Provider;
  const policy = PROVIDER_POLICIES[provider] ? policyFor(provider, figures.connectionId) : undefined;
  const state = policy?.state ?? "closed";
  const errorRate = figures.calls > 0 ? figures.failures / figures.calls : null;
  const expiry =
    figures.tokenExpiresAt && /^\d{4}-\d{2}-\d{2}$/.test(figures.tokenExpiresAt)
      ? tokenExpiry(figures.tokenExpiresAt, now)
      : null;
  const light: HealthLight = !figures.enabled
    ? "off"
    : state === "open" || (errorRate ?? 0) >= 0.5 || expiry?.expired
      ? "red"
      : state === "half_open" || (errorRate ?? 0) > 0 || expiry?.warning
        ? "yellow"
        : "green";
  return {
    connectionId: figures.connectionId,
    provider: figures.provider,
    name: figures.name,
    enabled: figures.enabled,
    light,
    breaker: {
      state,
      since: policy?.openedAt?.toISOString() ?? null,
      until: policy?.openUntil?.toISOString() ?? null,
    },
    lastSuccessAt: figures.lastSuccessAt?.toISOString() ?? null,
    lastError:
      figures.lastErrorAt && figures.lastError
        ? { at: figures.lastErrorAt.toISOString(), message: figures.lastError }
        : null,
    window: {
      minutes: HEALTH_WINDOW_MINUTES,
      calls: figures.calls,
      failures: figures.failures,
      errorRate,
      p95Ms: figures.p95Ms,
    },
    quota: {
      perMinute: policy?.options.quota.perMinute ?? 0,
      remaining: policy?.quota.remaining ?? null,
      resetAt: policy?.quota.resetAt ? new Date(policy.quota.resetAt).toISOString() : null,
    },
    tokenExpiry: expiry,
  };
}

async function readHealth(ctx: MemberContext, connectionId: string | null, now: Date) {
  authorize(ctx, "integration.manage", { type: "integration", orgId: ctx.orgId });
  const since = new Date(now.getTime() - HEALTH_WINDOW_MINUTES * 60_000);
  const figures = await withOrg(ctx, (tx) => readConnectionFigures(tx, ctx.orgId, since, connectionId));
  return figures.map((f) => healthOf(f, now));
}

/** Every connection's health (admins), for the Integrations page. */
export function getConnectionsHealth(ctx: MemberContext, now = new Date()): Promise<ConnectionHealth[]> {
  return readHealth(ctx, null, now);
}

/** One connection's health (admins); another organisation's connection is a 404. */
export async function getConnectionHealth(
  ctx: MemberContext,
  connectionId: string,
  now = new Date(),
): Promise<ConnectionHealth> {
  const [health] = await readHealth(ctx, connectionId, now);
  if (!health) throw new AppError("not_found", "Not found.");
  return health;
}
