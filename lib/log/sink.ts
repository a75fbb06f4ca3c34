import { systemContext, withContext } from "@/lib/db";

import { fingerprint } from "./fingerprint";

/**
 * The second home of warnings and errors: PostgreSQL's app_log, for the Logs page. The logger
 * hands each warn/error line (already redacted) to `enqueue`; lines wait in memory and are written
 * in one INSERT per batch, at most every FLUSH_MS or when BATCH lines wait. Writing never blocks
 * or breaks the request that logged: the queue is bounded (beyond QUEUE_MAX lines are dropped and
 * counted), and a failed write is reported on stderr — never through the logger, which would
 * feed the failure back into the queue — and its lines are dropped.
 */

export interface AppLogRow {
  at: string;
  level: "warn" | "error";
  message: string;
  fingerprint: string;
  location: string | null;
  orgId: string | null;
  userId: string | null;
  route: string | null;
  requestId: string | null;
  status: number | null;
  durationMs: number | null;
  context: Record<string, unknown>;
}

const FLUSH_MS = 2_000;
const BATCH = 200;
const QUEUE_MAX = 5_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface SinkState {
  queue: AppLogRow[];
  timer: ReturnType<typeof setTimeout> | null;
  flushing: Promise<void> | null;
  dropped: number;
  enabled: boolean;
}

const globalForSink = globalThis as unknown as { freshplanAppLog?: SinkState };
const state = (globalForSink.freshplanAppLog ??= {
  queue: [],
  timer: null,
  flushing: null,
  dropped: 0,
  enabled: true,
});

/** Whether lines go to app_log at all (off for the CLI's one-shot commands and scripts that have no database). */
export function setAppLogEnabled(enabled: boolean): void {
  state.enabled = enabled;
}

/** How many lines were dropped because the queue was full (a gauge for the operator). */
export function droppedAppLogLines(): number {
  return state.dropped;
}

const text = (v: unknown, max: number) => (typeof v === "string" && v.length > 0 ? v.slice(0, max) : null);
const int = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? Math.max(0, Math.round(v)) : null);

/** The row of one pino line (a JSON object as pino wrote it), or null when it is no warning or error. */
export function rowOf(line: Record<string, unknown>): AppLogRow | null {
  const level =
    line.level === 40 ? "warn" : typeof line.level === "number" && line.level >= 50 ? "error" : null;
  if (!level) return null;
  const err = (line.err ?? null) as { message?: unknown; type?: unknown } | null;
  const message = text(line.msg, 2000) ?? text(err?.message, 2000) ?? "(no message)";
  const location = text(line.location, 500);
  const known = new Set([
    "level",
    "time",
    "pid",
    "hostname",
    "msg",
    "location",
    "orgId",
    "userId",
    "route",
    "requestId",
    "status",
    "durationMs",
  ]);
  const context: Record<string, unknown> = Object.create(null);
  for (const [key, value] of Object.entries(line)) if (!known.has(key)) context[key] = value;
  let json = JSON.stringify(context);
  if (json.length > 6000) json = JSON.stringify({ truncated: json.slice(0, 6000) });
  const status = int(line.status);
  return {
    at: new Date(typeof line.time === "number" ? line.time : Date.now()).toISOString(),
    level,
    message,
    fingerprint: fingerprint(message, location),
    location,
    orgId: typeof line.orgId === "string" && UUID.test(line.orgId) ? line.orgId : null,
    userId: typeof line.userId === "string" && UUID.test(line.userId) ? line.userId : null,
    route: text(line.route, 300),
    requestId: text(line.requestId, 64),
    status: status !== null && status >= 100 && status <= 999 ? status : null,
    durationMs: int(line.durationMs),
    context: JSON.parse(json) as Record<string, unknown>,
  };
}

/** Queues a row for app_log; never throws, never waits. */
export function enqueue(row: AppLogRow): void {
  if (!state.enabled) return;
  if (state.queue.length >= QUEUE_MAX) {
    state.dropped += 1;
    return;
  }
  state.queue.push(row);
  if (state.queue.length >= BATCH) void flushAppLog();
  else if (!state.timer) {
    state.timer = setTimeout(() => void flushAppLog(), FLUSH_MS);
    state.timer.unref?.();
  }
}

async function write(rows: AppLogRow[]): Promise<void> {
  await withContext(
    systemContext("app-log"),
    (tx) => tx.$executeRaw`
    INSERT INTO app_log (at, level, message, fingerprint, location, org_id, user_id, route, request_id,
                         status, duration_ms, context)
    SELECT r.at, r.level, r.message, r.fingerprint, r.location, r.org_id, r.user_id, r.route, r.request_id,
           r.status, r.duration_ms, coalesce(r.context, '{}')
    FROM jsonb_to_recordset(${JSON.stringify(
      rows.map((r) => ({
        at: r.at,
        level: r.level,
        message: r.message,
        fingerprint: r.fingerprint,
        location: r.location,
        org_id: r.orgId,
        user_id: r.userId,
        route: r.route,
        request_id: r.requestId,
        status: r.status,
        duration_ms: r.durationMs,
        context: r.context,
      })),
    )}::jsonb) AS r(at timestamptz, level text, message text, fingerprint text, location text, org_id uuid,
                    user_id uuid, route text, request_id text, status int, duration_ms int, context jsonb)
    -- A line of an organisation deleted meanwhile keeps no reference to it.
    WHERE r.org_id IS NULL OR EXISTS (SELECT 1 FROM app_job_org_ids() o WHERE o = r.org_id)`,
  );
}

/**
 * Writes what is queued now (tests and shutdown call it; the timer does otherwise). Resolves when
 * written or dropped; never rejects.
 */
export async function flushAppLog(): Promise<void> {
  if (state.timer) {
    clearTimeout(state.timer);
    state.timer = null;
  }
  if (state.flushing) await state.flushing;
  while (state.queue.length > 0) {
    const rows = state.queue.splice(0, BATCH);
    state.flushing = write(rows).catch((error: unknown) => {
      process.stderr.write(
        `[app_log] ${rows.length} line(s) not stored: ${error instanceof Error ? error.message : String(error)}\n`,
      );
    });
    await state.flushing;
    state.flushing = null;
  }
}
