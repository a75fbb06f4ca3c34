"use server";

import { revalidatePath } from "next/cache";

import { orgAction, type ActionState } from "@/lib/http/action";

import {
  ZConnectionEnabled,
  ZConnectionId,
  ZMailConnectionInput,
  ZOutboxRetry,
  ZWebhookConnectionInput,
  ZWebhookReplay,
} from "./schemas";
import {
  retryOutboxRow,
  saveMailConnection,
  setConnectionEnabled,
  testConnection,
  type TestResult,
} from "./service";
import { saveWebhookConnection } from "./webhook-inbox";
import { replayWebhookEvent } from "./webhooks";

/** The Integrations page's mutations: parse, let orgAction re-check session and org, call the service. */

const page = (orgSlug: string) => `/${orgSlug}/integrations`;

export async function saveMailConnectionAction(
  orgSlug: string,
  _previous: ActionState<{ id: string }>,
  formData: FormData,
): Promise<ActionState<{ id: string }>> {
  const state = await orgAction(orgSlug, ZMailConnectionInput, formData, (session, input) =>
    saveMailConnection(session.ctx, input),
  );
  if (state.status === "ok") revalidatePath(page(orgSlug));
  return state;
}

export async function setConnectionEnabledAction(
  orgSlug: string,
  _previous: ActionState<null>,
  formData: FormData,
): Promise<ActionState<null>> {
  const state = await orgAction(orgSlug, ZConnectionEnabled, formData, async (session, input) => {
    await setConnectionEnabled(session.ctx, input.id, input.enabled);
    return null;
  });
  if (state.status === "ok") revalidatePath(page(orgSlug));
  return state;
}

export async function testConnectionAction(
  orgSlug: string,
  _previous: ActionState<TestResult>,
  formData: FormData,
): Promise<ActionState<TestResult>> {
  const state = await orgAction(orgSlug, ZConnectionId, formData, (session, input) =>
    testConnection(session.ctx, input.id),
  );
  revalidatePath(page(orgSlug));
  return state;
}

export async function retryOutboxAction(
  orgSlug: string,
  _previous: ActionState<null>,
  formData: FormData,
): Promise<ActionState<null>> {
  const state = await orgAction(orgSlug, ZOutboxRetry, formData, async (session, input) => {
    await retryOutboxRow(session.ctx, input.id);
    return null;
  });
  if (state.status === "ok") revalidatePath(page(orgSlug));
  return state;
}

export async function saveWebhookConnectionAction(
  orgSlug: string,
  _previous: ActionState<{ id: string }>,
  formData: FormData,
): Promise<ActionState<{ id: string }>> {
  const state = await orgAction(orgSlug, ZWebhookConnectionInput, formData, (session, input) =>
    saveWebhookConnection(session.ctx, input),
  );
  if (state.status === "ok") revalidatePath(page(orgSlug));
  return state;
}

/** "Replay" on a failed webhook event: processed again at once; answers how that ended. */
export async function replayWebhookAction(
  orgSlug: string,
  _previous: ActionState<{ status: string }>,
  formData: FormData,
): Promise<ActionState<{ status: string }>> {
  const state = await orgAction(orgSlug, ZWebhookReplay, formData, async (session, input) => ({
    status: await replayWebhookEvent(session.ctx, input.id),
  }));
  revalidatePath(page(orgSlug));
  return state;
}
