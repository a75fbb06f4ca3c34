import "server-only";

import { z } from "zod";

import { defineJob } from "@/lib/jobs/definition";

/**
 * Daily: deletes app_log lines older than system.logs.retention (lib/log/prune.ts), each
 * organisation's by its own value, lines of no organisation by the global one. Safe to run twice.
 */
export const logHousekeeping = defineJob({
  id: "log-housekeeping",
  cron: "50 3 * * *",
  payload: z.object({}).strict(),
  async handler(_payload, { db }) {
    const { pruneAppLog } = await import("./prune");
    const { deleted } = await pruneAppLog(db);
    return { deleted };
  },
});
