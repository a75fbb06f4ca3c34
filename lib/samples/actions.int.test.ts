import { beforeAll, describe, expect, it, vi } from "vitest";

import { GET as exportKpis } from "@/app/(admin)/[org]/samples/export/route";
import { GET as getLeadSamples } from "@/app/(admin)/[org]/leads/[id]/samples/route";
import { loadAccount } from "@/lib/auth/account";
import { addMember } from "@/lib/auth/service";
import { currentAccount } from "@/lib/auth/session";
import type * as SessionModule from "@/lib/auth/session";
import type { ActionState } from "@/lib/http/action";
import { addCollaborator } from "@/lib/leads/collaborators";
import { getProtection } from "@/lib/leads/service";
import { asSuperuser } from "@/test/pg";
import { createTenant, registerLead, type TestTenant } from "@/test/tenants";

import {
  changeBoxStatusAction,
  createBoxAction,
  createFeedbackLinkAction,
  createPhaseAction,
  createProductAction,
  recordResultsAction,
  resendFeedbackLinkAction,
  revokeFeedbackLinkAction,
  type ShownLink,
} from "./actions";
import type { LeadSamples } from "./lead";
import { submitFeedback } from "./portal";

// The Samples forms' server actions as the lead page calls them, and the two GET routes beside the
// pages (the lead's samples, the KPI export). Only Next.js's request scope is stood in for: the
// session's account is loaded from the database, the services and policies are the real ones.
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof SessionModule>()),
  currentAccount: vi.fn(),
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-request-id": "samples-actions-test" }),
}));
vi.mock("next-intl/server", () => ({
  getLocale: async () => "en",
  getTranslations: async () => Object.assign((key: string) => key, { has: () => false }),
  getFormatter: async () => ({ dateTime: (d: Date) => d.toISOString() }),
}));

const SLUG = "samples-actions";
const IDLE = { status: "idle" } as const;
let t: TestTenant;
let leadId = "";
let boxId = "";
let phaseId = "";
const users: Record<string, string> = {};

const as = async (userId: string) => vi.mocked(currentAccount).mockResolvedValue(await loadAccount(userId));

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

function ok<T>(state: ActionState<T>): T {
  if (state.status !== "ok") throw new Error(`expected ok, got ${JSON.stringify(state)}`);
  return state.data;
}

async function samplesOf(id: string): Promise<{ status: number; body: LeadSamples }> {
  const response = await getLeadSamples(new Request(`http://localhost/${SLUG}/leads/${id}/samples`), {
    params: Promise.resolve({ org: SLUG, id }),
  });
  return { status: response.status, body: (await response.json()) as LeadSamples };
}

const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTenant(SLUG);
  ({ leadId } = await registerLead(t, "Kantine Aktionen"));
  for (const name of ["stranger", "assistant"]) {
    users[name] = (
      await addMember({ email: `${name}@${SLUG}.example`, name, orgSlug: SLUG, role: "sales", locale: "de" })
    ).userId;
  }
  await addCollaborator(t.sales, leadId, { userId: users.assistant, role: "ASSIST" });
  await as(t.admin.userId);
  ok(await createProductAction(SLUG, IDLE, form({ sku: "A-1", name: "Linseneintopf", unit: "kg" })));
  ok(await createProductAction(SLUG, IDLE, form({ sku: "A-2", name: "Grießbrei" })));
});

describe("the product dialog's action", () => {
  it("is for admins; a sku taken already is an error beside the field", async () => {
    await as(t.admin.userId);
    const again = await createProductAction(SLUG, IDLE, form({ sku: "A-1", name: "Doppelt" }));
    expect(again).toMatchObject({ status: "error", fieldErrors: { sku: expect.any(String) } });
    await as(t.sales.userId);
    const partner = await createProductAction(SLUG, IDLE, form({ sku: "A-9", name: "Neu" }));
    expect(partner.status).toBe("error");
  });
});

describe("the lead's Samples section", () => {
  it("lets the lead's partner configure a box, ship and deliver it and start a test phase", async () => {
    await as(t.sales.userId);
    boxId = ok(
      await createBoxAction(SLUG, {
        leadId,
        items: [
          { sku: "A-1", qty: 3 },
          { sku: "A-2", qty: 1 },
        ],
        notes: "Für die Mittagskarte",
      }),
    ).id;
    ok(await changeBoxStatusAction(SLUG, boxId, { status: "SHIPPED", trackingRef: "DHL 00340434" }));
    ok(await changeBoxStatusAction(SLUG, boxId, { status: "DELIVERED" }));
    phaseId = ok(
      await createPhaseAction(SLUG, boxId, IDLE, form({ stage: "TRIAL", startDate: today, endDate: today })),
    ).id;

    const { status, body } = await samplesOf(leadId);
    expect(status).toBe(200);
    expect(body.canConfigure).toBe(true);
    expect(body.products.map((p) => p.sku)).toEqual(["A-2", "A-1"]);
    expect(body.boxes).toHaveLength(1);
    expect(body.boxes[0]).toMatchObject({
      status: "IN_TEST",
      trackingRef: "DHL 00340434",
      items: [
        { sku: "A-2", qty: 1 },
        { sku: "A-1", qty: 3 },
      ],
      phases: [{ id: phaseId, stage: "TRIAL", links: [], feedback: [] }],
    });
  });

  it("answers an illegal move, a bad phase and a product outside the test in the form's terms", async () => {
    await as(t.sales.userId);
    const move = await changeBoxStatusAction(SLUG, boxId, { status: "SHIPPED" });
    expect(move).toMatchObject({ status: "error", fieldErrors: { status: expect.any(String) } });
    const phase = await createPhaseAction(
      SLUG,
      boxId,
      IDLE,
      form({ stage: "TRIAL", startDate: today, endDate: "2000-01-01" }),
    );
    expect(phase).toMatchObject({ status: "error", fieldErrors: { endDate: expect.any(String) } });
    const results = await recordResultsAction(SLUG, phaseId, { items: [{ sku: "A-9", outcome: "SUCCESS" }] });
    expect(results).toMatchObject({ status: "error", fieldErrors: { "items.0.sku": expect.any(String) } });
    ok(
      await recordResultsAction(SLUG, phaseId, {
        items: [{ sku: "A-1", outcome: "MIXED", sellThroughPct: 40 }],
      }),
    );
    const { body } = await samplesOf(leadId);
    expect(body.boxes[0].phases[0].results).toEqual([
      { sku: "A-1", outcome: "MIXED", sellThroughPct: 40, wasteDeltaPct: null, notes: null },
    ]);
  });

  it("shows a new link once with its QR code; re-sending revokes it, the customer's answer arrives", async () => {
    await as(t.sales.userId);
    const first = ok(
      await createFeedbackLinkAction(SLUG, phaseId, IDLE, form({ recipientName: "Jana Koch", locale: "en" })),
    );
    expect(first.url).toMatch(/\/feedback\/[A-Za-z0-9_-]{43}$/);
    expect(first.qrSvg).toMatch(/^<svg width="200" height="200" role="img" aria-label="link\.qrLabel"/);
    const second: ShownLink = ok(await resendFeedbackLinkAction(SLUG, first.id));
    expect(second.url).not.toBe(first.url);

    const token = second.url.split("/").at(-1) ?? "";
    await submitFeedback(token, {
      contact: { name: "Jana Koch", role: "CHEF" },
      items: [
        { sku: "A-1", rating: 4, comment: "Gut gewürzt", wouldReorder: true },
        { sku: "A-2", rating: 2 },
      ],
    });
    const { body } = await samplesOf(leadId);
    const phase = body.boxes[0].phases[0];
    expect(body.boxes[0].status).toBe("FEEDBACK");
    expect(phase.links.map((l) => [l.id, l.state])).toEqual([
      [second.id, "SUBMITTED"],
      [first.id, "REVOKED"],
    ]);
    expect(phase.feedback.map((f) => [f.productName, f.rating, f.contactName, f.wouldReorder])).toEqual([
      ["Linseneintopf", 4, "Jana Koch", true],
      ["Grießbrei", 2, "Jana Koch", null],
    ]);
    // The answer is the lead's qualifying SAMPLE_FEEDBACK activity: its protection runs from it.
    const [activity] = await asSuperuser(
      async (c) =>
        (
          await c.query(`SELECT at FROM lead_activity WHERE lead_id = $1 AND kind = 'SAMPLE_FEEDBACK'`, [
            leadId,
          ])
        ).rows as { at: Date }[],
    );
    expect((await getProtection(t.sales, leadId))?.lastQualActivityAt).toBe(activity.at.toISOString());

    // An answered link can be neither revoked nor re-sent.
    expect((await revokeFeedbackLinkAction(SLUG, second.id)).status).toBe("error");
    const third = ok(await createFeedbackLinkAction(SLUG, phaseId, IDLE, form({})));
    ok(await revokeFeedbackLinkAction(SLUG, third.id));
  });

  it("is read-only for an ASSIST collaborator and a 404 for another partner", async () => {
    await as(users.assistant);
    const seen = await samplesOf(leadId);
    expect(seen.status).toBe(200);
    expect(seen.body.canConfigure).toBe(false);
    expect(seen.body.products).toEqual([]);
    expect((await createBoxAction(SLUG, { leadId, items: [{ sku: "A-1", qty: 1 }] })).status).toBe("error");

    await as(users.stranger);
    expect((await samplesOf(leadId)).status).toBe(404);
    expect((await samplesOf("not-a-uuid")).status).toBe(404);
    const refused = await changeBoxStatusAction(SLUG, boxId, { status: "CANCELLED" });
    expect(refused).toMatchObject({ status: "error", message: "Not found." });
    const boxes = await asSuperuser(async (c) => (await c.query("SELECT status FROM sample_box")).rows);
    expect(boxes).toEqual([{ status: "FEEDBACK" }]);
  });
});

describe("GET /[org]/samples/export", () => {
  it("is the caller's figures as CSV", async () => {
    await as(t.sales.userId);
    const response = await exportKpis(new Request(`http://localhost/${SLUG}/samples/export`), {
      params: Promise.resolve({ org: SLUG }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="samples-kpis-/);
    const lines = (await response.text()).split("\r\n");
    // Three links: one revoked by re-sending, one answered, one revoked by hand.
    expect(lines).toContain("all,,,1,1,1.0000,,,0.0");
    await as(users.stranger);
    const other = await exportKpis(new Request(`http://localhost/${SLUG}/samples/export`), {
      params: Promise.resolve({ org: SLUG }),
    });
    expect((await other.text()).split("\r\n")).toContain("all,,,0,0,,,,");
  });
});
