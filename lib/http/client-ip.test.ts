import { afterEach, describe, expect, it, vi } from "vitest";

import { stubRequiredEnv } from "@/test/stub-env";

// lib/env.ts parses once per module registry: each case loads client-ip.ts afresh with its variables.
async function loadWith(vars: Record<string, string>) {
  vi.resetModules();
  stubRequiredEnv({ TRUSTED_PROXY_HOPS: undefined, VERCEL: undefined, ...vars });
  return import("./client-ip");
}

const headers = (init: Record<string, string>) => new Headers(init);

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("clientIp", () => {
  // The header as the app sees it: client-written entries, then what proxies saw, then the socket.
  const chain = { "x-forwarded-for": "198.51.100.66, 203.0.113.10, 10.0.0.5" };

  it("takes the socket address (the last entry) without trusted proxies", async () => {
    const { clientIp } = await loadWith({});
    expect(clientIp(headers(chain))).toBe("10.0.0.5");
  });

  it("takes the entry the nearest trusted proxy wrote with one hop, never the client's own", async () => {
    const { clientIp } = await loadWith({ TRUSTED_PROXY_HOPS: "1" });
    expect(clientIp(headers(chain))).toBe("203.0.113.10");
  });

  it("goes no further left than the chain reaches", async () => {
    const { clientIp } = await loadWith({ TRUSTED_PROXY_HOPS: "2" });
    expect(clientIp(headers(chain))).toBe("198.51.100.66");
    expect(clientIp(headers({ "x-forwarded-for": "10.0.0.5" }))).toBe("10.0.0.5");
  });

  it("reads Vercel's header on Vercel, whatever X-Forwarded-For claims", async () => {
    const { clientIp } = await loadWith({ VERCEL: "1" });
    expect(clientIp(headers({ ...chain, "x-vercel-forwarded-for": "2001:db8::7" }))).toBe("2001:db8::7");
  });

  it("answers unknown for anything that is not an address, and writes IPv4-mapped IPv6 as IPv4", async () => {
    const { clientIp, UNKNOWN_IP } = await loadWith({});
    expect(clientIp(headers({}))).toBe(UNKNOWN_IP);
    expect(clientIp(headers({ "x-forwarded-for": `1.2.3.4, ${"x".repeat(4000)}` }))).toBe(UNKNOWN_IP);
    expect(clientIp(headers({ "x-forwarded-for": "::ffff:127.0.0.1" }))).toBe("127.0.0.1");
  });
});

describe("isLoopback", () => {
  it("knows this machine's addresses", async () => {
    const { isLoopback } = await loadWith({});
    expect(["127.0.0.1", "127.8.9.10", "::1"].map(isLoopback)).toEqual([true, true, true]);
    expect(["10.0.0.1", "::ffff:127.0.0.1", "unknown", "1270.0.0.1"].map(isLoopback)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
