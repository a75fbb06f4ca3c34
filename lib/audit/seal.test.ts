import { createHmac } from "node:crypto";

import { describe, expect, it } from "vitest";

import { keyringOf, macMatches, sealOf } from "./seal";

const KEY = "an-audit-chain-key-of-32-bytes-or-more";
const OLD = "the-audit-chain-key-before-the-rotation";

describe("keyringOf", () => {
  it("names each key by a fingerprint that gives nothing of it away, the current one first", () => {
    const keyring = keyringOf(KEY, [OLD]);
    expect(keyring.current.secret).toBe(KEY);
    expect(keyring.current.id).toMatch(/^[0-9a-f]{16}$/);
    expect(keyring.current.id).not.toContain(Buffer.from(KEY).toString("hex").slice(0, 8));
    expect([...keyring.byId.keys()]).toEqual([keyring.current.id, keyringOf(OLD).current.id]);
    expect(keyringOf(KEY).current.id).toBe(keyring.current.id);
  });
});

describe("sealOf", () => {
  const event = { orgId: "0b7e2f4c-8d7a-4c61-9f3e-2a1b3c4d5e6f", eventId: "42", hash: "ab".repeat(32) };

  it("is HMAC-SHA-256 over what it seals, under the key", () => {
    const key = keyringOf(KEY).current;
    expect(sealOf(key, event)).toBe(
      createHmac("sha256", KEY)
        .update(["audit-seal", event.orgId, "42", event.hash].join("\0"))
        .digest("hex"),
    );
  });

  it("changes with the key, the event, its chain and its hash", () => {
    const key = keyringOf(KEY).current;
    const seal = sealOf(key, event);
    expect(sealOf(keyringOf(OLD).current, event)).not.toBe(seal);
    expect(sealOf(key, { ...event, eventId: "43" })).not.toBe(seal);
    expect(sealOf(key, { ...event, orgId: null })).not.toBe(seal);
    expect(sealOf(key, { ...event, hash: "cd".repeat(32) })).not.toBe(seal);
  });
});

describe("macMatches", () => {
  it("accepts only the same MAC", () => {
    const mac = "0f".repeat(32);
    expect(macMatches(mac, mac)).toBe(true);
    expect(macMatches(mac, "0e".repeat(32))).toBe(false);
    expect(macMatches(mac, "0f".repeat(31))).toBe(false);
    expect(macMatches("", "")).toBe(false);
  });
});
