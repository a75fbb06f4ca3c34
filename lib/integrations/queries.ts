import "server-only";

import type { Tx } from "@/lib/db";

/** What integration_call says about one connection: the health figures, without the breaker. */
export interface ConnectionCallFigures {
  connectionId: string;
  provider: string;
  name: string;
  enabled: boolean;
  lastSuccessAt: Date | null;
  lastErrorAt: Date | null;
  /** Redacted when the row was written (resilience.ts). */
  lastError: string | null;
  /** Calls since `since`, of them not ok, and their p95 duration (an observed value; null: none). */
  calls: number;
  failures: number;
  p95Ms: number | null;
  /** When the connection's access token expires (a Xentral personal access token), if it says. */
  tokenExpiresAt: string | null;
}

/**
 * The organisation's connections (or one) with their calls' figures since `since`, in one query:
 * last success, last failure and its error, the number of calls and failures and the 95th
 * percentile of their durations (percentile_disc: a duration that occurred). Indexed by
 * integration_call_connection_idx.
 */
export async function readConnectionFigures(
  tx: Tx,
  orgId: string,
  since: Date,
  connectionId: string | null = null,
): Promise<ConnectionCallFigures[]> {
  const rows = await tx.$queryRaw<
    {
      id: string;
      provider: string;
      name: string;
      enabled: boolean;
      last_success_at: Date | null;
      last_error_at: Date | null;
      last_error: string | null;
      calls: number;
      failures: number;
      p95_ms: number | null;
      token_expires_at: string | null;
    }[]
  >`
    SELECT c.id::text, c.provider, c.name, c.enabled, c.settings ->> 'tokenExpiresAt' AS token_expires_at,
           (SELECT max(k.at) FROM integration_call k
            WHERE k.org_id = c.org_id AND k.connection_id = c.id AND k.outcome = 'ok') AS last_success_at,
           e.at AS last_error_at, e.error AS last_error,
           w.calls::int AS calls, w.failures::int AS failures, w.p95_ms::int AS p95_ms
    FROM integration_connection c
    LEFT JOIN LATERAL (
      SELECT k.at, coalesce(k.error, k.outcome) AS error FROM integration_call k
      WHERE k.org_id = c.org_id AND k.connection_id = c.id AND k.outcome <> 'ok'
      ORDER BY k.at DESC LIMIT 1
    ) e ON true
    CROSS JOIN LATERAL (
      SELECT count(*) AS calls, count(*) FILTER (WHERE k.outcome <> 'ok') AS failures,
             percentile_disc(0.95) WITHIN GROUP (ORDER BY k.duration_ms) AS p95_ms
      FROM integration_call k
      WHERE k.org_id = c.org_id AND k.connection_id = c.id AND k.at >= ${since}
    ) w
    WHERE c.org_id = ${orgId}::uuid AND (${connectionId}::uuid IS NULL OR c.id = ${connectionId}::uuid)
    ORDER BY c.provider, c.name`;
  return rows.map((r) => ({
    connectionId: r.id,
    provider: r.provider,
    name: r.name,
    enabled: r.enabled,
    lastSuccessAt: r.last_success_at,
    lastErrorAt: r.last_error_at,
    lastError: r.last_error,
    calls: r.calls,
    failures: r.failures,
    p95Ms: r.p95_ms,
    tokenExpiresAt: r.token_expires_at,
  }));
}

/** Deletes the organisation's call rows older than `before` (retention); returns how many. */
export function purgeCallsBefore(tx: Tx, orgId: string, before: Date): Promise<number> {
  return tx.$executeRaw`DELETE FROM integration_call WHERE org_id = ${orgId}::uuid AND at < ${before}`;
}
