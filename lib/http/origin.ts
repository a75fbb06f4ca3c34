import "server-only";

import { env } from "@/lib/env";

import { AppError } from "@/lib/errors";

/**
 * The app's own origin as the client addressed it. Behind trusted proxies (TRUSTED_PROXY_HOPS, or
 * Vercel) the nearest one says which scheme and host the client used (X-Forwarded-Proto / -Host);
 * facing clients directly the app speaks plain HTTP (Next.js's server has no TLS) to the Host the
 * client named, and forwarded headers are only the client's claims. Null for a host that is none.
 */
export function requestOrigin(headers: Headers): string | null {
  const { TRUSTED_PROXY_HOPS, VERCEL } = env();
  const behindProxy = VERCEL || TRUSTED_PROXY_HOPS > 0;
  const forwarded = (name: string) => headers.get(name)?.split(",").at(-1)?.trim() || null;
  const proto = behindProxy ? (forwarded("x-forwarded-proto") ?? "http") : "http";
  const host = (behindProxy ? forwarded("x-forwarded-host") : null) ?? headers.get("host");
  // Through URL, as a browser writes an Origin: lowercase, without the scheme's default port.
  return host ? (URL.parse(`${proto}://${host}`)?.origin ?? null) : null;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses a write that a page of another site made the browser send with our cookies (CSRF; login
 * CSRF on the sign-in route). Browsers say where a request comes from: every current one sends
 * Sec-Fetch-Site, which names the relation itself and survives proxies that rewrite Host, and
 * otherwise Origin. A request with neither is no browser's, and such a client can only send
 * cookies it was given.
 */
export function assertSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method)) return;
  const site = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  const sameOrigin =
    site !== null
      ? site === "same-origin" || site === "none"
      : origin === null || origin === requestOrigin(request.headers);
  if (!sameOrigin) {
    throw new AppError(
      "forbidden",
      "A request from another site may not act with this site's cookies: send it from the app's own pages, or with a Bearer token.",
    );
  }
}
