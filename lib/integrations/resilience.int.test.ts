import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { withOrg } from "@/lib/db";
import { type AppError, isAppError } from "@/lib/errors";
import { startScriptedServer, type ScriptedServer } from "@/test/fakes/scripted-http";
import { createTenant } from "@/test/tenants";

import { httpError } from "./errors";
import {
  callVendor,
  flushCallRecords,
  ProviderPolicy,
  PROVIDER_POLICIES,
  type PolicyOptions,
} from "./resilience";

// The framework against a real HTTP server on 127.0.0.1 that answers from a script: the production
// code path (fetch through callVendor), only the vendor is replaced. Small numbers, so the breaker
// opens after 3 failures and half-opens after 300 ms.

let server: ScriptedServer;
let ctx: { orgId: string; userId: null; roles: string[] };

const OPTIONS: PolicyOptions = {
  ...PROVIDER_POLICIES.XENTRAL,
  timeoutMs: 1_000,
  retry: { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 50, maxRetryAfterMs: 5_000 },
  breaker: { consecutiveFailures: 3, halfOpenAfterMs: 300 },
  quota: { perMinute: 1000, maxWaitMs: 5_000 },
};

let policy: ProviderPolicy;

beforeAll(async () => {
  server = await startScriptedServer();
  const tenant = await createTenant("resilience");
  ctx = { orgId: tenant.orgId, userId: null, roles: ["system"] };
});
afterAll(() => server.close());
beforeEach(() => {
  policy = new ProviderPolicy("XENTRAL", "test", OPTIONS);
  server.requests.length = 0;
  server.fallback = { status: 200, body: "{}" };
});

/** GET /products through the framework, as the Xentral client will. */
function get(idempotent = true) {
  return callVendor(
    {
      ctx,
      provider: "XENTRAL",
      connectionId: null,
      operation: "products.list",
      idempotent,
      async run({ signal, observe }) {
        const response = await fetch(`${server.url}/api/v1/products`, {
          signal,
          method: idempotent ? "GET" : "POST",
        });
        observe(response.headers);
        if (!response.ok) throw httpError(response, "products.list");
        return response.status;
      },
    },
    { policy },
  );
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
}

async function lastCalls(n: number) {
  await flushCallRecords();
  return withOrg(ctx, (tx) =>
    tx.integrationCall.findMany({
      orderBy: { at: "desc" },
      take: n,
      select: { outcome: true, status: true, attempts: true, error: true },
    }),
  );
}

describe("the circuit breaker", () => {
  it("opens after 3 failures, fails fast while open (no request), half-opens and closes on success", async () => {
    server.fallback = { status: 503 };
    for (let i = 0; i < 3; i++) expect(await failureOf(get(false))).toMatchObject({ status: 503 });
    expect(server.requests).toHaveLength(3);
    expect(policy.state).toBe("open");

    const started = performance.now();
    const refused = await failureOf(get(false));
    const tookMs = performance.now() - started;
    expect(server.requests).toHaveLength(3);
    expect(isAppError(refused) && refused.kind).toBe("integration_unavailable");
    // Fail fast: no request, and no waiting for the timeout or a retry's backoff.
    expect(tookMs).toBeLessThan(OPTIONS.timeoutMs / 4);
    const { since, until } = (refused as AppError).text?.params as { since: Date; until: Date };
    expect(until.getTime() - since.getTime()).toBe(300);

    expect((refused as AppError).status).toBe(503);

    await new Promise((resolve) => setTimeout(resolve, 320));
    server.fallback = { status: 200 };
    expect(await get(false)).toBe(200);
    expect(policy.state).toBe("closed");
    expect(server.requests).toHaveLength(4);

    expect((await lastCalls(5)).map((c) => c.outcome)).toEqual([
      "ok",
      "circuit_open",
      "error",
      "error",
      "error",
    ]);
  });

  it("half-open: a failing probe opens it again at once", async () => {
    server.fallback = { status: 500 };
    for (let i = 0; i < 3; i++) await failureOf(get(false));
    await new Promise((resolve) => setTimeout(resolve, 320));
    expect(await failureOf(get(false))).toMatchObject({ status: 500 });
    expect(policy.state).toBe("open");
    expect(isAppError(await failureOf(get(false)))).toBe(true);
    expect(server.requests).toHaveLength(4);
  });

  it("is not opened by the vendor refusing a request (4xx): the vendor is healthy", async () => {
    server.fallback = { status: 400 };
    for (let i = 0; i < 5; i++) expect(await failureOf(get(true))).toMatchObject({ status: 400 });
    expect(policy.state).toBe("closed");
    expect(server.requests).toHaveLength(5);
  });
});

describe("retries", () => {
  it("repeat an idempotent call after a 5xx and record both attempts", async () => {
    server.script({ status: 503 });
    expect(await get(true)).toBe(200);
    expect(server.requests).toHaveLength(2);
    expect((await lastCalls(1))[0]).toMatchObject({ outcome: "ok", attempts: 2 });
  });

  it("never repeat a call that is not idempotent", async () => {
    server.script({ status: 503 });
    expect(await failureOf(get(false))).toMatchObject({ status: 503 });
    expect(server.requests).toHaveLength(1);
    expect((await lastCalls(1))[0]).toMatchObject({ outcome: "error", status: 503, attempts: 1 });
  });

  it("never repeat a 4xx", async () => {
    server.script({ status: 404 });
    expect(await failureOf(get(true))).toMatchObject({ status: 404 });
    expect(server.requests).toHaveLength(1);
  });

  it("wait what a 429's Retry-After says before the next attempt", async () => {
    server.script({ status: 429, headers: { "retry-after": "1" } });
    expect(await get(true)).toBe(200);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1].at - server.requests[0].at).toBeGreaterThanOrEqual(990);
  });

  it("give up on a Retry-After longer than the policy will wait", async () => {
    server.script({ status: 429, headers: { "retry-after": "60" } });
    expect(await failureOf(get(true))).toMatchObject({ status: 429 });
    expect(server.requests).toHaveLength(1);
  });

  it("count a timeout as a failure of the attempt, and retry it", async () => {
    server.script({ status: 200, delayMs: 1_500 });
    expect(await get(true)).toBe(200);
    expect(server.requests).toHaveLength(2);
    const [row] = await lastCalls(1);
    expect(row).toMatchObject({ outcome: "ok", attempts: 2 });
  });
});

describe("the quota", () => {
  it("waits for the vendor's window to reset once X-RateLimit-Remaining says 0", async () => {
    server.script({ status: 200, headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1" } });
    await get(true);
    await get(true);
    expect(server.requests[1].at - server.requests[0].at).toBeGreaterThanOrEqual(900);
  });

  it("refuses at once (rate_limited) when the wait would be longer than the policy allows", async () => {
    server.script({ status: 200, headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "600" } });
    await get(true);
    const refused = await failureOf(get(true));
    expect(isAppError(refused) && refused.kind).toBe("rate_limited");
    expect(server.requests).toHaveLength(1);
    expect((await lastCalls(1))[0].outcome).toBe("rate_limited");
  });
});
