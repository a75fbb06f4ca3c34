import "server-only";

import { z } from "zod";

import { defineJob, JobFailure } from "@/lib/jobs/definition";

/**
 * Every minute: the provider's answers to pending limit requests (lib/credit/limits.ts). A limit
 * request is asynchronous at Allianz Trade (a jobId polled until processed); the answer lands on the
 * lead and in the requester's in-app inbox.
 */
export const creditLimitPoll = defineJob({
  id: "credit-limit-poll",
  cron: "* * * * *",
  payload: z.object({}).strict(),
  async handler() {
    const { pollLimitRequests } = await import("./limits");
    const counts = await pollLimitRequests();
    if (counts.orgsFailed > 0) {
      throw new JobFailure(`Credit limit polling failed in ${counts.orgsFailed} organisation(s).`, {
        ...counts,
      });
    }
    return { ...counts };
  },
});
