import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { FAKE_API_KEY, startFakeOpenAI, type FakeProvider } from "@/test/fakes/ai-providers";
import { asSuperuser } from "@/test/pg";
import { createTenant, registerLead, type TestTenant } from "@/test/tenants";

import { CircuitBreaker, createOpenAiClient, withBreaker } from "@/lib/ai/providers";
import { withOrg } from "@/lib/db";

import { runFeedbackMail } from "./invitations";
import { openFeedbackLink, submitFeedback } from "./portal";
import { runFeedbackSentiment } from "./sentiment";
import { changeBoxStatus, createBox, createFeedbackLink, createPhase, createProduct } from "./service";
import { openToken } from "./tokens";

// The samples jobs: the invitation when a test phase ends, the one reminder however often the job
// runs, and the sentiment of comments through the AI router (or, without AI, nothing at all).

let t: TestTenant;
let phaseId = "";
const DAY = 86_400_000;
const today = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTenant("samples-jobs");
  const { leadId } = await registerLead(t, "Kantine Jobs");
  await createProduct(t.admin, { sku: "J-1", name: "Linsensuppe" });
  const box = await createBox(t.sales, { leadId, items: [{ sku: "J-1", qty: 3 }] });
  await changeBoxStatus(t.sales, box.id, { status: "SHIPPED" });
  await changeBoxStatus(t.sales, box.id, { status: "DELIVERED" });
  // The phase ends today: links made now are not sent until the job runs after today.
  phaseId = (await createPhase(t.sales, box.id, { stage: "SAMPLE", startDate: today(), endDate: today() }))
    .id;
});

/** The mails to the link's customer (the owner's notifications about the answer are others). */
const mails = (linkId: string) =>
  withOrg(t.admin, (tx) =>
    tx.notificationOutbox.findMany({
      where: { recipientUserId: null, payload: { path: ["linkId"], equals: linkId } },
      orderBy: { createdAt: "asc" },
    }),
  );

const sealedOf = (payload: unknown) => String((payload as Record<string, unknown>).tokenSealed);

describe("samples-feedback-daily", () => {
  it("invites once the phase has ended, with a fresh token for the unopened link, and only once", async () => {
    const link = await createFeedbackLink(t.sales, phaseId, {
      recipientName: "Chef Tom",
      recipientEmail: "tom@kantine.example",
      locale: "en",
    });
    expect(await mails(link.id)).toEqual([]);
    expect((await runFeedbackMail()).invitations).toBe(0);

    const tomorrow = new Date(Date.now() + DAY);
    expect((await runFeedbackMail({ now: tomorrow })).invitations).toBe(1);
    expect((await runFeedbackMail({ now: tomorrow })).invitations).toBe(0);

    const [invitation] = await mails(link.id);
    expect(invitation).toMatchObject({
      template: "samples.feedback.invitation",
      recipientEmail: "tom@kantine.example",
      recipientLocale: "en",
      channel: "EMAIL",
    });
    // The invitation carries a working link; the token shown at creation no longer opens it.
    const token = openToken(sealedOf(invitation.payload));
    expect((await openFeedbackLink(token)).recipientName).toBe("Chef Tom");
    await expect(openFeedbackLink(link.token)).rejects.toMatchObject({ kind: "not_found" });
  });

  it("sends one reminder after the set time, however often (and concurrently) it runs; the same link as the invitation", async () => {
    const link = await createFeedbackLink(t.sales, phaseId, {
      recipientEmail: "anna@kantine.example",
      sendNow: true,
    });
    expect((await runFeedbackMail()).reminders).toBe(0);
    await asSuperuser((c) =>
      c.query(`UPDATE feedback_link SET invited_at = now() - interval '6 days' WHERE id = $1`, [link.id]),
    );
    const runs = [
      ...(await Promise.all([runFeedbackMail(), runFeedbackMail()])),
      await runFeedbackMail(),
      await runFeedbackMail(),
    ];
    expect(runs.reduce((sum, r) => sum + r.reminders, 0)).toBe(1);
    const [invitation, reminder, ...more] = await mails(link.id);
    expect(more).toEqual([]);
    expect(reminder.template).toBe("samples.feedback.reminder");
    expect(openToken(sealedOf(reminder.payload))).toBe(link.token);
    expect(openToken(sealedOf(invitation.payload))).toBe(link.token);
  });

  it("reminds nobody who has answered", async () => {
    const link = await createFeedbackLink(t.sales, phaseId, {
      recipientEmail: "ben@kantine.example",
      sendNow: true,
    });
    await submitFeedback(link.token, {
      contact: { name: "Ben", role: "GM" },
      items: [{ sku: "J-1", rating: 2 }],
    });
    await asSuperuser((c) =>
      c.query(`UPDATE feedback_link SET invited_at = now() - interval '6 days' WHERE id = $1`, [link.id]),
    );
    await runFeedbackMail();
    expect((await mails(link.id)).map((m) => m.template)).toEqual(["samples.feedback.invitation"]);
  });
});

describe("samples-feedback-sentiment", () => {
  let fake: FakeProvider;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterAll(() => fake.close());

  it("leaves comments pending without AI, and stores the router's answer when it is configured", async () => {
    const link = await createFeedbackLink(t.sales, phaseId, {});
    await submitFeedback(link.token, {
      contact: { name: "Eva", role: "CHEF" },
      items: [{ sku: "J-1", rating: 2, comment: "Zu salzig, die Gäste haben es stehen lassen." }],
    });
    const row = () =>
      withOrg(t.admin, (tx) => tx.productFeedback.findFirstOrThrow({ where: { linkId: link.id } }));

    const without = await runFeedbackSentiment({ router: { clients: {} } });
    expect(without).toMatchObject({ analysed: 0, failed: 0 });
    expect(without.pending).toBeGreaterThanOrEqual(1);
    expect((await row()).sentiment).toBeNull();

    fake.respond = () => ({
      output: { sentiment: "negative", topics: ["Geschmack"], confidence: 0.93 },
      usage: { inputTokens: 300, outputTokens: 30 },
    });
    const client = createOpenAiClient({
      baseURL: fake.url,
      apiKey: FAKE_API_KEY,
      timeoutMs: 2_000,
      maxRetries: 0,
      models: { small: "gpt-4o-mini", large: "gpt-4o" },
    });
    const counts = await runFeedbackSentiment({
      router: { clients: { openai: withBreaker(client, new CircuitBreaker("openai")) }, order: ["openai"] },
    });
    expect(counts.analysed).toBeGreaterThanOrEqual(1);
    expect(await row()).toMatchObject({ sentiment: "negative", sentimentTopics: ["Geschmack"] });
  });
});
