import { afterEach, describe, expect, it, vi } from "vitest";

import { stubRequiredEnv } from "@/test/stub-env";

// app/api/metrics/route.ts decides from the environment (lib/env.ts parses once per module
// registry), so each case loads the route afresh with its own variables. The database is never
// reached: a refusal comes first, and an allowed scrape reports it as down.
const TOKEN = "metrics-token-0123456789";

async function loadRoute(vars: Record<string, string>) {
  vi.resetModules();
  stubRequiredEnv({ METRICS_TOKEN: undefined, ...vars });
  return import("@/app/api/metrics/route");
}

/** A scrape whose socket address (the last X-Forwarded-For entry) is `peer`. */
const scrape = (peer: string, headers: Record<string, string> = {}) =>
  new Request("http://localhost/api/metrics", { headers: { "x-forwarded-for": peer, ...headers } });

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("/api/metrics", () => {
  it("refuses everyone in production without METRICS_TOKEN, this machine too", async () => {
    const route = await loadRoute({ NODE_ENV: "production" });
    for (const peer of ["127.0.0.1", "203.0.113.9"]) {
      const response = await route.GET(scrape(peer));
      expect(response.status).toBe(403);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
    }
  });

  it("answers only this machine without METRICS_TOKEN outside production, whatever the header claims", async () => {
    const route = await loadRoute({ NODE_ENV: "development" });
    expect((await route.GET(scrape("203.0.113.9"))).status).toBe(403);
    expect((await route.GET(scrape("127.0.0.1, 203.0.113.9"))).status).toBe(403);
    const local = await route.GET(scrape("127.0.0.1"));
    expect(local.status).toBe(200);
    expect(await local.text()).toMatch(/^freshplan_database_up 0$/m);
  });

  it("wants the token as Bearer when METRICS_TOKEN is set, from anywhere", async () => {
    const route = await loadRoute({ NODE_ENV: "production", METRICS_TOKEN: TOKEN });
    expect((await route.GET(scrape("127.0.0.1"))).status).toBe(401);
    expect((await route.GET(scrape("203.0.113.9", { authorization: `Bearer ${TOKEN}x` }))).status).toBe(401);
    expect((await route.GET(scrape("203.0.113.9", { authorization: `Bearer ${TOKEN}` }))).status).toBe(200);
  });
});
