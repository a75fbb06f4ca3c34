import "server-only";

import { randomBytes } from "node:crypto";

import { env } from "@/lib/env";

import { requestOrigin } from "./origin";

/**
 * The response headers that depend on the request: the Content-Security-Policy with this response's
 * nonce, and Strict-Transport-Security when the client came over HTTPS. proxy.ts sets them on every
 * answer; the fixed ones (nosniff, referrer and permissions policies) are in next.config.ts, so they
 * reach static files too.
 */

/** A fresh nonce per response: only scripts and style tags carrying it may run. */
export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * Scripts only by nonce — Next.js stamps it on its own (it reads the nonce from the request's policy
 * header) and 'strict-dynamic' admits the chunks they load. Style tags by nonce too (MUI's emotion
 * cache gets it in app/layout.tsx); style attributes, which React renders for sizes and positions and
 * which cannot run code, are allowed deliberately. Nothing from other origins, no framing, no plugins.
 */
export function contentSecurityPolicy(nonce: string, headers: Headers): string {
  const { NODE_ENV, AUTH_OIDC_ISSUER } = env();
  // React's development build evaluates code to rebuild call stacks; production never does.
  const devEval = NODE_ENV === "development" ? " 'unsafe-eval'" : "";
  // Without JavaScript, the sign-on form's answer redirects to the identity provider.
  const signOn = AUTH_OIDC_ISSUER ? ` ${new URL(AUTH_OIDC_ISSUER).origin}` : "";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${devEval}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    `form-action 'self'${signOn}`,
    "frame-ancestors 'none'",
    ...(isHttps(headers) ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Browsers keep to HTTPS for two years once they saw it over HTTPS (never sent over plain HTTP). */
export function strictTransportSecurity(headers: Headers): string | null {
  return isHttps(headers) ? "max-age=63072000" : null;
}

function isHttps(headers: Headers): boolean {
  return requestOrigin(headers)?.startsWith("https:") ?? false;
}
