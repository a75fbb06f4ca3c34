import "server-only";

import pg from "pg";

import { env } from "@/lib/env";

/** A held job lock. Releasing twice is harmless. */
export interface JobLock {
  release(): Promise<void>;
}

export type TryJobLock = (jobId: string) => Promise<JobLock | null>;

/**
 * Tries to take the job's PostgreSQL advisory lock, without waiting: null when another session holds
 * it, i.e. another instance (or process) is running the job right now. The lock is session-level, on
 * a connection of its own that lives as long as the run, because the job's work runs in transactions
 * of its own on the pool. If the instance dies, its connection closes and PostgreSQL frees the lock.
 *
 * Advisory locks are per database and per session: `DATABASE_URL` must reach PostgreSQL directly
 * or through a session-mode pooler, not a transaction-mode one. The embedded PGlite is one session
 * behind all connections, so there the runner's in-process guard is what keeps runs apart.
 */
export const tryJobLock: TryJobLock = async (jobId) => {
  const client = new pg.Client({
    connectionString: env().DATABASE_URL,
    application_name: `freshplan-job:${jobId}`.slice(0, 63),
  });
  // A connection lost mid-run takes the lock with it; the run itself goes on and is still recorded.
  client.on("error", (error) => console.error(`[jobs] lock connection of ${jobId} failed`, error));
  await client.connect();
  const key = `job:${jobId}`;
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      "SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked",
      [key],
    );
    if (!rows[0]?.locked) {
      await client.end();
      return null;
    }
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }

  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      try {
        await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [key]);
      } catch {
        // Closing the session below frees the lock as well.
      } finally {
        await client.end().catch(() => undefined);
      }
    },
  };
};
