import { z } from "zod";

import type { WebhookProvider } from "../webhook-handlers";

/**
 * The generic provider: a vendor without an adapter yet, or a test sender, posting events in a
 * plain envelope `{id, type, occurredAt?, data?}`. Its handler does nothing but record what it saw
 * (the type and the data's field names), so the inbox can be tried end to end. A test event may ask
 * to fail: `data.failAttempts: n` fails its first n processings (then a replay succeeds).
 */
export const ZGenericWebhookEvent = z
  .object({
    id: z.string().min(1).max(200).describe("The sender's event id, unique per connection"),
    type: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$/)
      .describe("The event's type, e.g. product.updated"),
    occurredAt: z.iso.datetime({ offset: true }).optional(),
    data: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export const genericWebhooks: WebhookProvider = {
  provider: "GENERIC",
  identify(payload) {
    const parsed = ZGenericWebhookEvent.safeParse(payload);
    return parsed.success ? { id: parsed.data.id, type: parsed.data.type } : null;
  },
  async handle(event) {
    const { data = {} } = ZGenericWebhookEvent.parse(event.payload);
    const failAttempts = typeof data.failAttempts === "number" ? data.failAttempts : 0;
    if (event.attempt <= failAttempts) {
      throw new Error(`The test event asked to fail (attempt ${event.attempt} of ${failAttempts}).`);
    }
    return { handled: event.eventType, fields: Object.keys(data).sort(), attempt: event.attempt };
  },
};
