import { beforeAll, describe, expect, it } from "vitest";

import { asSuperuser } from "@/test/pg";
import { createTenant, registerLead, type TestTenant } from "@/test/tenants";

import { addMember } from "@/lib/auth/service";
import { withOrg } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { backdateRegisteredAt, getProtection } from "@/lib/leads/service";

import { openFeedbackLink, saveFeedbackDraft, submitFeedback } from "./portal";
import {
  changeBoxStatus,
  createBox,
  createFeedbackLink,
  createPhase,
  createProduct,
  revokeFeedbackLink,
} from "./service";

// The customer's side of a feedback link, through the portal service the public routes call: the
// token is the only key, a submission happens exactly once and moves the lead's protection clock.

let t: TestTenant;
let leadId = "";
let boxId = "";
let phaseId = "";

const kindOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (error instanceof AppError) return error.kind;
    throw error;
  }
};

const errorOf = async (promise: Promise<unknown>): Promise<AppError> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
};

const today = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTenant("portal", "de");
  ({ leadId } = await registerLead(t, "Kantine Portal"));
  for (const [sku, name] of [
    ["FF-1001", "Rinderhack 20 % Fett"],
    ["FF-1002", "Kartoffelgratin"],
    ["FF-1003", "Apfelstrudel"],
  ]) {
    await createProduct(t.admin, { sku, name, unit: "kg", packSize: "2 × 2,5 kg" });
  }
  const box = await createBox(t.sales, {
    leadId,
    items: [
      { sku: "FF-1001", qty: 2 },
      { sku: "FF-1002", qty: 1 },
    ],
  });
  boxId = box.id;
  await changeBoxStatus(t.sales, boxId, { status: "SHIPPED", trackingRef: "DHL 0034" });
  await changeBoxStatus(t.sales, boxId, { status: "DELIVERED" });
  phaseId = (await createPhase(t.sales, boxId, { stage: "SAMPLE", startDate: today(), endDate: today() })).id;
});

const newLink = (input = {}) => createFeedbackLink(t.sales, phaseId, input);

const submission = {
  contact: { name: "Jana Koch", role: "CHEF" as const },
  items: [
    { sku: "FF-1001", rating: 5, comment: "Sehr gut, bleibt saftig", wouldReorder: true },
    { sku: "FF-1002", rating: 3 },
  ],
};

describe("a feedback link", () => {
  it("is stored only as its hash: the token is nowhere in the database", async () => {
    const link = await newLink({
      recipientName: "Jana",
      recipientEmail: "jana@kantine.example",
      sendNow: true,
    });
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link.url).toBe(`/feedback/${link.token}`);
    const hits = await asSuperuser(async (client) => {
      const tables = (
        await client.query<{ name: string }>(
          `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind = 'r'`,
        )
      ).rows;
      const found: string[] = [];
      for (const { name } of tables) {
        const { rows } = await client.query(
          `SELECT 1 FROM "${name}" t WHERE strpos(to_jsonb(t)::text, $1) > 0 LIMIT 1`,
          [link.token],
        );
        if (rows.length > 0) found.push(name);
      }
      return found;
    });
    expect(hits).toEqual([]);
    // …while the invitation for the customer is queued, in their language, with the token sealed.
    const [mail] = await withOrg(t.admin, (tx) =>
      tx.notificationOutbox.findMany({ where: { recipientEmail: "jana@kantine.example" } }),
    );
    expect(mail).toMatchObject({
      channel: "EMAIL",
      template: "samples.feedback.invitation",
      recipientLocale: "de",
    });
    expect(String((mail.payload as Record<string, unknown>).tokenSealed)).toMatch(/^v1\./);
  });

  it("opens with the phase's products, the organisation as sender and an empty draft; the first opening is recorded once", async () => {
    const link = await newLink({ recipientName: "Jana", locale: "en" });
    const view = await openFeedbackLink(link.token);
    expect(view).toMatchObject({
      state: "open",
      locale: "en",
      recipientName: "Jana",
      senderName: "Org portal",
      submittedAt: null,
      draft: {},
    });
    expect(view.products.map((p) => p.sku)).toEqual(["FF-1002", "FF-1001"]);
    expect(JSON.stringify(view)).not.toContain("Kantine Portal");
    const opened = async () =>
      (await withOrg(t.admin, (tx) => tx.feedbackLink.findUniqueOrThrow({ where: { id: link.id } })))
        .firstOpenedAt;
    const first = await opened();
    await openFeedbackLink(link.token);
    expect(await opened()).toEqual(first);
  });

  it("keeps the draft for the next opening", async () => {
    const link = await newLink();
    await saveFeedbackDraft(link.token, {
      items: [{ sku: "FF-1001", rating: 4 }],
      contact: { name: "Jana" },
    });
    const view = await openFeedbackLink(link.token);
    expect(view.draft).toEqual({ items: [{ sku: "FF-1001", rating: 4 }], contact: { name: "Jana" } });
  });

  it("refuses a sku that is not in the test phase, and a rating out of range, with field errors", async () => {
    const link = await newLink();
    const notInPhase = await errorOf(
      submitFeedback(link.token, { ...submission, items: [{ sku: "FF-1003", rating: 4 }] }),
    );
    expect(notInPhase.status).toBe(400);
    expect(notInPhase.fieldErrors.map((e) => e.path)).toEqual(["items.0.sku"]);
    const outOfRange = await errorOf(
      submitFeedback(link.token, {
        ...submission,
        items: [
          { sku: "FF-1001", rating: 4 },
          { sku: "FF-1002", rating: 6 },
        ],
      }),
    );
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.fieldErrors.map((e) => e.path)).toEqual(["items.1.rating"]);
  });

  it("answers unknown, malformed and revoked tokens as not found, an expired one as gone with the contact", async () => {
    expect(await kindOf(openFeedbackLink("A".repeat(43)))).toBe("not_found");
    expect(await kindOf(openFeedbackLink("nope"))).toBe("not_found");
    const revoked = await newLink();
    await revokeFeedbackLink(t.sales, revoked.id);
    expect(await kindOf(openFeedbackLink(revoked.token))).toBe("not_found");
    expect(await kindOf(submitFeedback(revoked.token, submission))).toBe("not_found");

    const expired = await newLink();
    await asSuperuser((c) =>
      c.query(
        `UPDATE feedback_link SET created_at = now() - interval '30 days', expires_at = now() - interval '1 second' WHERE id = $1`,
        [expired.id],
      ),
    );
    const error = await errorOf(openFeedbackLink(expired.token));
    expect(error.status).toBe(410);
    expect(error.text).toEqual({
      code: "samples.portal.expired",
      params: { contact: "vertrieb@freshfoodz.de" },
    });
    expect(await kindOf(saveFeedbackDraft(expired.token, {}))).toBe("gone");
    expect(await kindOf(submitFeedback(expired.token, submission))).toBe("gone");
  });
});

describe("a submission", () => {
  it("wins exactly once of 20 at the same moment; the others are conflicts", async () => {
    const link = await newLink();
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => kindOf(submitFeedback(link.token, submission))),
    );
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "conflict")).toHaveLength(19);
    const rows = await withOrg(t.admin, (tx) => tx.productFeedback.count({ where: { linkId: link.id } }));
    expect(rows).toBe(2);
    // Afterwards the page shows what was sent, and takes no more drafts.
    const view = await openFeedbackLink(link.token);
    expect(view.state).toBe("submitted");
    expect(view.draft.items?.map((i) => i.rating)).toEqual([5, 3]);
    expect(await kindOf(saveFeedbackDraft(link.token, {}))).toBe("conflict");
  });

  it("logs a qualifying SAMPLE_FEEDBACK activity that moves the protection clock, audits as the link, tells the owner and moves the box", async () => {
    // Registered five months ago without progress: its protection rests on the 6 months' base.
    const fiveMonthsAgo = new Date(Date.now() - 150 * 86_400_000);
    const { leadId: lead } = await registerLead(t, "Mensa Clock");
    await backdateRegisteredAt(t.admin, lead, {
      registeredAt: fiveMonthsAgo,
      reason: "first contact by phone",
    });
    const box = await createBox(t.sales, { leadId: lead, items: [{ sku: "FF-1001", qty: 1 }] });
    await changeBoxStatus(t.sales, box.id, { status: "SHIPPED" });
    await changeBoxStatus(t.sales, box.id, { status: "DELIVERED" });
    const phase = await createPhase(t.sales, box.id, {
      stage: "TRIAL",
      startDate: today(),
      endDate: today(),
    });
    const link = await createFeedbackLink(t.sales, phase.id, {});

    const before = await getProtection(t.sales, lead);
    const { submittedAt } = await submitFeedback(link.token, {
      contact: { name: "Jana Koch", role: "BUYER" },
      items: [{ sku: "FF-1001", rating: 4 }],
    });
    const after = await getProtection(t.sales, lead);

    expect(after.lastQualActivityAt).toBe(submittedAt);
    expect(new Date(after.validUntil!).getTime()).toBeGreaterThan(new Date(before.validUntil!).getTime());
    expect(new Date(after.validUntil!).getTime()).toBe(new Date(submittedAt).getTime() + 60 * 86_400_000);

    const facts = await withOrg(t.admin, async (tx) => ({
      activity: await tx.leadActivity.findFirst({ where: { leadId: lead, kind: "SAMPLE_FEEDBACK" } }),
      audit: await tx.auditEvent.findFirst({
        where: { action: "samples.feedback.submitted", resourceId: link.id },
      }),
      outbox: await tx.notificationOutbox.findMany({
        where: { dedupeKey: `samples.feedback.received:${link.id}` },
        orderBy: { channel: "asc" },
      }),
      box: await tx.sampleBox.findUniqueOrThrow({ where: { id: box.id } }),
    }));
    expect(facts.activity).toMatchObject({ createdBy: null });
    expect(facts.audit).toMatchObject({ actorType: "feedback_link", actorId: link.id });
    expect(facts.outbox.map((o) => [o.recipientUserId, o.channel])).toEqual([
      [t.sales.userId, "EMAIL"],
      [t.sales.userId, "INAPP"],
    ]);
    expect(facts.box.status).toBe("FEEDBACK");
  });
});

describe("who sees a lead's samples", () => {
  it("another partner of the organisation does not, another organisation's member gets a 404", async () => {
    const other = await addMember({
      email: "other@portal.example",
      name: "Other",
      orgSlug: "portal",
      role: "sales",
      locale: "de",
    });
    const otherPartner = { orgId: t.orgId, userId: other.userId, roles: ["sales"] };
    const { getBox, listBoxes } = await import("./service");
    expect(await kindOf(getBox(otherPartner, boxId))).toBe("not_found");
    expect((await listBoxes(otherPartner, { limit: 100 })).items).toEqual([]);
    expect((await listBoxes(t.sales, { limit: 100 })).items.map((b) => b.id)).toContain(boxId);
    const stranger = await createTenant("portal-other");
    expect(await kindOf(getBox(stranger.admin, boxId))).toBe("not_found");
    const seen = await withOrg(stranger.admin, (tx) => tx.sampleBox.count());
    expect(seen).toBe(0);
  });

  it("moves a box only along the legal path", async () => {
    const box = await createBox(t.sales, { leadId, items: [{ sku: "FF-1003", qty: 1 }] });
    expect(await kindOf(changeBoxStatus(t.sales, box.id, { status: "DELIVERED" }))).toBe("conflict");
    expect(await kindOf(changeBoxStatus(t.sales, box.id, { status: "SHIPPED" }))).toBe("ok");
    expect(await kindOf(changeBoxStatus(t.sales, box.id, { status: "CANCELLED" }))).toBe("ok");
    expect(await kindOf(changeBoxStatus(t.sales, box.id, { status: "SHIPPED" }))).toBe("conflict");
  });
});
