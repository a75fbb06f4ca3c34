import { NextResponse, type NextRequest } from "next/server";

import { requestIdFrom } from "@/lib/http/request-id";
import { contentSecurityPolicy, newNonce, strictTransportSecurity } from "@/lib/http/security-headers";

/**
 * Runs before every request without a body, but for Next.js's build files (see `config`): gives
 * each answer a Content-Security-Policy with a fresh nonce, handed to the rendering through the
 * request (Next.js reads it from the request's policy header; app/layout.tsx passes `x-nonce` to
 * MUI's style cache), HSTS over HTTPS, and a request id (X-Request-Id, the caller's when plain). It decides nothing about access: pages, actions and
 * routes check the session themselves.
 */
export function proxy(request: NextRequest): NextResponse {
  const nonce = newNonce();
  const policy = contentSecurityPolicy(nonce, request.headers);
  const forwarded = new Headers(request.headers);
  // One request id from here on (lib/log): pages, server actions and routes read it from the request.
  const requestId = requestIdFrom(request.headers);
  forwarded.set("x-request-id", requestId);
  forwarded.set("x-nonce", nonce);
  forwarded.set("content-security-policy", policy);
  // The root layout cannot see the URL; the feedback portal's language depends on it
  // (components/feedback/language.ts). Never taken from the client.
  forwarded.delete("x-portal-path");
  if (request.nextUrl.pathname.startsWith("/feedback/")) {
    forwarded.set("x-portal-path", request.nextUrl.pathname + request.nextUrl.search);
  }

  const response = NextResponse.next({ request: { headers: forwarded } });
  response.headers.set("content-security-policy", policy);
  response.headers.set("x-request-id", requestId);
  const hsts = strictTransportSecurity(request.headers);
  if (hsts) response.headers.set("strict-transport-security", hsts);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image).*)",
      // To hand a request's body to the proxy and replay it afterwards, Next.js reads all of it
      // first (up to experimental.proxyClientMaxBodySize, 10 MB, and silently cuts it there), before
      // any route's own limit could refuse it. So requests with a body never come here: their
      // answers are JSON, flight data or redirects, and pages are fetched with GET.
      missing: [
        { type: "header", key: "content-length" },
        { type: "header", key: "transfer-encoding" },
      ],
    },
  ],
};
