import { randomUUID } from "node:crypto";
import { once } from "node:events";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { testRedisUrl } from "@/test/env";

import { limiterStore, postgresStore, rateLimitRedis, type RateLimitStore } from "./rate-limit";

const LIMIT = 5;
const WINDOW_SECONDS = 60;

/** Hits `key` `count` times, in turn on each of `instances`, and returns the verdicts. */
async function hits(instances: RateLimitStore[], key: string, count: number) {
  const verdicts = [];
  for (let i = 0; i < count; i++)
    verdicts.push(await instances[i % instances.length].hit(key, LIMIT, WINDOW_SECONDS));
  return verdicts;
}

function expectLimitAt(verdicts: { allowed: boolean; retryAfterSeconds: number }[]) {
  expect(verdicts.map((v) => v.allowed)).toEqual([...Array(LIMIT).fill(true), false, false]);
  const refused = verdicts.at(-1)!;
  expect(refused.retryAfterSeconds).toBeGreaterThan(0);
  expect(refused.retryAfterSeconds).toBeLessThanOrEqual(WINDOW_SECONDS);
}

const clients = [rateLimitRedis(testRedisUrl()), rateLimitRedis(testRedisUrl())];
beforeAll(() => Promise.all(clients.map((c) => (c.status === "ready" ? undefined : once(c, "ready")))));
afterAll(() => clients.forEach((c) => c.disconnect()));

describe.each([
  { store: "memory (one instance)", make: () => [limiterStore({ keyPrefix: "" })] },
  { store: "PostgreSQL (sign-in without Redis)", make: () => [postgresStore] },
  {
    store: "Redis shared by two instances",
    // Two clients are two app instances; the run's own prefix keeps parallel runs apart.
    make: () => {
      const keyPrefix = `test:rate-limit:${randomUUID()}:`;
      return clients.map((redis) => limiterStore({ redis, keyPrefix }));
    },
  },
])("rate limit in $store", ({ make }) => {
  it(`allows ${LIMIT} hits per window and refuses the next with a retry time within the window`, async () => {
    const instances = make();
    expectLimitAt(await hits(instances, `k:${randomUUID()}`, LIMIT + 2));
  });

  it("counts each key on its own and starts a key afresh after a reset", async () => {
    const instances = make();
    const [a, b] = [`a:${randomUUID()}`, `b:${randomUUID()}`];
    await hits(instances, a, LIMIT + 1);
    expect((await instances[0].hit(b, LIMIT, WINDOW_SECONDS)).allowed).toBe(true);

    await instances.at(-1)!.reset(a);
    expectLimitAt(await hits(instances, a, LIMIT + 2));
  });
});

describe("rate limit with Redis unreachable", () => {
  it("counts in the instance's memory within the command timeout instead of failing the request", async () => {
    const unreachable = rateLimitRedis("redis://127.0.0.1:1");
    try {
      const store = limiterStore({ redis: unreachable, keyPrefix: "" });
      const started = Date.now();
      expectLimitAt(await hits([store], "down", LIMIT + 2));
      expect(Date.now() - started).toBeLessThan((LIMIT + 2) * 1000);
    } finally {
      unreachable.disconnect();
    }
  });
});
