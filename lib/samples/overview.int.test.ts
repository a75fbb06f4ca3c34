import { beforeAll, describe, expect, it } from "vitest";

import { asSuperuser } from "@/test/pg";
import { createTenant, registerLead, type TestTenant } from "@/test/tenants";

import { addMember } from "@/lib/auth/service";
import { createLead } from "@/lib/leads/service";
import type { MemberContext } from "@/lib/db";

import { samplesKpiCsv, samplesOverview } from "./overview";
import { submitFeedback } from "./portal";
import {
  changeBoxStatus,
  createBox,
  createFeedbackLink,
  createPhase,
  createProduct,
  revokeFeedbackLink,
} from "./service";

// The Samples area's figures with known numbers, and what a partner sees of them (row-level security:
// the samples of their own leads only). Two partners: A owns a lead with two products and three
// links (one answered, one open, one revoked), B a lead with one product and one answered link.

let t: TestTenant;
let partnerB: MemberContext;
let leadA = "";
let leadB = "";

const today = new Date().toISOString().slice(0, 10);

async function boxWithPhase(ctx: MemberContext, leadId: string, skus: string[]) {
  const box = await createBox(ctx, { leadId, items: skus.map((sku) => ({ sku, qty: 2 })) });
  await changeBoxStatus(ctx, box.id, { status: "SHIPPED", trackingRef: "DHL 1" });
  await changeBoxStatus(ctx, box.id, { status: "DELIVERED" });
  const phase = await createPhase(ctx, box.id, { stage: "SAMPLE", startDate: today, endDate: today });
  return { boxId: box.id, phaseId: phase.id };
}

/** Moves a link's creation back, so that its answer took `hours`. */
const answeredAfter = (linkId: string, hours: number) =>
  asSuperuser((client) =>
    client.query(
      `UPDATE feedback_link SET created_at = submitted_at - make_interval(hours => $2) WHERE id = $1`,
      [linkId, hours],
    ),
  );

beforeAll(async () => {
  t = await createTenant("samples-kpi");
  await createProduct(t.admin, { sku: "K-1", name: "Apfelstrudel" });
  await createProduct(t.admin, { sku: "K-2", name: "=Kartoffelgratin" });
  const b = await addMember({
    email: "b@samples-kpi.example",
    name: "Partner B",
    orgSlug: "samples-kpi",
    role: "sales",
    locale: "de",
  });
  partnerB = { orgId: t.orgId, userId: b.userId, roles: ["sales"] };
  ({ leadId: leadA } = await registerLead(t, "Kantine A"));
  const created = await createLead(partnerB, { companyName: "Kantine B", city: "Köln" });
  if (created.kind !== "created") throw new Error("lead B not created");
  leadB = created.lead.id;

  const a = await boxWithPhase(t.sales, leadA, ["K-1", "K-2"]);
  const answered = await createFeedbackLink(t.sales, a.phaseId, { recipientName: "Jana" });
  await submitFeedback(answered.token, {
    contact: { name: "Jana Koch", role: "CHEF" },
    items: [
      { sku: "K-1", rating: 5 },
      { sku: "K-2", rating: 3 },
    ],
  });
  await answeredAfter(answered.id, 10);
  await createFeedbackLink(t.sales, a.phaseId, { recipientName: "Open" });
  const revoked = await createFeedbackLink(t.sales, a.phaseId, { recipientName: "Wrong" });
  await revokeFeedbackLink(t.sales, revoked.id);

  const bBox = await boxWithPhase(partnerB, leadB, ["K-1"]);
  const bLink = await createFeedbackLink(partnerB, bBox.phaseId, {});
  await submitFeedback(bLink.token, {
    contact: { name: "Max", role: "BUYER" },
    items: [{ sku: "K-1", rating: 2 }],
  });
  await answeredAfter(bLink.id, 30);
});

describe("the Samples area's figures", () => {
  it("count invitations and answers per partner and per product, without revoked links", async () => {
    const { kpis } = await samplesOverview(t.admin, {});
    expect(kpis).toMatchObject({ invited: 3, submitted: 2, medianHoursToFeedback: 20 });
    expect(kpis.rate).toBeCloseTo(2 / 3);
    expect(kpis.byPartner).toEqual([
      { key: partnerB.userId, name: "Partner B", invited: 1, submitted: 1, rate: 1 },
      { key: t.sales.userId, name: "Sales", invited: 2, submitted: 1, rate: 0.5 },
    ]);
    expect(kpis.byProduct).toEqual([
      {
        key: "K-2",
        name: "=Kartoffelgratin",
        invited: 2,
        submitted: 1,
        rate: 0.5,
        averageRating: 3,
        ratings: 1,
      },
      {
        key: "K-1",
        name: "Apfelstrudel",
        invited: 3,
        submitted: 2,
        rate: 2 / 3,
        averageRating: 3.5,
        ratings: 2,
      },
    ]);
  });

  it("count the boxes by status and filter the list by status, partner and product", async () => {
    const all = await samplesOverview(t.admin, {});
    expect(all.counts).toMatchObject({ FEEDBACK: 2, CONFIGURED: 0 });
    expect(all.boxes.map((b) => b.companyName).sort()).toEqual(["Kantine A", "Kantine B"]);
    expect(all.boxes.find((b) => b.leadId === leadA)).toMatchObject({
      skus: ["K-1", "K-2"],
      feedbackCount: 2,
    });

    const byProduct = await samplesOverview(t.admin, { product: "K-2" });
    expect(byProduct.boxes.map((b) => b.leadId)).toEqual([leadA]);
    const byPartner = await samplesOverview(t.admin, { partner: partnerB.userId });
    expect(byPartner.boxes.map((b) => b.leadId)).toEqual([leadB]);
    expect(byPartner.counts.FEEDBACK).toBe(1);
    const byStatus = await samplesOverview(t.admin, { status: "SHIPPED" });
    expect(byStatus.boxes).toEqual([]);
    // The board's columns keep their counts under a status filter: they are the columns.
    expect(byStatus.counts.FEEDBACK).toBe(2);
    expect(all.canManageProducts).toBe(true);
  });

  it("are a partner's own under row-level security", async () => {
    const seen = await samplesOverview(partnerB, {});
    expect(seen.boxes.map((b) => b.leadId)).toEqual([leadB]);
    expect(seen.counts.FEEDBACK).toBe(1);
    expect(seen.kpis).toMatchObject({ invited: 1, submitted: 1, rate: 1, medianHoursToFeedback: 30 });
    expect(seen.kpis.byPartner.map((r) => r.key)).toEqual([partnerB.userId]);
    expect(seen.kpis.byProduct).toEqual([
      { key: "K-1", name: "Apfelstrudel", invited: 1, submitted: 1, rate: 1, averageRating: 2, ratings: 1 },
    ]);
    expect(seen.canManageProducts).toBe(false);
  });

  it("export as CSV, each figure once, a cell that looks like a formula as text", async () => {
    const lines = (await samplesKpiCsv(t.admin))
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe(
      "scope,key,name,invited,submitted,response_rate,average_rating,ratings,median_hours_to_feedback",
    );
    expect(lines).toContain("all,,,3,2,0.6667,,,20.0");
    expect(lines).toContain(`partner,${t.sales.userId},Sales,2,1,0.5000,,,`);
    expect(lines).toContain("product,K-2,'=Kartoffelgratin,2,1,0.5000,3.00,1,");
    expect(lines).toHaveLength(6);
    // The partner's export holds the partner's figures only.
    expect((await samplesKpiCsv(partnerB)).split("\r\n")).toContain("all,,,1,1,1.0000,,,30.0");
  });
});
