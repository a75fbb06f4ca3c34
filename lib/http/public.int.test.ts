import { describe, expect, it } from "vitest";

import { setTestEnv } from "@/test/env";

import { publicRoute } from "./public";

// The wrapper of the routes anyone may call (sign-in, the API document, the feedback portal): its
// per-IP limit, on whichever store REDIS_URL selects (scripts/test.sh runs it with Redis).
const PER_IP = 3;
setTestEnv({ PUBLIC_RATE_LIMIT_PER_IP_PER_MINUTE: String(PER_IP) });

const route = publicRoute(async () => new Response(null, { status: 204 }));
const call = (ip: string) =>
  route(new Request("http://localhost/api/anything", { headers: { "x-forwarded-for": ip } }), {});

describe("publicRoute", () => {
  it(`answers 429 with Retry-After after ${PER_IP} requests a minute from one address, not to others`, async () => {
    const statuses: number[] = [];
    for (let i = 0; i < PER_IP; i++) statuses.push((await call("203.0.113.7")).status);
    expect(statuses).toEqual(Array(PER_IP).fill(204));

    const limited = await call("203.0.113.7");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("content-type")).toBe("application/problem+json");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(60);

    expect((await call("203.0.113.8")).status).toBe(204);
  });
});
