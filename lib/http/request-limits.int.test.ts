import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";

import * as nextAuth from "@/app/api/auth/[...nextauth]/route";
import * as inngest from "@/app/api/inngest/route";
import * as session from "@/app/api/session/route";
import * as leads from "@/app/api/v1/leads/route";
import { loadAccount } from "@/lib/auth/account";
import { currentAccount } from "@/lib/auth/session";
import type * as SessionModule from "@/lib/auth/session";
import { createToken } from "@/lib/auth/tokens";
import { createTenant, type TestTenant } from "@/test/tenants";

// What a route reads of a request before any business rule: body size, media type, and whether a
// cookie's write comes from this site. The route handlers are the app's own; the cookie session
// stands in for Next.js's request scope (its account is loaded from the database).
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof SessionModule>()),
  currentAccount: vi.fn(),
}));

const APP = "http://app.test";
const MEGABYTE = 1024 * 1024;
const ROUTE = { params: Promise.resolve({}) };

let tenant: TestTenant;
let token = "";
let n = 0;
const lead = () => JSON.stringify({ companyName: `Kantine ${++n}`, city: `Stadt${n}` });

beforeAll(async () => {
  tenant = await createTenant("request-limits");
  token = (await createToken(tenant.sales, { name: "t", expiresInDays: 1 })).token;
  vi.mocked(currentAccount).mockResolvedValue(await loadAccount(tenant.sales.userId));
});

function postLead(headers: Record<string, string>, body: BodyInit = lead()) {
  return leads.POST(
    new Request(`${APP}/api/v1/leads`, { method: "POST", headers, body, duplex: "half" } as RequestInit),
    ROUTE,
  );
}

async function problem(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  return (await response.json()) as { detail: string };
}

/** `total` bytes of a JSON string value, produced only as the reader pulls them; counts what it pulled. */
function lazyBody(total: number) {
  const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
  const counter = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"companyName":"'));
    },
    pull(controller) {
      if (counter.pulled >= total) {
        controller.enqueue(new TextEncoder().encode('","city":"Kiel"}'));
        controller.close();
        return;
      }
      counter.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, counter };
}

describe("body size", () => {
  it("refuses a JSON body over 1 MB with 413, having read little more than 1 MB of it", async () => {
    const { stream, counter } = lazyBody(20 * MEGABYTE);
    const refused = await postLead(
      { authorization: `Bearer ${token}`, "content-type": "application/json" },
      stream,
    );
    expect((await problem(refused, 413)).detail).toBe("The body is larger than 1 MB.");
    expect(counter.pulled).toBeLessThan(1.2 * MEGABYTE);
  });

  it("bounds the bodies next-auth and Inngest read themselves", async () => {
    const big = "a".repeat(5 * MEGABYTE);
    const authPost = new NextRequest(`${APP}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `email=a%40b.example&password=${big}`,
    });
    await problem(await nextAuth.POST(authPost, undefined), 413);
    const inngestPost = new NextRequest(`${APP}/api/inngest`, { method: "POST", body: big });
    await problem(await inngest.POST(inngestPost, ROUTE as never), 413);
  });
});

describe("media type", () => {
  it("takes JSON bodies as application/json only, parameters allowed", async () => {
    for (const type of [
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "text/json",
      "application/jsonp",
    ]) {
      const refused = await postLead({ authorization: `Bearer ${token}`, "content-type": type });
      expect((await problem(refused, 415)).detail, type).toBe("Send the body as application/json.");
    }
    const charset = await postLead({
      authorization: `Bearer ${token}`,
      "content-type": "Application/JSON; charset=utf-8",
    });
    expect(charset.status).toBe(201);
  });

  it("refuses sign-in bodies that are not application/json (a cross-site form's text/plain)", async () => {
    const textPlain = new Request(`${APP}/api/session`, {
      method: "POST",
      headers: { "content-type": "text/plain", host: "app.test", origin: APP },
      body: JSON.stringify({ email: "a@b.example", password: "x" }),
    });
    await problem(await session.POST(textPlain, undefined), 415);
  });
});

describe("writes with the session cookie from another site", () => {
  const cookie = (headers: Record<string, string>) => ({
    "content-type": "application/json",
    host: "app.test",
    ...headers,
  });

  it("are refused with 403, by Sec-Fetch-Site or Origin", async () => {
    for (const headers of [
      { origin: "https://evil.example" } as Record<string, string>,
      { origin: "null" },
      { origin: "https://app.test" }, // another scheme is another origin
      { "sec-fetch-site": "cross-site", origin: APP },
      { "sec-fetch-site": "same-site" },
    ]) {
      await problem(await postLead(cookie(headers)), 403);
    }
  });

  it("pass from this site, and from clients that are no browser", async () => {
    for (const headers of [{ origin: APP }, { "sec-fetch-site": "same-origin" }, {}] as Record<
      string,
      string
    >[]) {
      expect((await postLead(cookie(headers))).status, JSON.stringify(headers)).toBe(201);
    }
  });

  it("do not concern Bearer tokens, which a page of another site cannot send on its own", async () => {
    const response = await postLead({
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
      origin: "https://evil.example",
      "sec-fetch-site": "cross-site",
    });
    expect(response.status).toBe(201);
  });

  it("include signing in and out", async () => {
    const foreign = { "content-type": "application/json", host: "app.test", origin: "https://evil.example" };
    const signIn = new Request(`${APP}/api/session`, {
      method: "POST",
      headers: foreign,
      body: JSON.stringify({ email: "a@b.example", password: "x" }),
    });
    await problem(await session.POST(signIn, undefined), 403);
    const signOut = new Request(`${APP}/api/session`, { method: "DELETE", headers: foreign });
    await problem(await session.DELETE(signOut, undefined), 403);
  });
});
