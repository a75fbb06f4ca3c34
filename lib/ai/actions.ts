"use server";

import { z } from "zod";

import { orgAction, type ActionState } from "@/lib/http/action";

import { ZModelPriceInput, type TModelPrice } from "./schemas";
import { setModelPrice } from "./service";

/**
 * The AI page's server action (mutations only; the page reads through GET /api/v1/ai/…): parse
 * with the shared zod input, let orgAction re-check the session, and call the service, which asks
 * ABAC (ai.prices.edit) before it touches data.
 */

/**
 * A decimal as a German or English user types it: "0,55", "0.55", "1.234,5" or "1,234.5" (the
 * last separator is the decimal one). Empty is absent; anything else stays text for zod to refuse.
 */
function decimal(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const text = value.replace(/\s/g, "");
  if (text === "") return undefined;
  const decimalAt = Math.max(text.lastIndexOf(","), text.lastIndexOf("."));
  const normalised =
    decimalAt < 0 ? text : `${text.slice(0, decimalAt).replace(/[.,]/g, "")}.${text.slice(decimalAt + 1)}`;
  return /^-?\d*\.?\d+$/.test(normalised) ? Number(normalised) : value;
}

/** The price form's fields, turned into the shape ZModelPriceInput checks (and nothing else). */
const ZPriceForm = z.preprocess((raw) => {
  const form = raw as Record<string, unknown>;
  return {
    model: form.model,
    provider: form.provider === "" ? undefined : form.provider,
    inputPerMillionEur: decimal(form.inputPerMillionEur),
    outputPerMillionEur: decimal(form.outputPerMillionEur),
  };
}, ZModelPriceInput);

/** A platform admin sets one model's price (the service checks ai.prices.edit and audits it). */
export async function setPriceAction(
  orgSlug: string,
  _previous: ActionState<TModelPrice>,
  formData: FormData,
): Promise<ActionState<TModelPrice>> {
  return orgAction(orgSlug, ZPriceForm, formData, (session, input) => setModelPrice(session.ctx, input));
}
