import { NextResponse, type NextRequest } from "next/server";

import { contentSecurityPolicy, newNonce, strictTransportSecurity } from "@/lib/http/security-headers";

/**
 * Runs before every request but Next.js's build files: gives each answer a Content-Security-Policy
 * with a fresh nonce, handed to the rendering through the request (Next.js reads it from the
 * request's policy header; app/layout.tsx passes `x-nonce` to MUI's style cache), and HSTS over HTTPS.
 * It decides nothing about access: pages, actions and routes check the session themselves.
 */
export function proxy(request: NextRequest): NextResponse {
  const nonce = newNonce();
  const policy = contentSecurityPolicy(nonce, request.headers);
  const forwarded = new Headers(request.headers);
  forwarded.set("x-nonce", nonce);
  forwarded.set("content-security-policy", policy);

  const response = NextResponse.next({ request: { headers: forwarded } });
  response.headers.set("content-security-policy", policy);
  const hsts = strictTransportSecurity(request.headers);
  if (hsts) response.headers.set("strict-transport-security", hsts);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image).*)"],
};
