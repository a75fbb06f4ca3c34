import "server-only";

import { createHash } from "node:crypto";

import { withOrg, type OrgContext } from "@/lib/db";

import { AppError } from "@/lib/errors";

/**
 * Idempotency-Key for POST: the first answer (status and body) is kept for 24 hours per key and
 * caller. The same key with the same request replays it; with another request → 422; while the
 * first is still running → 409. Expected errors (4xx) are answers too and are replayed; a first
 * attempt that failed on our side (5xx) is forgotten so it can be retried; one that never finished (a crashed instance) can be retaken after LOCK_SECONDS.
 */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const TTL_HOURS = 24;
const LOCK_SECONDS = 300;

interface Caller {
  key: string;
  ctx: OrgContext;
}

interface StoredAnswer {
  request_hash: string;
  state: "running" | "done";
  response_status: number | null;
  response_body: string | null;
  response_type: string | null;
}

/** Same method, path and JSON body (keys in any order) → same fingerprint. */
export function requestFingerprint(target: string, body: unknown): string {
  return createHash("sha256").update(target).update("\n").update(canonicalJson(body)).digest("hex");
}

function canonicalJson(value: unknown): string {
  if (value === undefined) return "";
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export async function withIdempotency(
  caller: Caller,
  key: string,
  target: string,
  body: unknown,
  run: () => Promise<Response>,
): Promise<Response> {
  if (!KEY_PATTERN.test(key)) {
    throw new AppError("bad_request", "Idempotency-Key must be 1–255 visible ASCII characters.", {
      fieldErrors: [{ path: "headers.Idempotency-Key", message: "invalid" }],
    });
  }
  const hash = requestFingerprint(target, body);
  const { orgId } = caller.ctx;

  const claimed = await withOrg(caller.ctx, async (tx) => {
    const rows = await tx.$queryRaw<{ claimed: boolean }[]>`
      INSERT INTO idempotency_key AS k (org_id, caller, key, request_hash, state, locked_until, expires_at)
      VALUES (${orgId}::uuid, ${caller.key}, ${key}, ${hash}, 'running',
              now() + make_interval(secs => ${LOCK_SECONDS}), now() + make_interval(hours => ${TTL_HOURS}))
      ON CONFLICT (org_id, caller, key) DO UPDATE SET
        request_hash = EXCLUDED.request_hash, state = 'running', response_status = NULL,
        response_body = NULL, response_type = NULL, created_at = now(),
        locked_until = EXCLUDED.locked_until, expires_at = EXCLUDED.expires_at
      WHERE k.expires_at <= now()
         OR (k.state = 'running' AND k.locked_until <= now() AND k.request_hash = EXCLUDED.request_hash)
      RETURNING true AS claimed`;
    if (rows.length > 0) return true;
    const [stored] = await tx.$queryRaw<StoredAnswer[]>`
      SELECT request_hash, state, response_status, response_body, response_type
      FROM idempotency_key WHERE org_id = ${orgId}::uuid AND caller = ${caller.key} AND key = ${key}`;
    return stored;
  });

  if (claimed !== true) return answerFrom(claimed, hash);

  let response: Response;
  try {
    response = await run();
  } catch (error) {
    await forget(caller, key);
    throw error;
  }
  // A failure on our side is not an answer: forget the key so the request can be retried.
  if (response.status >= 500) await forget(caller, key);
  else await remember(caller, key, response.clone());
  return response;
}

function answerFrom(stored: StoredAnswer, hash: string): Response {
  if (stored.request_hash !== hash) {
    throw new AppError("unprocessable", "This Idempotency-Key was used with a different request.");
  }
  if (stored.state === "running") {
    throw new AppError("conflict", "A request with this Idempotency-Key is still being processed.");
  }
  return new Response(stored.response_body, {
    status: stored.response_status ?? 200,
    headers: {
      ...(stored.response_type ? { "content-type": stored.response_type } : {}),
      "idempotent-replayed": "true",
    },
  });
}

async function remember(caller: Caller, key: string, response: Response): Promise<void> {
  const body = response.status === 204 ? null : await response.text();
  const type = response.headers.get("content-type");
  await withOrg(
    caller.ctx,
    (tx) =>
      tx.$executeRaw`
      UPDATE idempotency_key SET state = 'done', response_status = ${response.status},
        response_body = ${body}, response_type = ${type}
      WHERE org_id = ${caller.ctx.orgId}::uuid AND caller = ${caller.key} AND key = ${key}`,
  );
}

async function forget(caller: Caller, key: string): Promise<void> {
  await withOrg(
    caller.ctx,
    (tx) =>
      tx.$executeRaw`
      DELETE FROM idempotency_key
      WHERE org_id = ${caller.ctx.orgId}::uuid AND caller = ${caller.key} AND key = ${key}`,
  );
}
