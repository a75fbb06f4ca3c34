import { randomBytes } from "node:crypto";

import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import * as inbox from "@/app/api/webhooks/[provider]/[connectionId]/route";
import { withOrg } from "@/lib/db";
import { insertXentralConnection } from "@/test/connections";
import { setTestEnv } from "@/test/env";
import { startFakeXentral, type FakeXentral } from "@/test/fakes/xentral";
import { asSuperuser } from "@/test/pg";
import { addTenantMember, createTenant, registerLead, type TestTenant } from "@/test/tenants";

import { resetPolicies } from "../resilience";
import { processPendingWebhooks } from "../webhooks";
import {
  createXentralSalesOrder,
  getLeadXentral,
  linkXentralCustomer,
  searchXentralCustomers,
} from "./leads";
import { pullProducts } from "./products";

// Customers, sales orders and product webhooks against the fake Xentral: a lead linked to its
// customer, an order made once whatever is clicked, and the inbox deduplicating product events.

const KEY = randomBytes(32).toString("base64");
const WEBHOOK_SECRET = "xentral-signature-key-0123456789";
setTestEnv({ INTEGRATIONS_KEY: KEY, PUBLIC_RATE_LIMIT_PER_IP_PER_MINUTE: "1000" });

let fake: FakeXentral;
let a: TestTenant;
let b: TestTenant;
let manager: Awaited<ReturnType<typeof addTenantMember>>;
let connA = "";
let leadId = "";

const sql = <T>(text: string, values: unknown[] = []) =>
  asSuperuser(async (client) => (await client.query(text, values)).rows as T[]);

async function positivePhase(orgId: string, lead: string, skus: string[], decision = "LIST") {
  const [box] = await sql<{ id: string }>(
    `INSERT INTO sample_box (org_id, lead_id, status) VALUES ($1, $2, 'DECIDED') RETURNING id`,
    [orgId, lead],
  );
  const [phase] = await sql<{ id: string }>(
    `INSERT INTO test_phase (org_id, box_id, lead_id, stage, start_date, end_date, decision, decided_at)
     VALUES ($1, $2, $3, 'TRIAL', current_date - 20, current_date - 1, $4, now()) RETURNING id`,
    [orgId, box.id, lead, decision],
  );
  for (const sku of skus) {
    await sql(
      `INSERT INTO test_result (org_id, phase_id, lead_id, sku, outcome) VALUES ($1, $2, $3, $4, 'SUCCESS')`,
      [orgId, phase.id, lead, sku],
    );
  }
}

async function deliver(body: string, headers: Record<string, string>, connectionId = connA) {
  const response = await inbox.POST(
    new NextRequest(`http://localhost/api/webhooks/xentral/${connectionId}`, {
      method: "POST",
      headers: { ...headers, "x-forwarded-for": "198.51.100.9" },
      body,
    }),
    { params: Promise.resolve({ provider: "xentral", connectionId }) },
  );
  return { status: response.status, body: (await response.json()) as { status: string } };
}

beforeAll(async () => {
  fake = await startFakeXentral();
  a = await createTenant("xentral-leads-a");
  b = await createTenant("xentral-leads-b");
  manager = await addTenantMember(a, "xentral-leads-a", "manager", "manager");
  connA = await insertXentralConnection(
    a.orgId,
    KEY,
    {
      baseUrl: fake.url,
      tokenExpiresAt: "2099-01-01",
      projectId: "1",
      paymentMethodId: "3",
      shippingMethodId: "2",
      currency: "EUR",
      taxRate: "7",
    },
    { token: fake.token, webhookSecret: WEBHOOK_SECRET },
  );
  fake.seedProducts(3, { updatedAt: new Date(Date.now() - 60_000) });
  await pullProducts({ orgId: a.orgId, userId: null, roles: ["system"] }, "incremental");
  fake.customers.push(
    {
      id: "77",
      type: "company",
      general: {
        number: "10077",
        customerNumber: "10077",
        name: "Kantine Nord GmbH",
        email: "einkauf@kantine-nord.example",
        phone: null,
        vatNumber: "DE123456789",
        address: { street: "Hafenstraße 1", zip: "20457", city: "Hamburg", country: "DE" },
      },
      tags: [],
      freeFields: [],
    },
    {
      id: "78",
      type: "company",
      general: {
        number: "10078",
        customerNumber: "10078",
        name: "Kantine Süd GmbH",
        email: null,
        phone: null,
        vatNumber: "DE987654321",
        address: { street: "Marktplatz 2", zip: "80331", city: "München", country: "DE" },
      },
      tags: [],
      freeFields: [],
    },
  );
  ({ leadId } = await registerLead(a, "Kantine Nord"));
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => {
  resetPolicies();
  fake.requests.length = 0;
});

describe("a lead's Xentral customer", () => {
  it("finds the customer by VAT number or by name and zip, and a manager links it", async () => {
    const byVat = await searchXentralCustomers(manager, leadId, { vatNumber: "de 123456789" });
    expect(byVat).toEqual([
      {
        id: "77",
        number: "10077",
        name: "Kantine Nord GmbH",
        vatNumber: "DE123456789",
        zip: "20457",
        city: "Hamburg",
      },
    ]);
    const query = fake.requests[0].query;
    expect(query.get("filter[0][key]")).toBe("vatNumber");
    expect(query.get("cursor[size]")).toBe("50");
    const byName = await searchXentralCustomers(manager, leadId, { name: "kantine", zip: "80331" });
    expect(byName.map((c) => c.number)).toEqual(["10078"]);

    // A sales partner may not; another organisation's member does not see the lead.
    await expect(searchXentralCustomers(a.sales, leadId, { name: "Kantine" })).rejects.toMatchObject({
      kind: "forbidden",
    });
    await expect(searchXentralCustomers(b.admin, leadId, { name: "Kantine" })).rejects.toMatchObject({
      kind: "not_found",
    });

    await linkXentralCustomer(manager, leadId, "10077");
    const view = await getLeadXentral(a.sales, leadId);
    expect(view).toMatchObject({
      configured: true,
      customer: { id: "77", number: "10077" },
      orderable: false,
    });
    await expect(getLeadXentral(b.admin, leadId)).rejects.toMatchObject({ kind: "not_found" });
    await expect(linkXentralCustomer(manager, leadId, "99999")).rejects.toMatchObject({ kind: "not_found" });
  });
});

describe("a sales order from a lead", () => {
  it("is refused before a positive test phase, then made once, without auto-shipping", async () => {
    const [p1, p2] = [...fake.products.values()];
    await expect(
      createXentralSalesOrder(manager, leadId, { positions: [{ sku: p1.number, quantity: 5 }] }),
    ).rejects.toMatchObject({ kind: "unprocessable" });
    expect(fake.salesOrders.size).toBe(0);

    await positivePhase(a.orgId, leadId, [p1.number, p2.number]);
    expect((await getLeadXentral(manager, leadId)).orderable).toBe(true);
    await expect(
      createXentralSalesOrder(a.sales, leadId, { positions: [{ sku: p1.number, quantity: 5 }] }),
    ).rejects.toMatchObject({ kind: "forbidden" });

    const input = {
      positions: [
        { sku: p1.number, quantity: 5 },
        { sku: p2.number, quantity: 2 },
      ],
    };
    // Two clicks at once, and a third later: one order in Xentral.
    const results = await Promise.allSettled([
      createXentralSalesOrder(manager, leadId, input),
      createXentralSalesOrder(manager, leadId, input),
    ]);
    const done = results.filter((r) => r.status === "fulfilled");
    expect(done).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected");
    expect(refused && "reason" in refused ? refused.reason : null).toMatchObject({ kind: "conflict" });
    const again = await createXentralSalesOrder(manager, leadId, input);
    expect(again.created).toBe(false);
    expect(fake.salesOrders.size).toBe(1);

    const [[id, order]] = [...fake.salesOrders.entries()];
    expect(again.location).toBe(`${fake.url}/api/v1/salesOrders/${id}`);
    expect(order.released).toBe(false);
    expect(order.body).toMatchObject({
      externalOrderNumber: again.externalOrderNumber,
      customer: { id: "77" },
      project: { id: "1" },
      financials: { paymentMethod: { id: "3" }, currency: "EUR" },
      delivery: { shippingMethod: { id: "2" }, autoShipping: false },
      positions: [
        { product: { id: p1.id }, quantity: 5, price: { amount: p1.salesPriceNet?.amount, currency: "EUR" } },
        { product: { id: p2.id }, quantity: 2 },
      ],
    });
    const view = await getLeadXentral(a.sales, leadId);
    expect(view.salesOrder).toMatchObject({ state: "CREATED", location: again.location });
    const audit = await sql<{ action: string }>(
      `SELECT action FROM audit_event WHERE org_id = $1 AND action LIKE 'integration.xentral.%' ORDER BY id`,
      [a.orgId],
    );
    expect(audit.map((r) => r.action)).toEqual([
      "integration.xentral.customer_linked",
      "integration.xentral.sales_order_created",
    ]);
  });

  it("keeps the order number after Xentral refuses, and shows the violations", async () => {
    const { leadId: other } = await registerLead(a, "Kantine Süd");
    await linkXentralCustomer(manager, other, "10078");
    const [p1] = [...fake.products.values()];
    await positivePhase(a.orgId, other, [p1.number]);
    fake.customers.splice(1, 1); // the customer is gone in Xentral: 400 with a violation
    await expect(
      createXentralSalesOrder(manager, other, { positions: [{ sku: p1.number, quantity: 1 }] }),
    ).rejects.toMatchObject({
      kind: "unprocessable",
      fieldErrors: [{ path: "customer.id", message: "Customer not found." }],
    });
    const view = await getLeadXentral(manager, other);
    expect(view.salesOrder).toMatchObject({ state: "FAILED", location: null });
    expect(view.salesOrder?.error).toMatch(/HTTP 400/);
    const number = view.salesOrder?.externalOrderNumber;
    fake.customers.push({
      ...fake.customers[0],
      id: "78",
      general: { ...fake.customers[0].general, number: "10078" },
    });
    const made = await createXentralSalesOrder(manager, other, {
      positions: [{ sku: p1.number, quantity: 1 }],
    });
    expect(made).toMatchObject({ created: true, externalOrderNumber: number });
  });
});

describe("Xentral product webhooks", () => {
  it("are stored once per event id and update, then deactivate the product", async () => {
    const product = [...fake.products.values()][2];
    const changed = fake.touch(product.id, { name: "Hafermilch Barista" }, new Date(Date.now() - 1_000));
    const event = fake.signedEvent(WEBHOOK_SECRET, "com.xentral.product.updated.v1", changed, "evt-1");
    expect(await deliver(event.body, event.headers)).toMatchObject({
      status: 202,
      body: { status: "accepted" },
    });
    expect(await deliver(event.body, event.headers)).toMatchObject({
      status: 200,
      body: { status: "duplicate" },
    });
    // Signed with another key: the same 401 as an unknown connection.
    const forged = fake.signedEvent(
      "another-key-0123456789-abcdefgh",
      "com.xentral.product.deleted.v1",
      product,
      "evt-x",
    );
    expect((await deliver(forged.body, forged.headers)).status).toBe(401);

    const processed = await processPendingWebhooks({ batch: 10 });
    expect(processed).toMatchObject({ processed: 1, failed: 0 });
    const name = () =>
      withOrg(a.admin, (tx) =>
        tx.product.findFirst({ where: { externalId: product.id }, select: { name: true, active: true } }),
      );
    expect(await name()).toEqual({ name: "Hafermilch Barista", active: true });

    // An older update arriving late changes nothing; the delete makes it inactive.
    const stale = fake.signedEvent(
      WEBHOOK_SECRET,
      "com.xentral.product.updated.v1",
      { ...changed, name: "Alt", updatedAt: new Date(Date.now() - 600_000).toISOString() },
      "evt-2",
    );
    await deliver(stale.body, stale.headers);
    const gone = fake.signedEvent(
      WEBHOOK_SECRET,
      "com.xentral.product.deleted.v1",
      { id: product.id },
      "evt-3",
    );
    await deliver(gone.body, gone.headers);
    await processPendingWebhooks({ batch: 10 });
    expect(await name()).toEqual({ name: "Hafermilch Barista", active: false });
    // The other organisation's catalogue holds none of it.
    expect(await withOrg(b.admin, (tx) => tx.product.count({ where: { source: "XENTRAL" } }))).toBe(0);
  });
});
