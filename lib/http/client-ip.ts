import "server-only";

import { randomUUID } from "node:crypto";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import { isIP, type Socket } from "node:net";

import { env } from "@/lib/env";

/**
 * Where a request comes from, for rate limits and the audit trail.
 *
 * Next.js (16.4, `next start` and the standalone server alike) hands route handlers, server actions
 * and next-auth only the request's headers, never its socket. Its server does fill X-Forwarded-For
 * with the socket address, but only when the request has none (`??=` in
 * next/dist/server/base-server.js): a client that sends the header decides what the app sees. So
 * this process acts as the last proxy hop itself: `listenAsLastHop` (started by instrumentation.ts)
 * appends each request's socket address to X-Forwarded-For before Next.js reads the request, as
 * nginx's `$proxy_add_x_forwarded_for` does. Read from the right, the header then holds the socket
 * address, then what each proxy in front saw; only TRUSTED_PROXY_HOPS of those are believed, and
 * whatever stands further left the client wrote itself.
 */

/** What stands in for an address that cannot be known (or was not a valid address). */
export const UNKNOWN_IP = "unknown";

/** Marks a request as seen by this process's hop (its value is a secret of the process). */
const HOP_HEADER = "x-freshplan-hop";

const globalForHop = globalThis as unknown as { freshplanHopToken?: string };

/**
 * Starts appending the socket address to X-Forwarded-For of every request this process's HTTP
 * server accepts. Node publishes `http.server.request.start` before the server's request listener
 * runs, so Next.js only ever sees the extended header. Idempotent.
 */
export function listenAsLastHop(): void {
  if (globalForHop.freshplanHopToken) return;
  const token = randomUUID();
  globalForHop.freshplanHopToken = token;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    const forwarded = request.headers["x-forwarded-for"];
    const peer = socket.remoteAddress ?? UNKNOWN_IP;
    request.headers["x-forwarded-for"] = forwarded ? `${forwarded}, ${peer}` : peer;
    request.headers[HOP_HEADER] = token;
  });
}

/**
 * The client's address: on Vercel from Vercel's own header (its edge overwrites client-sent
 * forwarding headers); elsewhere the X-Forwarded-For entry TRUSTED_PROXY_HOPS places before the
 * socket address. A request the server accepted before `listenAsLastHop` ran (in the moment after
 * start-up) carries no socket address, so its address is unknown rather than the client's claim.
 */
export function clientIp(headers: Headers): string {
  const { VERCEL, TRUSTED_PROXY_HOPS } = env();
  if (VERCEL) return normalisedAddress(headers.get("x-vercel-forwarded-for")?.split(",")[0]);
  const hopToken = globalForHop.freshplanHopToken;
  if (hopToken && headers.get(HOP_HEADER) !== hopToken) return UNKNOWN_IP;
  return addressBehindHops(headers.get("x-forwarded-for"), TRUSTED_PROXY_HOPS);
}

/**
 * The entry of an X-Forwarded-For chain (ending in the socket address) that `hops` trusted proxies
 * vouch for. With fewer entries than that the request bypassed the proxies: its first entry is
 * as far as anyone vouches.
 */
export function addressBehindHops(forwardedFor: string | null, hops: number): string {
  const chain = (forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return normalisedAddress(chain[Math.max(0, chain.length - 1 - hops)]);
}

/** An IPv4 or IPv6 address (an IPv4-mapped IPv6 one as plain IPv4); anything else is unknown. */
function normalisedAddress(value: string | undefined): string {
  const address = value
    ?.trim()
    .toLowerCase()
    .replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
  return address && isIP(address) ? address : UNKNOWN_IP;
}

/** True for 127.0.0.0/8 and ::1: a client on this machine. */
export function isLoopback(address: string): boolean {
  return address === "::1" || (isIP(address) === 4 && address.startsWith("127."));
}
