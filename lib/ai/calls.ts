import "server-only";

import type { Tx, OrgContext } from "@/lib/db";

import { ZAiCallRecord, type TAiCallRecord } from "./schemas";

/**
 * The call log (table ai_call): one row per routed call, whatever its outcome, written by the
 * router and read by the dashboards (queries.ts). Insert-only: the app role has no UPDATE or
 * DELETE on it. The row is the record of the call, so calls write no audit event as well: that
 * would double every call and queue all of an organisation's calls on its audit chain's lock.
 */

/**
 * Logs one call for the context's user (or, in the system context, for no user), in the caller's
 * transaction. Write it in its own transaction after a refusal or failure, since the transaction
 * that failed rolls back. A malformed record is a programming error and throws.
 */
export async function recordCall(tx: Tx, ctx: OrgContext, call: TAiCallRecord): Promise<{ id: string }> {
  const c = ZAiCallRecord.parse(call);
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO ai_call (org_id, user_id, use_case, provider, model, tier, escalated, escalation_reason,
                         cache_hit, tokens_in, tokens_out, cost_eur, latency_ms, outcome, confidence, error)
    VALUES (${ctx.orgId}::uuid, ${ctx.userId}::uuid, ${c.useCase}, ${c.provider}, ${c.model}, ${c.tier},
            ${c.escalated}, ${c.escalationReason}, ${c.cacheHit}, ${c.tokensIn}::integer,
            ${c.tokensOut}::integer, ${c.costEur.toFixed(8)}::numeric, ${c.latencyMs}::integer,
            ${c.outcome}, ${c.confidence}::numeric, ${c.error})
    RETURNING id::text`;
  return row;
}
