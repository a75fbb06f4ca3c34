"use server";

import { revalidatePath } from "next/cache";

import { orgAction, type ActionState } from "@/lib/http/action";

import type { JobRunResult } from "./runner";
import { ZRunJobNow } from "./schemas";
import { runJobNow } from "./service";

/** "Run now" in the System area: the operator's admins (job.run), synchronous; the page then shows the run. */
export async function runJobNowAction(
  orgSlug: string,
  _previous: ActionState<JobRunResult>,
  formData: FormData,
): Promise<ActionState<JobRunResult>> {
  const state = await orgAction(orgSlug, ZRunJobNow, formData, (session, input) =>
    runJobNow(session.ctx, input.jobId),
  );
  if (state.status === "ok") revalidatePath(`/${orgSlug}/system`);
  return state;
}
