import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";

import * as draftForm from "@/app/feedback/[token]/draft/route";
import * as submitForm from "@/app/feedback/[token]/submit/route";
import { createOrganization } from "@/lib/auth/service";
import { ZPortalView } from "@/lib/samples/schemas";
import { setTestEnv } from "@/test/env";
import { createFeedbackLinkFixture, type FeedbackLinkFixture } from "@/test/feedback-links";
import { asSuperuser } from "@/test/pg";

import * as draft from "./[token]/draft/route";
import * as portal from "./[token]/route";

// The customer feedback portal's public routes end to end: the real route handlers (REST and the
// form posts without JavaScript), the portal service, RLS and PostgreSQL. No credential anywhere:
// the token in the path is the only key.

setTestEnv({ PUBLIC_RATE_LIMIT_PER_IP_PER_MINUTE: "12" });

type Handler = (request: NextRequest, route: { params: Promise<{ token: string }> }) => Promise<Response>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies under test

let orgId = "";
let ip = 0;
/** Every test calls from an address of its own: the per-IP limit is the subject of one test only. */
let address = "";

beforeAll(async () => {
  orgId = (await createOrganization({ name: "Frische Küche Demo", slug: "portal-api" })).id;
});

function newAddress() {
  address = `203.0.113.${++ip}`;
}

async function link(
  options: { expiresInDays?: number; locale?: "de" | "en" } = {},
): Promise<FeedbackLinkFixture> {
  newAddress();
  return asSuperuser((client) => createFeedbackLinkFixture(client, { orgId, ...options }));
}

async function call(
  handler: Handler,
  token: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const response = await handler(
    new NextRequest(`http://localhost/api/v1/feedback/${token}`, {
      method: init.method ?? "GET",
      headers: { "content-type": "application/json", "x-forwarded-for": address, ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    }),
    { params: Promise.resolve({ token }) },
  );
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    headers: response.headers,
    body: (text ? JSON.parse(text) : null) as Json,
  };
}

async function post(
  handler: Handler,
  token: string,
  fields: [string, string][],
  headers: Record<string, string> = {},
) {
  const response = await handler(
    new NextRequest(`http://localhost/feedback/${token}/x`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-forwarded-for": address,
        ...headers,
      },
      body: new URLSearchParams(fields).toString(),
    }),
    { params: Promise.resolve({ token }) },
  );
  return { status: response.status, location: response.headers.get("location") };
}

const submission = (skus: string[]) => ({
  contact: { name: "Jana Koch", role: "CHEF" },
  items: [
    { sku: skus[0], rating: 4, comment: "Schön saftig", wouldReorder: true },
    { sku: skus[1], rating: 2 },
  ],
});

describe("GET /feedback/{token}", () => {
  it("shows the phase's products and an empty draft, naming the organisation and never the lead", async () => {
    const { token, skus } = await link();
    const res = await call(portal.GET, token);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(ZPortalView.strict().safeParse(res.body).success).toBe(true);
    expect(res.body).toMatchObject({
      state: "open",
      locale: "de",
      recipientName: "Jana Koch",
      senderName: "Frische Küche Demo",
      submittedAt: null,
      draft: {},
    });
    expect(res.body.products.map((p: Json) => p.sku).sort()).toEqual([...skus].sort());
    expect(JSON.stringify(res.body)).not.toContain("Kantine");
  });

  it("answers 404 for an unknown, a malformed and a withdrawn token alike", async () => {
    const { token, linkId } = await link();
    const unknown = await call(portal.GET, "A".repeat(43));
    expect(unknown.status).toBe(404);
    expect(unknown.type).toContain("application/problem+json");
    expect((await call(portal.GET, "not-a-token")).status).toBe(404);
    await asSuperuser((c) => c.query("UPDATE feedback_link SET revoked_at = now() WHERE id = $1", [linkId]));
    const revoked = await call(portal.GET, token);
    expect(revoked.status).toBe(404);
    expect(revoked.body.detail).toBe(unknown.body.detail);
  });

  it("answers 410 for an expired link, naming whom to write to", async () => {
    const { token } = await link({ expiresInDays: -1 });
    const res = await call(portal.GET, token);
    expect(res.status).toBe(410);
    expect(res.body).toMatchObject({ status: 410, code: "samples.portal.expired" });
    expect(res.body.detail).toContain("vertrieb@freshfoodz.de");
  });
});

describe("PUT /feedback/{token}/draft", () => {
  it("saves the answers so far, and the next opening shows them", async () => {
    const { token, skus } = await link();
    const saved = await call(draft.PUT, token, {
      method: "PUT",
      body: { contact: { name: "Jana" }, items: [{ sku: skus[0], rating: 5 }, { sku: skus[1] }] },
    });
    expect(saved.status).toBe(200);
    const reopened = await call(portal.GET, token);
    expect(reopened.body.draft).toEqual({
      contact: { name: "Jana" },
      items: [{ sku: skus[0], rating: 5 }, { sku: skus[1] }],
    });
  });

  it("refuses a rating outside 1–5 and a product outside the test with field errors", async () => {
    const { token, skus } = await link();
    const rating = await call(draft.PUT, token, {
      method: "PUT",
      body: { items: [{ sku: skus[0], rating: 6 }] },
    });
    expect(rating.status).toBe(400);
    expect(rating.body.errors).toEqual([expect.objectContaining({ path: "body.items.0.rating" })]);
    const sku = await call(draft.PUT, token, {
      method: "PUT",
      body: { items: [{ sku: "NOPE-1", rating: 3 }] },
    });
    expect(sku.status).toBe(400);
    expect(sku.body.errors).toEqual([expect.objectContaining({ path: "items.0.sku" })]);
  });
});

describe("POST /feedback/{token}", () => {
  it("takes the feedback once: 201, then 409 for another submission and for a draft", async () => {
    const { token, skus } = await link();
    const first = await call(portal.POST, token, { method: "POST", body: submission(skus) });
    expect(first.status).toBe(201);
    expect(Date.now() - Date.parse(first.body.submittedAt)).toBeLessThan(60_000);
    const again = await call(portal.POST, token, { method: "POST", body: submission(skus) });
    expect(again.status).toBe(409);
    expect((await call(draft.PUT, token, { method: "PUT", body: {} })).status).toBe(409);
    const view = await call(portal.GET, token);
    expect(view.body).toMatchObject({ state: "submitted", submittedAt: first.body.submittedAt });
    expect(view.body.draft.items[0]).toMatchObject({ sku: skus[0], rating: 4, comment: "Schön saftig" });
  });

  it("names the fields at fault: a product outside the test, a rating out of range, no contact", async () => {
    const { token, skus } = await link();
    const outside = await call(portal.POST, token, {
      method: "POST",
      body: {
        contact: { name: "Jana", role: "CHEF" },
        items: [
          { sku: skus[0], rating: 3 },
          { sku: "NOPE-1", rating: 3 },
        ],
      },
    });
    expect(outside.status).toBe(400);
    expect(outside.body.errors).toEqual([expect.objectContaining({ path: "items.1.sku" })]);
    const range = await call(portal.POST, token, {
      method: "POST",
      body: { contact: { name: "Jana", role: "CHEF" }, items: [{ sku: skus[0], rating: 0 }] },
    });
    expect(range.status).toBe(400);
    expect(range.body.errors.map((e: Json) => e.path)).toEqual(["body.items.0.rating"]);
    const unknownField = await call(portal.POST, token, {
      method: "POST",
      body: { ...submission(skus), leadId: "00000000-0000-0000-0000-000000000000" },
    });
    expect(unknownField.status).toBe(400);
    // Nothing of it was stored: the link still takes its one submission.
    expect((await call(portal.POST, token, { method: "POST", body: submission(skus) })).status).toBe(201);
  });

  it("answers 410 to a submission on an expired link and 404 on an unknown one", async () => {
    const { token, skus } = await link({ expiresInDays: -1 });
    expect((await call(portal.POST, token, { method: "POST", body: submission(skus) })).status).toBe(410);
    expect((await call(portal.POST, "B".repeat(43), { method: "POST", body: submission(skus) })).status).toBe(
      404,
    );
  });

  it("refuses a write sent by another site's page", async () => {
    const { token, skus } = await link();
    const res = await call(portal.POST, token, {
      method: "POST",
      body: submission(skus),
      headers: { "sec-fetch-site": "cross-site" },
    });
    expect(res.status).toBe(403);
  });
});

describe("the per-IP rate limit", () => {
  it("answers 429 with Retry-After once an address spent its minute, and other addresses go on", async () => {
    const { token } = await link();
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) statuses.push((await call(portal.GET, token)).status);
    expect(statuses.slice(0, 12).every((s) => s === 200)).toBe(true);
    const limited = await call(portal.GET, token);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    newAddress();
    expect((await call(portal.GET, token)).status).toBe(200);
  });
});

describe("the form posts without JavaScript", () => {
  const fields = (skus: string[]): [string, string][] => [
    ["items.0.sku", skus[0]],
    ["items.0.rating", "5"],
    ["items.0.comment", "Top"],
    ["items.0.wouldReorder", "1"],
    ["items.1.sku", skus[1]],
    ["items.1.rating", "3"],
    ["items.2.sku", skus[2]],
  ];

  it("saves the draft and sends the browser back to the page (303)", async () => {
    const { token, skus } = await link();
    const res = await post(draftForm.POST, token, [
      ...fields(skus),
      ["contact.name", "Jana"],
      ["lang", "en"],
    ]);
    expect(res).toEqual({ status: 303, location: `/feedback/${token}?lang=en&saved=1` });
    const view = await call(portal.GET, token);
    expect(view.body.draft).toEqual({
      contact: { name: "Jana" },
      items: [
        { sku: skus[0], rating: 5, comment: "Top", wouldReorder: true },
        { sku: skus[1], rating: 3, wouldReorder: false },
        { sku: skus[2], wouldReorder: false },
      ],
    });
  });

  it("sends back what is missing, keeping what was typed; then submits and thanks", async () => {
    const { token, skus } = await link();
    const missing = await post(submitForm.POST, token, fields(skus));
    expect(missing).toEqual({ status: 303, location: `/feedback/${token}?e=contact.name&e=contact.role` });
    expect((await call(portal.GET, token)).body.draft.items[0]).toMatchObject({ rating: 5, comment: "Top" });

    const sent = await post(submitForm.POST, token, [
      ...fields(skus),
      ["contact.name", "Jana"],
      ["contact.role", "BUYER"],
    ]);
    expect(sent).toEqual({ status: 303, location: `/feedback/${token}/thanks` });
    const view = await call(portal.GET, token);
    expect(view.body.state).toBe("submitted");
    // Only the rated products were sent; the untested third is not a rating.
    expect(view.body.draft.items.map((i: Json) => i.sku)).toEqual([skus[0], skus[1]]);

    // Sent already: the page says so.
    expect(await post(submitForm.POST, token, fields(skus))).toEqual({
      status: 303,
      location: `/feedback/${token}`,
    });
  });

  it("needs at least one rated product", async () => {
    const { token, skus } = await link();
    const res = await post(submitForm.POST, token, [
      ["items.0.sku", skus[0]],
      ["contact.name", "Jana"],
      ["contact.role", "GM"],
    ]);
    expect(res).toEqual({ status: 303, location: `/feedback/${token}?e=items` });
  });

  it("refuses a forged field name and a body that is not a form", async () => {
    const { token, skus } = await link();
    expect((await post(draftForm.POST, token, [...fields(skus), ["__proto__.x", "1"]])).status).toBe(400);
    const json = await draftForm.POST(
      new NextRequest(`http://localhost/feedback/${token}/draft`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": address },
        body: "{}",
      }),
      { params: Promise.resolve({ token }) },
    );
    expect(json.status).toBe(415);
  });
});
