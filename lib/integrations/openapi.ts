import { z } from "zod";

import { defineApi } from "@/lib/http/spec";

import { ZGenericWebhookEvent } from "./generic/webhooks";
import { ZCustomerCandidate, ZLeadXentral } from "./xentral/schemas";
import { WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from "./webhook-signature";

/** The Integrations operations: a connection's health (/api/v1) and the webhook inbox (/api). */

const at = z.iso.datetime();

export const ZConnectionHealth = z
  .object({
    connectionId: z.uuid(),
    provider: z.string(),
    name: z.string(),
    enabled: z.boolean(),
    light: z
      .enum(["green", "yellow", "red", "off"])
      .describe(
        "off: disabled; red: breaker open or ≥ 50 % of the window's calls failed; yellow: some failed",
      ),
    breaker: z.object({
      state: z.enum(["closed", "open", "half_open"]),
      since: at.nullable().describe("When the breaker opened"),
      until: at.nullable().describe("Until when an open breaker refuses calls"),
    }),
    lastSuccessAt: at.nullable(),
    lastError: z.object({ at, message: z.string().describe("Redacted") }).nullable(),
    window: z.object({
      minutes: z.number().int(),
      calls: z.number().int(),
      failures: z.number().int(),
      errorRate: z.number().min(0).max(1).nullable().describe("failures / calls; null without calls"),
      p95Ms: z.number().int().nullable().describe("95th percentile of the calls' durations"),
    }),
    quota: z.object({
      perMinute: z.number().int().describe("The limit this instance keeps to"),
      remaining: z
        .number()
        .int()
        .nullable()
        .describe("What the vendor last said is left (X-RateLimit-Remaining)"),
      resetAt: at.nullable(),
    }),
    tokenExpiry: z
      .object({
        expiresAt: z.iso.date(),
        daysLeft: z.number().int().describe("Whole days left; negative once expired"),
        warning: z.boolean().describe("Fewer than 14 days left: renew the token"),
        expired: z.boolean(),
      })
      .nullable()
      .describe("The access token's expiry (Xentral personal access tokens live at most 180 days)"),
  })
  .meta({ id: "ConnectionHealth" });

export const connectionHealthApi = defineApi({
  operationId: "getConnectionHealth",
  method: "GET",
  path: "/integrations/connections/{id}/health",
  summary: "A connection's health",
  description:
    "Breaker state (this instance's), last success, last error (redacted), error rate and p95 latency of the " +
    "calls in the last 15 minutes, and the quota left. Administrators only.",
  tag: "Integrations",
  params: z.object({ id: z.uuid() }),
  response: { status: 200, description: "The connection's health", schema: ZConnectionHealth },
  problems: [403, 404],
});

export const ZWebhookReceipt = z
  .object({ status: z.enum(["accepted", "duplicate"]), id: z.uuid().describe("The stored event") })
  .meta({ id: "WebhookReceipt" });

export const receiveWebhookApi = defineApi({
  operationId: "receiveWebhook",
  method: "POST",
  server: "/api",
  path: "/webhooks/{provider}/{connectionId}",
  summary: "A vendor's webhook (the inbox)",
  description:
    "Signed with the connection's webhook secret: `X-Webhook-Signature: sha256=<hex>`, the HMAC-SHA256 of " +
    "`<X-Webhook-Timestamp>.<raw body>`; the timestamp (unix seconds) must be within 5 minutes of the " +
    "server's clock. Unknown provider or connection, a disabled one and a wrong or stale signature all " +
    "answer the same 401. The event is stored once per event id and processed by a job. The body shown " +
    "is the `generic` provider's envelope; `xentral` takes the same envelope with `type` " +
    "`com.xentral.product.created.v1` / `.updated.v1` / `.deleted.v1` and the product as `data`.",
  tag: "Integrations",
  public: true,
  params: z.object({ provider: z.enum(["generic", "xentral"]), connectionId: z.uuid() }),
  headers: z.object({
    [WEBHOOK_TIMESTAMP_HEADER]: z.string().regex(/^\d+$/).describe("Unix seconds when the vendor signed"),
    [WEBHOOK_SIGNATURE_HEADER]: z
      .string()
      .regex(/^sha256=[0-9a-f]{64}(,\s*sha256=[0-9a-f]{64})*$/)
      .describe("sha256=<hex>, several comma-separated while a secret rotates"),
  }),
  body: ZGenericWebhookEvent,
  response: {
    status: 202,
    description: "Stored; processed shortly by the job webhook-process",
    schema: ZWebhookReceipt,
  },
  otherResponses: [
    { status: 200, description: "This event id was stored before (a duplicate)", schema: ZWebhookReceipt },
  ],
  problems: [401, 413],
});

export const leadXentralApi = defineApi({
  operationId: "getLeadXentral",
  method: "GET",
  path: "/leads/{id}/xentral",
  summary: "A lead's Xentral customer and sales order",
  description:
    "The Xentral customer the lead is linked to (number shown on the lead), the sales order made from it " +
    "(our externalOrderNumber, state, the Location Xentral answered), and whether one may be made: the " +
    "lead's last decided test phase ended with LIST. Whoever may read the lead.",
  tag: "Xentral",
  params: z.object({ id: z.uuid() }),
  response: { status: 200, description: "The lead's Xentral side", schema: ZLeadXentral },
  problems: [404],
});

export const ZXentralCustomerQuery = z.object({
  vatNumber: z.string().trim().min(4).max(20).optional().describe("Searched exactly (spaces ignored)"),
  name: z.string().trim().min(2).max(200).optional().describe("Searched as contained, with zip if given"),
  zip: z.string().trim().min(3).max(10).optional(),
});

export const searchXentralCustomersApi = defineApi({
  operationId: "searchXentralCustomers",
  method: "GET",
  path: "/leads/{id}/xentral/customers",
  summary: "Xentral customers that may be this lead",
  description:
    "Asks Xentral (`GET /api/v1/customers`, one cursor page of 50) by VAT number, or by name and zip. " +
    "Managers and administrators.",
  tag: "Xentral",
  params: z.object({ id: z.uuid() }),
  query: ZXentralCustomerQuery,
  response: {
    status: 200,
    description: "Candidates",
    schema: z.object({ items: z.array(ZCustomerCandidate) }),
  },
  problems: [400, 403, 404, 422, 503],
});

export const integrationsApis = [
  connectionHealthApi,
  receiveWebhookApi,
  leadXentralApi,
  searchXentralCustomersApi,
];
