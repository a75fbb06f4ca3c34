import { z } from "zod";

import type { WebhookProvider } from "../webhook-handlers";
import { deactivateProducts, rowOf, upsertProducts } from "./products";
import { PRODUCT_EVENTS, ZXentralProduct, type ProductEventType } from "./wire";

/**
 * Xentral's product webhooks through the inbox (`/api/webhooks/xentral/{connectionId}`, signed with
 * the connection's webhook signature key). Xentral's delivery envelope is not public here: we take
 * `{id, type: "com.xentral.product.updated.v1", occurredAt?, data: <product>}` (wire.ts). The inbox
 * stores each event id once (a redelivery is a duplicate); created/updated upsert the product
 * (never over a newer updatedAt), deleted makes it inactive.
 */
const ZXentralEvent = z.object({
  id: z.string().min(1).max(200),
  type: z.enum(Object.keys(PRODUCT_EVENTS) as [ProductEventType, ...ProductEventType[]]),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  data: z.looseObject({ id: z.string().regex(/^\d+$/) }),
});

export const xentralWebhooks: WebhookProvider = {
  provider: "XENTRAL",
  identify(payload) {
    const parsed = ZXentralEvent.safeParse(payload);
    return parsed.success ? { id: parsed.data.id, type: parsed.data.type } : null;
  },
  async handle(event, { tx, ctx }) {
    const parsed = ZXentralEvent.parse(event.payload);
    const kind = PRODUCT_EVENTS[parsed.type];
    if (kind === "deleted") {
      const at = parsed.occurredAt ? new Date(parsed.occurredAt) : undefined;
      const deactivated = await deactivateProducts(tx, ctx.orgId, [parsed.data.id], at);
      return { event: kind, product: parsed.data.id, deactivated };
    }
    const product = ZXentralProduct.parse(parsed.data);
    const row = rowOf(product);
    if (!row) return { event: kind, product: product.id, skipped: "sku" };
    const done = await upsertProducts(tx, ctx.orgId, [row]);
    return { event: kind, product: product.id, ...done };
  },
};
