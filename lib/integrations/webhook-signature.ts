import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * How a vendor signs a webhook for the inbox (`POST /api/webhooks/{provider}/{connectionId}`):
 * `X-Webhook-Timestamp: <unix seconds>` and `X-Webhook-Signature: sha256=<hex>`, the hex being
 * HMAC-SHA256 under the connection's webhook secret of `<timestamp>.<raw body>`. Several
 * signatures may be sent comma-separated (a vendor rotating its secret); one that matches is
 * enough. A timestamp more than five minutes from now is refused, so a captured request cannot be
 * replayed later; within those minutes the event id's uniqueness catches a replay.
 */
export const WEBHOOK_TIMESTAMP_HEADER = "x-webhook-timestamp";
export const WEBHOOK_SIGNATURE_HEADER = "x-webhook-signature";
export const WEBHOOK_TOLERANCE_SECONDS = 300;

const SIGNATURE = /^sha256=([0-9a-f]{64})$/;

function mac(secret: string, timestamp: string, body: Uint8Array | string): Buffer {
  return createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest();
}

/** The signature header's value for a body sent at `timestamp` (unix seconds). */
export function signWebhook(secret: string, timestamp: number | string, body: Uint8Array | string): string {
  return `sha256=${mac(secret, String(timestamp), body).toString("hex")}`;
}

export interface SignedRequest {
  timestamp: string | null;
  signature: string | null;
  body: Uint8Array;
}

/**
 * True when the request carries a fresh timestamp and a signature of it and the body under
 * `secret`. Compares in constant time; a malformed header is simply no match.
 */
export function verifyWebhookSignature(
  secret: string,
  request: SignedRequest,
  nowMs = Date.now(),
  toleranceSeconds = WEBHOOK_TOLERANCE_SECONDS,
): boolean {
  const { timestamp, signature, body } = request;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  const expected = mac(secret, timestamp, body);
  let matched = false;
  for (const candidate of signature.split(",").slice(0, 5)) {
    const hex = SIGNATURE.exec(candidate.trim())?.[1];
    // Every candidate is compared, matching or not: the time taken says nothing about which.
    if (hex && timingSafeEqual(Buffer.from(hex, "hex"), expected)) matched = true;
  }
  return matched;
}
