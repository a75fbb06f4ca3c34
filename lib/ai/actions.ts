"use server";

import { orgAction, type ActionState } from "@/lib/http/action";

import { ZPriceForm, type TModelPrice } from "./schemas";
import { setModelPrice } from "./service";

/**
 * The AI page's server action (mutations only; the page reads through GET /api/v1/ai/…): parse
 * with the shared zod input, let orgAction re-check the session, and call the service, which asks
 * ABAC (ai.prices.edit) before it touches data.
 */

/** A platform admin sets one model's price (the service checks ai.prices.edit and audits it). */
export async function setPriceAction(
  orgSlug: string,
  _previous: ActionState<TModelPrice>,
  formData: FormData,
): Promise<ActionState<TModelPrice>> {
  return orgAction(orgSlug, ZPriceForm, formData, (session, input) => setModelPrice(session.ctx, input));
}
