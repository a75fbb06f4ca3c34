import { beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";

import * as auditExport from "@/app/(admin)/[org]/audit/export/route";
import * as activities from "@/app/api/v1/leads/[id]/activities/route";
import * as leads from "@/app/api/v1/leads/route";
import { loadAccount } from "@/lib/auth/account";
import { currentAccount } from "@/lib/auth/session";
import type * as SessionModule from "@/lib/auth/session";
import { createToken } from "@/lib/auth/tokens";
import { withoutOrg } from "@/lib/db";
import { createTenant, type TestTenant } from "@/test/tenants";

import { apiRoute } from "./api";
import { defineApi } from "./spec";

// Input that PostgreSQL refuses — a NUL byte, half a surrogate pair, a number beyond a numeric's
// precision, a cursor the server never handed out — is the caller's mistake: a 400 naming the
// field, never a 500. The app's own routes on the real database; the audit export's cookie session
// stands in for Next.js's request scope.
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof SessionModule>()),
  currentAccount: vi.fn(),
}));

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies under test
type Handler = (request: Request, route: { params: Promise<unknown> }) => Promise<Response>;

let tenant: TestTenant;
let token = "";

beforeAll(async () => {
  tenant = await createTenant("stored-values");
  token = (await createToken(tenant.sales, { name: "t", expiresInDays: 1 })).token;
  vi.mocked(currentAccount).mockResolvedValue(await loadAccount(tenant.admin.userId));
});

async function call(handler: Handler, init: { body?: string; query?: string; params?: Json } = {}) {
  const response = await handler(
    new Request(`http://localhost/api/v1/x${init.query ? `?${init.query}` : ""}`, {
      method: init.body === undefined ? "GET" : "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: init.body,
    }),
    { params: Promise.resolve(init.params ?? {}) },
  );
  return { status: response.status, body: (await response.json()) as Json };
}

/** A 400 problem whose field errors name exactly `paths`. */
function refused(result: { status: number; body: Json }, ...paths: string[]) {
  expect(result.status, JSON.stringify(result.body)).toBe(400);
  expect((result.body.errors ?? []).map((e: { path: string }) => e.path)).toEqual(paths);
}

let n = 0;
const newLead = (extra: Json = {}) =>
  JSON.stringify({ companyName: `Kantine ${++n}`, city: `Stadt${n}`, ...extra });

describe("text PostgreSQL cannot hold", () => {
  it("is a 400 for a NUL byte or half a surrogate pair, in a body or a query", async () => {
    refused(
      await call(leads.POST, { body: newLead({ companyName: "Kantine\u0000Nord" }) }),
      "body.companyName",
    );
    // JSON.stringify writes the lone surrogate as the escape "\ud800", as a hostile client would.
    refused(await call(leads.POST, { body: newLead({ city: "Kiel\ud800" }) }), "body.city");
    refused(await call(leads.GET, { query: "q=a%00b" }), "query.q");

    const created = await call(leads.POST, { body: newLead() });
    expect(created.status).toBe(201);
    const note = JSON.stringify({ kind: "NOTE", note: "Anruf \udc00" });
    refused(await call(activities.POST, { body: note, params: { id: created.body.id } }), "body.note");
  });

  it("is a 400 in the audit trail's filters", async () => {
    const response = await auditExport.GET(
      new Request("http://localhost/stored-values/audit/export?resourceId=a%00b"),
      { params: Promise.resolve({ org: "stored-values" }) },
    );
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain("resourceId");
  });
});

describe("numbers beyond a column's precision", () => {
  it("is a 400 for an expected volume numeric(14, 2) cannot hold, its largest value is fine", async () => {
    refused(await call(leads.POST, { body: newLead({ expectedVolume: 1e12 }) }), "body.expectedVolume");
    const largest = await call(leads.POST, { body: newLead({ expectedVolume: 999_999_999_999.99 }) });
    expect(largest.status).toBe(201);
    expect(largest.body.expectedVolume).toBe(999_999_999_999.99);
  });
});

describe("lead list cursors", () => {
  const page = (query: string) => call(leads.GET, { query: `limit=1&${query}` });

  it("are the server's own: a forged, altered or other order's cursor is a 400, a real one pages on", async () => {
    for (let i = 0; i < 2; i++) expect((await call(leads.POST, { body: newLead() })).status).toBe(201);
    const first = await page("");
    const cursor: string = first.body.nextCursor;
    const second = await page(`cursor=${cursor}`);
    expect(second.status).toBe(200);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);

    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const [, signature] = cursor.split(".");
    const forged = [
      encode(["-createdAt", "garbage", "00000000-0000-0000-0000-000000000000"]),
      encode(["-createdAt", "2026-01-01 00:00:00+00", "------------------------------------"]),
      `${encode(["-createdAt", "garbage", first.body.items[0].id])}.${signature}`,
      `${cursor}x`,
    ];
    for (const bad of forged) refused(await page(`cursor=${bad}`), "cursor");
    refused(await page(`sort=companyName&cursor=${cursor}`), "cursor");
  });
});

describe("a data exception the schemas did not foresee", () => {
  // The net beneath the schemas: a handler that hands PostgreSQL a value it refuses.
  const castApi = defineApi({
    operationId: "castThing",
    method: "POST",
    path: "/cast",
    tag: "Test",
    summary: "casts its input in PostgreSQL",
    body: z.strictObject({ label: z.string(), amount: z.string() }),
    response: { status: 200, description: "cast" },
  });
  const cast = apiRoute(castApi, async ({ body }) => {
    await withoutOrg((tx) => tx.$queryRaw`SELECT ${body.label}::text, ${body.amount}::int`);
    return Response.json({});
  });

  it("is a 400 naming the field PostgreSQL quotes or cannot hold, not a 500", async () => {
    const overflow = await call(cast, { body: JSON.stringify({ label: "x", amount: "99999999999" }) });
    refused(overflow, "body.amount");
    expect(overflow.body.code).toBe("errors.unstorable");
    refused(await call(cast, { body: JSON.stringify({ label: "x", amount: "zwölf" }) }), "body.amount");
    refused(await call(cast, { body: JSON.stringify({ label: "a\u0000", amount: "1" }) }), "body.label");
  });
});
