import { once } from "node:events";
import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { AppError } from "@/lib/errors";
import { limiterStore, postgresStore, rateLimitRedis } from "@/lib/http/rate-limit";
import { setTestEnv, testRedisUrl } from "@/test/env";
import { rejectionOf } from "@/test/errors";

import { GENERIC_LOGIN_FAILURE, GENERIC_RATE_LIMITED, type SignInLimits, verifyCredentials } from "./login";
import { addMember, createOrganization, setUserActive } from "./service";

// Small limits, set before anything reads the environment (lib/env.ts parses once, lazily).
const PER_ACCOUNT = 3;
const PER_IP = 8;
const SLOWDOWN_AFTER = 4;
const SLOWDOWN_MAX_MS = 1000;
const WINDOW_SECONDS = 600;
setTestEnv({
  LOGIN_LIMIT_PER_ACCOUNT: String(PER_ACCOUNT),
  LOGIN_SLOWDOWN_AFTER: String(SLOWDOWN_AFTER),
  LOGIN_SLOWDOWN_MAX_MS: String(SLOWDOWN_MAX_MS),
  LOGIN_LIMIT_PER_IP: String(PER_IP),
  LOGIN_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS),
});

const ORG = "login-org";
const users: Record<string, { email: string; password: string; id: string }> = {};

/** A client address of its own for each use, so the per-IP limit only counts where a test wants it. */
let lastIp = 0;
const freshIp = () => `198.51.100.${++lastIp}`;

/**
 * The app instances a test signs in through, in turn: PostgreSQL (the store without Redis) or two
 * instances each with its own Redis client, so a limit only holds if the count is shared.
 */
let instances: SignInLimits[] = [postgresStore];
let turn = 0;
/** The waits the slowdown asked for, in order; recorded instead of slept. */
let waits: number[] = [];
const verify = (credentials: unknown, ip: string) =>
  verifyCredentials(credentials, ip, instances[turn++ % instances.length], async (ms) => {
    waits.push(ms);
  });

async function refusal(credentials: unknown, ip = freshIp()): Promise<AppError> {
  const error = await rejectionOf(verify(credentials, ip));
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

beforeAll(async () => {
  await createOrganization({ name: "Login GmbH", slug: ORG });
  for (const name of ["alice", "bob", "carol", "dave", "erin", "frank"]) {
    const email = `${name}@login.example`;
    const created = await addMember({ email, name, orgSlug: ORG, role: "sales", locale: "de" });
    users[name] = { email, password: created.password!, id: created.userId };
  }
});

describe("verifyCredentials", () => {
  it("accepts the right password and returns the user id", async () => {
    const { email, password, id } = users.alice;
    expect(await verify({ email, password }, freshIp())).toBe(id);
    // The email is normalised like everywhere else.
    expect(await verify({ email: `  ${email.toUpperCase()} `, password }, freshIp())).toBe(id);
  });

  it("refuses a wrong password, an unknown email and a malformed request alike", async () => {
    const { email, password } = users.alice;
    const refusals = [
      await refusal({ email, password: `${password}x` }),
      await refusal({ email, password: password.slice(1) }),
      await refusal({ email: "nobody@login.example", password }),
      await refusal({ email, password: "" }),
      await refusal({ email: "not-an-email", password }),
      await refusal(null),
    ];
    for (const error of refusals) {
      expect(error.kind).toBe("unauthorized");
      expect(error.message).toBe(GENERIC_LOGIN_FAILURE);
      expect(error.status).toBe(401);
    }
  });

  it("refuses a deactivated account with the right password, like a wrong one", async () => {
    const { email, password, id } = users.bob;
    await setUserActive(ORG, email, false);
    const error = await refusal({ email, password });
    expect([error.kind, error.message]).toEqual(["unauthorized", GENERIC_LOGIN_FAILURE]);

    await setUserActive(ORG, email, true);
    expect(await verify({ email, password }, freshIp())).toBe(id);
  });
});

const redisClients = [rateLimitRedis(testRedisUrl()), rateLimitRedis(testRedisUrl())];
afterAll(() => redisClients.forEach((client) => client.disconnect()));

describe.each([
  { store: "PostgreSQL", make: async () => [postgresStore] },
  {
    store: "Redis shared by two instances",
    make: async () => {
      await Promise.all(
        redisClients.map((client) => (client.status === "ready" ? undefined : once(client, "ready"))),
      );
      const keyPrefix = `test:login:${randomUUID()}:`;
      return redisClients.map((redis) => limiterStore({ redis, keyPrefix }));
    },
  },
])("sign-in rate limits in $store", ({ make }) => {
  beforeAll(async () => {
    instances = await make();
  });
  afterAll(() => {
    instances = [postgresStore];
  });

  it(`refuses an account from one client after ${PER_ACCOUNT} attempts, right password too; its owner elsewhere gets in`, async () => {
    const { email, password, id } = users.carol;
    const attacker = freshIp();
    for (let i = 0; i < PER_ACCOUNT; i++) {
      expect((await refusal({ email, password: "wrong" }, attacker)).kind).toBe("unauthorized");
    }
    const limited = await refusal({ email, password }, attacker);
    expect(limited.kind).toBe("rate_limited");
    expect(limited.message).toBe(GENERIC_RATE_LIMITED);
    expect(limited.status).toBe(429);
    expect(limited.retryAfterSeconds).toBeGreaterThan(0);
    expect(limited.retryAfterSeconds).toBeLessThanOrEqual(WINDOW_SECONDS);

    // The owner from their own address, and other accounts, are not affected.
    expect(await verify({ email, password }, freshIp())).toBe(id);
    expect(await verify({ email: users.alice.email, password: users.alice.password }, freshIp())).toBe(
      users.alice.id,
    );
  });

  it("never locks an account guessed from many addresses: past the ceiling each attempt waits longer", async () => {
    const { email, password, id } = users.frank;
    waits = [];
    // Ten wrong passwords from ten addresses: none of them is refused with a 429.
    for (let i = 0; i < 10; i++) {
      expect((await refusal({ email, password: "wrong" }, freshIp())).kind).toBe("unauthorized");
    }
    // The first SLOWDOWN_AFTER attempts wait nothing; then 250 ms, doubling, capped at the maximum.
    expect(waits).toEqual([250, 500, 1000, 1000, 1000, 1000]);

    // The owner still gets in, from any address, after the same wait; then the account starts afresh.
    waits = [];
    expect(await verify({ email, password }, freshIp())).toBe(id);
    expect(waits).toEqual([SLOWDOWN_MAX_MS]);
    waits = [];
    expect((await refusal({ email, password: "wrong" }, freshIp())).kind).toBe("unauthorized");
    expect(waits).toEqual([]);
  });

  it("starts counting an account's client afresh after a successful sign-in", async () => {
    const { email, password, id } = users.dave;
    const ip = freshIp();
    for (let i = 0; i < PER_ACCOUNT - 1; i++) await refusal({ email, password: "wrong" }, ip);
    expect(await verify({ email, password }, ip)).toBe(id);
    for (let i = 0; i < PER_ACCOUNT; i++) {
      expect((await refusal({ email, password: "wrong" }, ip)).kind).toBe("unauthorized");
    }
    expect((await refusal({ email, password }, ip)).kind).toBe("rate_limited");
  });

  it(`refuses an address after ${PER_IP} attempts in the window, across accounts`, async () => {
    const ip = freshIp();
    for (let i = 0; i < PER_IP; i++) {
      expect((await refusal({ email: `guess${i}@login.example`, password: "wrong" }, ip)).kind).toBe(
        "unauthorized",
      );
    }
    const { email, password, id } = users.erin;
    const limited = await refusal({ email, password }, ip);
    expect(limited.kind).toBe("rate_limited");
    expect(limited.message).toBe(GENERIC_RATE_LIMITED);
    expect(limited.retryAfterSeconds).toBeGreaterThan(0);
    expect(limited.retryAfterSeconds).toBeLessThanOrEqual(WINDOW_SECONDS);

    // The same account from another address is fine.
    expect(await verify({ email, password }, freshIp())).toBe(id);
  });
});
