import { beforeAll, describe, expect, it } from "vitest";

import * as link from "@/app/api/v1/feedback-links/[id]/route";
import * as products from "@/app/api/v1/products/route";
import * as box from "@/app/api/v1/sample-boxes/[id]/route";
import * as status from "@/app/api/v1/sample-boxes/[id]/status/route";
import * as phases from "@/app/api/v1/sample-boxes/[id]/test-phases/route";
import * as boxes from "@/app/api/v1/sample-boxes/route";
import * as feedback from "@/app/api/v1/test-phases/[id]/feedback/route";
import * as links from "@/app/api/v1/test-phases/[id]/feedback-links/route";
import * as results from "@/app/api/v1/test-phases/[id]/results/route";
import { createToken } from "@/lib/auth/tokens";
import { createTenant, registerLead, type TestTenant } from "@/test/tenants";

import { openFeedbackLink, submitFeedback } from "./portal";

// The samples REST API end to end: the real route handlers, Bearer tokens, the services, RLS and
// problem+json, with two organisations set against each other.

type Handler = (request: Request, route: { params: Promise<unknown> }) => Promise<Response>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies under test

let a: TestTenant;
let b: TestTenant;
const tokens: Record<string, string> = {};
let leadId = "";

beforeAll(async () => {
  a = await createTenant("samples-api-a");
  b = await createTenant("samples-api-b");
  for (const [name, ctx] of [
    ["adminA", a.admin],
    ["salesA", a.sales],
    ["adminB", b.admin],
  ] as const) {
    tokens[name] = (await createToken(ctx, { name: "t", expiresInDays: 1 })).token;
  }
  ({ leadId } = await registerLead(a, "Kantine API"));
});

async function call(
  handler: Handler,
  as: string,
  init: { method?: string; params?: Json; body?: unknown; query?: string } = {},
) {
  const response = await handler(
    new Request(`http://localhost/api/v1/x${init.query ? `?${init.query}` : ""}`, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: { authorization: `Bearer ${tokens[as]}`, "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    }),
    { params: Promise.resolve(init.params ?? {}) },
  );
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    body: (text ? JSON.parse(text) : null) as Json,
  };
}

describe("the samples API", () => {
  it("runs a box from the catalogue to the customer's feedback", async () => {
    expect((await call(products.POST, "salesA", { body: { sku: "X-1", name: "Nope" } })).status).toBe(403);
    for (const sku of ["KF-100", "KF-200"]) {
      const created = await call(products.POST, "adminA", {
        body: { sku, name: `Produkt ${sku}`, unit: "kg" },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    expect((await call(products.POST, "adminA", { body: { sku: "KF-100", name: "Twice" } })).status).toBe(
      409,
    );
    const listed = await call(products.GET, "salesA");
    expect(listed.body.items.map((p: Json) => p.sku)).toEqual(["KF-100", "KF-200"]);

    const unknownSku = await call(boxes.POST, "salesA", {
      body: { leadId, items: [{ sku: "NOPE", qty: 1 }] },
    });
    expect(unknownSku.status).toBe(400);
    expect(unknownSku.body.errors).toEqual([expect.objectContaining({ path: "items.0.sku" })]);
    const zeroQty = await call(boxes.POST, "salesA", {
      body: { leadId, items: [{ sku: "KF-100", qty: 0 }] },
    });
    expect(zeroQty.status).toBe(400);

    const made = await call(boxes.POST, "salesA", {
      body: {
        leadId,
        items: [
          { sku: "KF-100", qty: 2 },
          { sku: "KF-200", qty: 1 },
        ],
        notes: "Für die Mittagskarte",
      },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({
      leadId,
      status: "CONFIGURED",
      items: [{ sku: "KF-100", qty: 2 }, { sku: "KF-200" }],
    });
    const boxId = made.body.id as string;

    const illegal = await call(status.POST, "salesA", { params: { id: boxId }, body: { status: "IN_TEST" } });
    expect(illegal.status).toBe(409);
    expect(illegal.type).toContain("application/problem+json");
    const shipped = await call(status.POST, "salesA", {
      params: { id: boxId },
      body: { status: "SHIPPED", trackingRef: "DHL 00340434" },
    });
    expect(shipped.body).toMatchObject({ status: "SHIPPED", trackingRef: "DHL 00340434" });
    expect(shipped.body.shippedAt).not.toBeNull();
    await call(status.POST, "salesA", { params: { id: boxId }, body: { status: "DELIVERED" } });

    const today = new Date().toISOString().slice(0, 10);
    const phase = await call(phases.POST, "salesA", {
      params: { id: boxId },
      body: { stage: "SAMPLE", startDate: today, endDate: today },
    });
    expect(phase.status, JSON.stringify(phase.body)).toBe(201);
    const phaseId = phase.body.id as string;
    expect((await call(box.GET, "salesA", { params: { id: boxId } })).body.status).toBe("IN_TEST");

    const resultsSaved = await call(results.POST, "salesA", {
      params: { id: phaseId },
      body: { items: [{ sku: "KF-100", outcome: "SUCCESS", sellThroughPct: 82.5, wasteDeltaPct: -4 }] },
    });
    expect(resultsSaved.body.items).toEqual([
      expect.objectContaining({ sku: "KF-100", sellThroughPct: 82.5 }),
    ]);

    const created = await call(links.POST, "salesA", {
      params: { id: phaseId },
      body: { recipientName: "Jana Koch", locale: "de" },
    });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await submitFeedback(created.body.token, {
      contact: { name: "Jana Koch", role: "CHEF" },
      items: [{ sku: "KF-100", rating: 5, comment: "Top" }],
    });
    const answers = await call(feedback.GET, "salesA", { params: { id: phaseId } });
    expect(answers.body.items).toEqual([
      expect.objectContaining({
        sku: "KF-100",
        rating: 5,
        comment: "Top",
        source: "FORM",
        contactRole: "CHEF",
      }),
    ]);
    // A link that was answered cannot be revoked any more; a fresh one can, and then it is gone.
    expect(
      (await call(link.DELETE, "salesA", { method: "DELETE", params: { id: created.body.id } })).status,
    ).toBe(409);
    const second = await call(links.POST, "salesA", { params: { id: phaseId }, body: {} });
    expect(
      (await call(link.DELETE, "salesA", { method: "DELETE", params: { id: second.body.id } })).status,
    ).toBe(204);
    await expect(openFeedbackLink(second.body.token)).rejects.toMatchObject({ kind: "not_found" });

    // Organisation B sees none of it: every id of A is a 404.
    expect((await call(box.GET, "adminB", { params: { id: boxId } })).status).toBe(404);
    expect((await call(feedback.GET, "adminB", { params: { id: phaseId } })).status).toBe(404);
    expect(
      (await call(status.POST, "adminB", { params: { id: boxId }, body: { status: "CANCELLED" } })).status,
    ).toBe(404);
    expect((await call(links.POST, "adminB", { params: { id: phaseId }, body: {} })).status).toBe(404);
    expect(
      (await call(boxes.POST, "adminB", { body: { leadId, items: [{ sku: "KF-100", qty: 1 }] } })).status,
    ).toBe(404);
    expect((await call(boxes.GET, "adminB")).body.items).toEqual([]);
    expect((await call(products.GET, "adminB")).body.items).toEqual([]);
  });
});
