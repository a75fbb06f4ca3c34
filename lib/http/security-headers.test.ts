import { afterEach, describe, expect, it, vi } from "vitest";

import { stubRequiredEnv } from "@/test/stub-env";

// The headers that depend on the request and the environment; lib/env.ts parses once per module
// registry, so each case loads the module afresh with its variables.
async function loadWith(vars: Record<string, string>) {
  vi.resetModules();
  stubRequiredEnv({ TRUSTED_PROXY_HOPS: undefined, VERCEL: undefined, AUTH_OIDC_ISSUER: undefined, ...vars });
  return import("./security-headers");
}

const overHttps = new Headers({ host: "app.example", "x-forwarded-proto": "https" });

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("Strict-Transport-Security", () => {
  it("is sent when a trusted proxy says the client came over HTTPS", async () => {
    for (const vars of [{ TRUSTED_PROXY_HOPS: "1" }, { VERCEL: "1" }] as Record<string, string>[]) {
      const { strictTransportSecurity } = await loadWith(vars);
      expect(strictTransportSecurity(overHttps)).toBe("max-age=63072000");
      const plain = new Headers({ host: "app.example", "x-forwarded-proto": "http" });
      expect(strictTransportSecurity(plain)).toBeNull();
    }
  });

  it("is not sent on the client's own claim when no proxy is trusted", async () => {
    const { strictTransportSecurity } = await loadWith({});
    expect(strictTransportSecurity(overHttps)).toBeNull();
  });
});

describe("Content-Security-Policy", () => {
  it("admits scripts and style tags by this response's nonce only, and no framing", async () => {
    const { contentSecurityPolicy, newNonce } = await loadWith({ NODE_ENV: "production" });
    const nonce = newNonce();
    expect(newNonce()).not.toBe(nonce);
    const policy = contentSecurityPolicy(nonce, new Headers({ host: "app.example" }));
    expect(policy).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic';`);
    expect(policy).toContain(`style-src 'self' 'nonce-${nonce}';`);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/unsafe-eval|upgrade-insecure-requests/);
  });

  it("lets the sign-on form reach the identity provider, and upgrades requests over HTTPS", async () => {
    const { contentSecurityPolicy } = await loadWith({
      TRUSTED_PROXY_HOPS: "1",
      AUTH_OIDC_ISSUER: "https://login.example.com/realms/freshplan",
    });
    const policy = contentSecurityPolicy("n", overHttps);
    expect(policy).toContain("form-action 'self' https://login.example.com;");
    expect(policy).toMatch(/; upgrade-insecure-requests$/);
  });
});
