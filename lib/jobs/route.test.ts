import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";

import { JOBS } from "@/lib/jobs/registry";
import { TEST_AUDIT_CHAIN_KEY, TEST_AUTH_SECRET } from "@/test/env";

// app/api/inngest/route.ts chooses its mode from the environment. lib/env.ts caches its first
// parse and lib/jobs/client.ts its client (on globalThis), so each case loads the route in a fresh
// module registry, without the previous client, with its own variables.

const BASE_ENV = {
  DATABASE_URL: "postgresql://127.0.0.1:1/never_connected",
  AUTH_SECRET: TEST_AUTH_SECRET,
  AUDIT_CHAIN_KEY: TEST_AUDIT_CHAIN_KEY,
};
const INNGEST_VARS = ["INNGEST_DEV", "INNGEST_SIGNING_KEY", "INNGEST_EVENT_KEY", "INNGEST_BASE_URL"];

async function loadRoute(vars: Record<string, string>) {
  vi.resetModules();
  delete (globalThis as { freshplanInngest?: unknown }).freshplanInngest;
  for (const name of INNGEST_VARS) vi.stubEnv(name, undefined);
  for (const [name, value] of Object.entries({ ...BASE_ENV, ...vars })) vi.stubEnv(name, value);
  return import("@/app/api/inngest/route");
}

const context = { params: Promise.resolve({}) };
const request = (method: string) => new NextRequest("http://localhost:3000/api/inngest", { method });

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("/api/inngest", () => {
  it.each(["GET", "POST", "PUT"] as const)(
    "answers %s with 503 problem+json, not 500, when Inngest is not configured",
    async (method) => {
      const route = await loadRoute({});
      const response = await route[method](request(method), context);
      expect(response.status).toBe(503);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(await response.json()).toMatchObject({
        type: expect.stringMatching(/inngest-not-configured$/),
        status: 503,
        detail: expect.stringContaining("INNGEST_SIGNING_KEY"),
        instance: "/api/inngest",
      });
    },
  );

  it("is not configured by an event key alone (requests from Inngest could not be verified)", async () => {
    const route = await loadRoute({ INNGEST_EVENT_KEY: "test-event-key" });
    expect((await route.GET(request("GET"), context)).status).toBe(503);
  });

  it("serves every job when INNGEST_DEV=1 points it at a dev server", async () => {
    const route = await loadRoute({ INNGEST_DEV: "1", INNGEST_BASE_URL: "http://127.0.0.1:8288" });
    const response = await route.GET(request("GET"), context);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { function_count?: number; mode?: string };
    expect(body).toMatchObject({ function_count: JOBS.length, mode: "dev" });
  });

  it("serves with a signing key (cloud or self-hosted), and refuses unsigned calls", async () => {
    const route = await loadRoute({
      INNGEST_SIGNING_KEY: "signkey-test-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    });
    const unsigned = new NextRequest(
      "http://localhost:3000/api/inngest?fnId=freshplan-admin-rate-limit-cleanup&stepId=step",
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          event: { name: "inngest/scheduled.timer", data: {} },
          events: [],
          steps: {},
          ctx: {},
        }),
      },
    );
    const response = await route.POST(unsigned, context);
    expect(response.status).toBe(401);
  });
});
