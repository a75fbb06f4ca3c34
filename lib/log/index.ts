import "server-only";

import pino, { type Logger } from "pino";

import { env } from "@/lib/env";

import { firstAppFrame } from "./fingerprint";
import { REDACT_PATHS, REDACTED, scrub, scrubDeep } from "./redact";
import { enqueue, rowOf } from "./sink";

/**
 * The app's one structured logger (issue 15, "Logs"): JSON lines with pino on stdout, at LOG_LEVEL
 * (warnings and up under tests), with the fields every request, server action and job run carries:
 * `requestId`, `orgId`, `userId`, `route`, `status`, `durationMs` (lib/http/api.ts, lib/http/action.ts,
 * lib/jobs/runner.ts). Nothing secret or personal goes out in clear (lib/log/redact.ts). Warnings and
 * errors also go, batched and in the background, to PostgreSQL's app_log (lib/log/sink.ts), each with
 * the first frame of the app's code that logged it (`location`), from which lines are grouped.
 */

const WARN = 40;

/** Where a warning or error was logged: from its error's stack, else from the call itself. */
function locate(args: unknown[]): string | null {
  const first = args[0];
  const err =
    first instanceof Error
      ? first
      : first && typeof first === "object" && (first as { err?: unknown }).err instanceof Error
        ? (first as { err: Error }).err
        : null;
  return firstAppFrame(err?.stack) ?? firstAppFrame(new Error().stack);
}

/** pino's stream for app_log: it gets each warn/error line as pino wrote it (redacted already). */
const appLogStream = {
  write(line: string) {
    try {
      const row = rowOf(JSON.parse(line) as Record<string, unknown>);
      if (row) enqueue(row);
    } catch (error) {
      process.stderr.write(`[app_log] unreadable line dropped: ${String(error)}\n`);
    }
  },
};

function create(): Logger {
  const e = env();
  const stdoutLevel = e.NODE_ENV === "test" ? "warn" : e.LOG_LEVEL;
  return pino(
    {
      level: stdoutLevel === "debug" ? "debug" : "info",
      base: { pid: process.pid },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      serializers: { err: (err: Error) => scrubDeep(pino.stdSerializers.err(err)) as object },
      formatters: { log: (object) => scrubDeep(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method, level) {
          const scrubbed = args.map((a) => (typeof a === "string" ? scrub(a) : a)) as unknown[];
          if (level >= WARN) {
            const location = locate(args);
            const first = scrubbed[0];
            if (first instanceof Error) scrubbed[0] = { err: first, location };
            else if (first && typeof first === "object") scrubbed[0] = { ...first, location };
            else scrubbed.unshift({ location });
          }
          return method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    pino.multistream([
      { level: stdoutLevel, stream: pino.destination({ dest: 1, sync: true }) },
      { level: "warn", stream: appLogStream },
    ]),
  );
}

const globalForLog = globalThis as unknown as { freshplanLogger?: Logger };

/** The process's logger. */
export function log(): Logger {
  globalForLog.freshplanLogger ??= create();
  return globalForLog.freshplanLogger;
}

/** The fields of a request's, action's or job run's lines. */
export interface LogFields {
  requestId?: string;
  orgId?: string | null;
  userId?: string | null;
  route?: string;
  method?: string;
  status?: number;
  durationMs?: number;
  jobId?: string;
  runId?: string;
}

export { flushAppLog } from "./sink";
