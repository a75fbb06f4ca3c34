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
}

function healthOf(figures: ConnectionCallFigures): ConnectionHealth {
  const provider = figures.provider as Provider;
  const policy = PROVIDER_POLICIES[provider] ? policyFor(provider, figures.connectionId) : undefined;
  const state = policy?.state ?? "closed";
  const errorRate = figures.calls > 0 ? figures.failures / figures.calls : null;
  const light: HealthLight = !figures.enabled
    ? "off"
    : state === "open" || (errorRate ?? 0) >= 0.5
      ? "red"
      : state === "half_open" || (errorRate ?? 0) > 0
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
  };
}

async function readHealth(ctx: MemberContext, connectionId: string | null, now: Date) {
  authorize(ctx, "integration.manage", { type: "integration", orgId: ctx.orgId });
  const since = new Date(now.getTime() - HEALTH_WINDOW_MINUTES * 60_000);
  const figures = await withOrg(ctx, (tx) => readConnectionFigures(tx, ctx.orgId, since, connectionId));
  return figures.map(healthOf);
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
