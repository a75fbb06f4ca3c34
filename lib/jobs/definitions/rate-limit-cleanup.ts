import "server-only";

import { z } from "zod";

import { withContext } from "@/lib/db";
import { env } from "@/lib/env";

import { defineJob } from "../definition";

/** Never younger than this, whatever the limiters' windows: a margin against resetting live limits. */
const MIN_AGE_SECONDS = 60 * 60;

/**
 * The age after which a rate-limit bucket's window has surely ended: the longest window any limiter
 * uses (sign-in: LOGIN_LIMIT_WINDOW_SECONDS; /api/v1: one minute), and at least an hour.
 */
export function expiredAfterSeconds(): number {
  return Math.max(MIN_AGE_SECONDS, env().LOGIN_LIMIT_WINDOW_SECONDS);
}

/**
 * Deletes the rate-limit buckets whose window has ended. They are harmless (the next hit restarts
 * them) but would pile up, one per client IP and account ever seen.
 */
export const rateLimitCleanup = defineJob({
  id: "rate-limit-cleanup",
  cron: "*/15 * * * *",
  payload: z.object({}).strict(),
  async handler(_payload, ctx) {
    const age = expiredAfterSeconds();
    const rows = await withContext(
      ctx.db,
      (tx) => tx.$queryRaw<{ deleted: number }[]>`SELECT app_rate_limit_cleanup(${age}::int) AS deleted`,
    );
    return { deleted: rows[0]?.deleted ?? 0 };
  },
});
