import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";

import { setTestEnv } from "@/test/env";

import { authorize } from "@/lib/auth/policy";
import { addMember, createOrganization } from "@/lib/auth/service";
import { createToken } from "@/lib/auth/tokens";
import { withOrg } from "@/lib/db";
import { asSuperuser } from "@/test/pg";

import { apiRoute } from "./api";
import { AppError } from "@/lib/errors";
import { defineApi } from "./spec";

// The wrapper every /api/v1 route goes through, driven the way Next.js calls a route handler:
// real tokens, real PostgreSQL (rate limits, idempotency keys), a handler defined here.
setTestEnv({ API_RATE_LIMIT_PER_CALLER_PER_MINUTE: "40" });

const ZThing = z.strictObject({ name: z.string().min(2), size: z.number().int().positive().optional() });

const createThing = defineApi({
  operationId: "createThing",
  method: "POST",
  path: "/things",
  tag: "Test",
  summary: "test operation",
  body: ZThing,
  response: { status: 201, description: "created" },
});

let calls = 0;
let gate: Promise<void> | null = null;
const POST = apiRoute(createThing, async ({ body, caller }) => {
  calls++;
  if (gate) await gate;
  if (body.name === "conflict") throw new AppError("conflict", "Such a thing exists.");
  if (body.name === "boom") throw new Error("database exploded");
  if (body.name === "admin-only") {
    authorize({ userId: caller.userId, orgId: caller.orgId, roles: caller.ctx.roles }, "member.manage", {
      type: "member",
      orgId: caller.orgId,
    });
  }
  return Response.json(
    { n: calls, name: body.name, org: caller.orgSlug, requestId: caller.ctx.requestId },
    { status: 201 },
  );
});

const listThings = defineApi({
  operationId: "listThings",
  method: "GET",
  path: "/things",
  tag: "Test",
  summary: "test operation",
  query: z.object({ q: z.string().optional() }),
  response: { status: 200, description: "found" },
});
const GET = apiRoute(listThings, async ({ query }) => Response.json({ q: query.q ?? null }));

const ORG_ROUTE = { params: Promise.resolve({}) };
let adminToken = "";
let salesToken = "";
let salesUserId = "";

beforeAll(async () => {
  const org = await createOrganization({ name: "API Test", slug: "api-test" });
  const admin = await addMember({
    email: "admin@api.test",
    name: "Admin",
    orgSlug: "api-test",
    role: "admin",
    locale: "de",
  });
  const sales = await addMember({
    email: "sales@api.test",
    name: "Sales",
    orgSlug: "api-test",
    role: "sales",
    locale: "de",
  });
  adminToken = (
    await createToken(
      { orgId: org.id, userId: admin.userId, roles: ["admin"] },
      { name: "t", expiresInDays: 1 },
    )
  ).token;
  salesUserId = sales.userId;
  salesToken = (
    await createToken(
      { orgId: org.id, userId: sales.userId, roles: ["sales"] },
      { name: "t", expiresInDays: 1 },
    )
  ).token;
});

function post(
  body: unknown,
  init: { token?: string; key?: string; raw?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { "content-type": "application/json", ...init.headers };
  if (init.token !== "") headers.authorization = `Bearer ${init.token ?? adminToken}`;
  if (init.key) headers["idempotency-key"] = init.key;
  return POST(
    new Request("http://localhost/api/v1/things", {
      method: "POST",
      headers,
      body: init.raw ?? JSON.stringify(body),
    }),
    ORG_ROUTE,
  );
}

async function problem(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  expect(response.headers.get("x-request-id")).toBeTruthy();
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ status, instance: "/api/v1/things" });
  expect(typeof body.title).toBe("string");
  expect(body.type).toMatch(/^https:\/\/.+\/problems\//);
  return body;
}

describe("problem+json for every failure", () => {
  it("201 for a valid request", async () => {
    const response = await post({ name: "cheese" });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ name: "cheese", org: "api-test" });
  });

  it("400 with per-field errors for an invalid body", async () => {
    const body = await problem(await post({ name: "x", size: -1 }), 400);
    expect(body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "body.name" }),
        expect.objectContaining({ path: "body.size" }),
      ]),
    );
  });

  it("400 for unknown fields: never silently applied", async () => {
    const body = await problem(await post({ name: "cheese", price: 3 }), 400);
    expect(JSON.stringify(body.errors)).toContain("price");
  });

  it("400 for a body that is not JSON", async () => {
    await problem(await post(null, { raw: "{not json" }), 400);
  });

  // Without any credentials the wrapper asks next-auth for a session, which needs Next.js's request
  // scope: that case runs against the real server in e2e/api.spec.ts.
  it("401 with a malformed or unknown token", async () => {
    await problem(await post({ name: "cheese" }, { token: "not-a-token" }), 401);
    await problem(await post({ name: "cheese" }, { token: `fpa_${"A".repeat(43)}` }), 401);
  });

  it("403 when the policy denies the caller", async () => {
    await problem(await post({ name: "admin-only" }, { token: salesToken }), 403);
    expect((await post({ name: "admin-only" })).status).toBe(201);
  });

  it("400 for a member or parameter named __proto__, constructor or prototype (issue #9)", async () => {
    const refusal = "Names __proto__, constructor and prototype are not allowed in a request.";
    for (const raw of [
      '{"name": "cheese", "__proto__": {"polluted": true}}',
      '{"name": "cheese", "size": 1, "nested": [{"constructor": {"prototype": {"polluted": true}}}]}',
    ]) {
      expect((await problem(await post(null, { raw }), 400)).detail).toBe(refusal);
    }
    for (const name of ["__proto__", "constructor", "prototype"]) {
      const response = await GET(
        new Request(`http://localhost/api/v1/things?q=x&${name}=1`, {
          headers: { authorization: `Bearer ${adminToken}` },
        }),
        ORG_ROUTE,
      );
      expect((await problem(response, 400)).detail).toBe(refusal);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("409 for an expected conflict, 500 without internals for the unexpected", async () => {
    await problem(await post({ name: "conflict" }), 409);
    const body = await problem(await post({ name: "boom" }), 500);
    expect(String(body.detail)).not.toContain("exploded");
  });
});

describe("x-request-id", () => {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

  it("keeps the caller's when short and plain: the answer and the audit context carry it", async () => {
    const response = await post({ name: "traced" }, { headers: { "x-request-id": "trace-42.a_b" } });
    expect(response.headers.get("x-request-id")).toBe("trace-42.a_b");
    expect((await response.json()).requestId).toBe("trace-42.a_b");
  });

  it("replaces a long or unusual one with its own", async () => {
    for (const offered of ["r".repeat(4000), "a b", "<script>", "r".repeat(65)]) {
      const response = await post({ name: "traced" }, { headers: { "x-request-id": offered } });
      const requestId = response.headers.get("x-request-id");
      expect(requestId).toMatch(UUID);
      expect((await response.json()).requestId).toBe(requestId);
    }
    const failed = await post(null, { raw: "{not json", headers: { "x-request-id": "r".repeat(4000) } });
    expect(failed.headers.get("x-request-id")).toMatch(UUID);
  });
});

describe("Idempotency-Key", () => {
  it("replays the first answer for the same key and body, without running again", async () => {
    const first = await post({ name: "replayed" }, { key: "key-replay" });
    const again = await post({ name: "replayed" }, { key: "key-replay" });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(await first.json());
  });

  it("treats the same JSON with keys in another order as the same request", async () => {
    const first = await (await post({ name: "ordered", size: 2 }, { key: "key-order" })).json();
    const again = await post(null, { key: "key-order", raw: '{"size":2,"name":"ordered"}' });
    expect(await again.json()).toEqual(first);
  });

  it("answers 422 when the key comes back with another body", async () => {
    await post({ name: "original" }, { key: "key-mismatch" });
    await problem(await post({ name: "different" }, { key: "key-mismatch" }), 422);
  });

  it("answers 409 while the first request with the key is still running", async () => {
    let release!: () => void;
    gate = new Promise((resolve) => (release = resolve));
    const first = post({ name: "slow" }, { key: "key-inflight" });
    // Let the first request claim the key before the second arrives.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await problem(await post({ name: "slow" }, { key: "key-inflight" }), 409);
    release();
    gate = null;
    expect((await first).status).toBe(201);
    expect((await post({ name: "slow" }, { key: "key-inflight" })).headers.get("idempotent-replayed")).toBe(
      "true",
    );
  });

  it("replays an expected error, but forgets a failure on our side so it can be retried", async () => {
    await problem(await post({ name: "conflict" }, { key: "key-4xx" }), 409);
    const before = calls;
    await problem(await post({ name: "conflict" }, { key: "key-4xx" }), 409);
    expect(calls).toBe(before);

    await problem(await post({ name: "boom" }, { key: "key-5xx" }), 500);
    const beforeRetry = calls;
    await problem(await post({ name: "boom" }, { key: "key-5xx" }), 500);
    expect(calls).toBe(beforeRetry + 1);
  });

  it("keeps keys per organisation and caller: another caller's key is not a replay", async () => {
    const mine = await (await post({ name: "shared" }, { key: "key-shared" })).json();
    const theirs = await post({ name: "shared" }, { key: "key-shared", token: salesToken });
    expect(theirs.headers.get("idempotent-replayed")).toBeNull();
    expect((await theirs.json()).n).not.toBe(mine.n);
    const stored = await withOrg({ orgId: (await orgId()) ?? "", userId: null, roles: ["admin"] }, (tx) =>
      tx.idempotencyKey.count({ where: { key: "key-shared" } }),
    );
    expect(stored).toBe(2);
  });

  it("refuses a malformed key", async () => {
    await problem(await post({ name: "cheese" }, { key: "with space" }), 400);
  });
});

describe("rate limit per caller", () => {
  it("answers 429 with Retry-After once the caller's budget for the minute is spent", async () => {
    // A token of its own, so exactly the configured 40 requests pass.
    const ctx = { orgId: (await orgId())!, userId: salesUserId, roles: ["sales"] };
    const { token } = await createToken(ctx, { name: "budget", expiresInDays: 1 });
    const statuses: number[] = [];
    for (let i = 0; i < 41; i++) statuses.push((await post({ name: "cheese" }, { token })).status);
    expect(statuses.slice(0, 40).every((status) => status === 201)).toBe(true);
    expect(statuses[40]).toBe(429);

    const response = await post({ name: "cheese" }, { token });
    const body = await problem(response, 429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(response.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(body.detail).toMatch(/Too many requests/);
  });
});

describe("what a request writes", () => {
  it("writes neither a rate-limit row nor the token's row on a token's repeated requests", async () => {
    const ctx = { orgId: (await orgId())!, userId: salesUserId, roles: ["sales"] };
    const { token, summary } = await createToken(ctx, { name: "quiet", expiresInDays: 1 });
    const get = () =>
      GET(
        new Request("http://localhost/api/v1/things", { headers: { authorization: `Bearer ${token}` } }),
        ORG_ROUTE,
      );
    expect((await get()).status).toBe(200); // the first look marks the token used
    const state = () =>
      asSuperuser(async (client) => ({
        // xmin changes with every UPDATE of the row.
        token: (await client.query("SELECT xmin::text FROM api_token WHERE id = $1", [summary.id])).rows[0],
        buckets: (await client.query("SELECT count(*)::int AS n FROM rate_limit_bucket")).rows[0].n,
      }));
    const before = await state();
    for (let i = 0; i < 10; i++) expect((await get()).status).toBe(200);
    expect(await state()).toEqual(before);
    expect(before.buckets).toBe(0);
  });
});

async function orgId(): Promise<string | null> {
  const { findOrgIdBySlug } = await import("@/lib/auth/service");
  return findOrgIdBySlug("api-test");
}
