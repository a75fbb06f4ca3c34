"use server";

import { revalidatePath } from "next/cache";
import { type z } from "zod";

import { orgAction, type ActionState } from "@/lib/http/action";

import { createXentralSalesOrder, linkXentralCustomer, type SalesOrderResult } from "./leads";
import type { PullCounts } from "./products";
import { ZSyncNow, ZXentralConnectionInput, ZXentralLink, ZXentralOrder } from "./schemas";
import { saveXentralConnection } from "./connection";
import { syncXentralNow } from "./service";

/** Xentral's mutations: parse, let orgAction re-check session and org, call the service. */

const page = (orgSlug: string) => `/${orgSlug}/integrations`;

export async function saveXentralConnectionAction(
  orgSlug: string,
  _previous: ActionState<{ id: string }>,
  formData: FormData,
): Promise<ActionState<{ id: string }>> {
  const state = await orgAction(orgSlug, ZXentralConnectionInput, formData, (session, input) =>
    saveXentralConnection(session.ctx, input),
  );
  if (state.status === "ok") revalidatePath(page(orgSlug));
  return state;
}

export async function syncXentralNowAction(
  orgSlug: string,
  _previous: ActionState<PullCounts>,
  formData: FormData,
): Promise<ActionState<PullCounts>> {
  const state = await orgAction(orgSlug, ZSyncNow, formData, (session, input) =>
    syncXentralNow(session.ctx, input.mode),
  );
  revalidatePath(page(orgSlug));
  return state;
}

export async function linkXentralCustomerAction(
  orgSlug: string,
  input: z.input<typeof ZXentralLink>,
): Promise<ActionState<{ number: string; name: string }>> {
  return orgAction(orgSlug, ZXentralLink, input, async (session, data) => {
    const customer = await linkXentralCustomer(session.ctx, data.leadId, data.customerNumber);
    return { number: customer.number, name: customer.name };
  });
}

export async function createXentralSalesOrderAction(
  orgSlug: string,
  input: z.input<typeof ZXentralOrder>,
): Promise<ActionState<SalesOrderResult>> {
  return orgAction(orgSlug, ZXentralOrder, input, (session, { leadId, ...order }) =>
    createXentralSalesOrder(session.ctx, leadId, order),
  );
}
