import { describe, expect, it } from "vitest";

import { signWebhook, verifyWebhookSignature } from "./webhook-signature";

const secret = "a-webhook-secret-of-some-length";
const body = new TextEncoder().encode('{"id":"evt_1","type":"test.ping"}');
const now = Date.UTC(2026, 11, 7, 12, 0, 0);
const ts = String(now / 1000);

describe("webhook signatures", () => {
  it("accept the HMAC-SHA256 of `<timestamp>.<body>` under the secret", () => {
    const signature = signWebhook(secret, ts, body);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(secret, { timestamp: ts, signature, body }, now)).toBe(true);
  });

  it("refuse another secret, a changed body and a changed timestamp", () => {
    const signature = signWebhook(secret, ts, body);
    expect(verifyWebhookSignature("another-secret-entirely!", { timestamp: ts, signature, body }, now)).toBe(
      false,
    );
    const tampered = new TextEncoder().encode('{"id":"evt_1","type":"test.pong"}');
    expect(verifyWebhookSignature(secret, { timestamp: ts, signature, body: tampered }, now)).toBe(false);
    const later = String(Number(ts) + 1);
    expect(verifyWebhookSignature(secret, { timestamp: later, signature, body }, now)).toBe(false);
  });

  it("refuse a timestamp more than five minutes away, either side", () => {
    for (const offset of [-301, 301]) {
      const at = String(Number(ts) + offset);
      const signature = signWebhook(secret, at, body);
      expect(verifyWebhookSignature(secret, { timestamp: at, signature, body }, now)).toBe(false);
    }
    const edge = String(Number(ts) - 300);
    expect(
      verifyWebhookSignature(
        secret,
        { timestamp: edge, signature: signWebhook(secret, edge, body), body },
        now,
      ),
    ).toBe(true);
  });

  it("take one matching signature of several, and nothing malformed", () => {
    const good = signWebhook(secret, ts, body);
    const other = signWebhook("old-secret-of-the-vendor", ts, body);
    expect(verifyWebhookSignature(secret, { timestamp: ts, signature: `${other}, ${good}`, body }, now)).toBe(
      true,
    );
    for (const signature of [null, "", good.slice(7), "sha1=abc", `${good}00`, good.toUpperCase()]) {
      expect(verifyWebhookSignature(secret, { timestamp: ts, signature, body }, now)).toBe(false);
    }
    for (const timestamp of [null, "", "1e9", `${ts}.0`, "-1"]) {
      expect(verifyWebhookSignature(secret, { timestamp, signature: good, body }, now)).toBe(false);
    }
  });
});
