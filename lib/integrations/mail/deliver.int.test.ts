import { randomBytes, randomUUID } from "node:crypto";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { setTestEnv } from "@/test/env";
import { startFakeSmtp, type FakeSmtp } from "@/test/fakes/smtp";
import { asSuperuser } from "@/test/pg";
import { createTenant, type TestTenant } from "@/test/tenants";

import { feedbackUrl, newToken, sealToken } from "@/lib/samples/tokens";

import { keyringOf, sealSecrets } from "../crypto";
import { flushCallRecords, resetPolicies } from "../resilience";
import { deliverOrg, deliverOutbox } from "./deliver";
import { closeTransporters } from "./transport";

// The outbox sender against a real SMTP server (smtp-server) on 127.0.0.1, through the org's
// all-inkl mail connection (settings + encrypted password), as production sends: only the server
// is a fake. No SMTP_URL in this file, so an organisation without a connection is "not configured".

const KEY = randomBytes(32).toString("base64");
setTestEnv({ INTEGRATIONS_KEY: KEY });

const system = {
  orgId: null,
  userId: null,
  roles: ["system"],
  actor: { type: "system" as const, id: "job:test" },
};
let smtp: FakeSmtp;
let org: TestTenant;
let english: TestTenant;
let unconfigured: TestTenant;

async function connect(tenant: TestTenant) {
  const id = randomUUID();
  const sealed = sealSecrets(id, { password: smtp.password }, keyringOf(KEY));
  await asSuperuser((client) =>
    client.query(
      `INSERT INTO integration_connection (id, org_id, provider, name, settings, secrets, key_id)
       VALUES ($1, $2, 'ALLINKL_MAIL', 'Mail', $3, $4, $5)`,
      [
        id,
        tenant.orgId,
        JSON.stringify({
          host: "127.0.0.1",
          port: smtp.port,
          security: "none",
          user: smtp.user,
          from: "FreshPlan <noreply@example.test>",
        }),
        Buffer.from(sealed.secrets),
        sealed.keyId,
      ],
    ),
  );
  return id;
}

const PAYLOAD = {
  leadId: randomUUID(),
  companyName: "Kantine Nord",
  city: "Kiel",
  dueAt: "2026-12-01T09:00:00.000Z",
  graceUntil: "2026-12-08T09:00:00.000Z",
};

/** Queues `n` reminder e-mails to the tenant's sales partner, as the lead job does. */
async function enqueue(
  tenant: TestTenant,
  n = 1,
  payload: Record<string, unknown> = PAYLOAD,
): Promise<string[]> {
  return asSuperuser(async (client) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO notification_outbox (org_id, recipient_user_id, channel, template, payload, dedupe_key)
         VALUES ($1, $2, 'EMAIL', 'lead.reminder_60d', $3, $4) RETURNING id`,
        [tenant.orgId, tenant.sales.userId, JSON.stringify(payload), `test:${randomUUID()}`],
      );
      ids.push(rows[0].id);
    }
    return ids;
  });
}

async function rows(ids: string[]) {
  return asSuperuser(
    async (client) =>
      (
        await client.query<{
          id: string;
          state: string;
          attempts: number;
          sent_at: Date | null;
          message_id: string | null;
          last_error: string | null;
          next_attempt_at: Date;
        }>(
          `SELECT id, state, attempts, sent_at, message_id, last_error, next_attempt_at
           FROM notification_outbox WHERE id = ANY($1::uuid[]) ORDER BY created_at`,
          [ids],
        )
      ).rows,
  );
}

beforeAll(async () => {
  smtp = await startFakeSmtp();
  org = await createTenant("mail-de", "de");
  english = await createTenant("mail-en", "en");
  unconfigured = await createTenant("mail-none", "de");
  await connect(org);
  await connect(english);
});
afterAll(async () => {
  closeTransporters();
  await smtp.close();
});
beforeEach(() => {
  smtp.received.length = 0;
  smtp.fallback = { kind: "accept" };
  smtp.delayMs = 0;
  resetPolicies();
});

describe("outbox-deliver", () => {
  it("delivers a queued reminder in the recipient's language, with Message-ID and Auto-Submitted, and marks it SENT", async () => {
    const [de] = await enqueue(org);
    const [en] = await enqueue(english);
    const counts = await deliverOutbox(system);
    expect(counts).toMatchObject({ sent: 2, failed: 0, retried: 0, orgsFailed: 0 });

    const byTo = new Map(smtp.received.map((m) => [m.to && !Array.isArray(m.to) ? m.to.text : "", m]));
    const german = byTo.get("sales@mail-de.example");
    const englishMail = byTo.get("sales@mail-en.example");
    expect(german?.subject).toBe("Lead-Schutz: Kantine Nord (Kiel) braucht eine Aktivität");
    expect(german?.text).toContain("8. Dezember 2026");
    expect(german?.html).toContain("Kantine Nord");
    expect(german?.messageId).toBe(`<${de}@example.test>`);
    expect(german?.headers.get("auto-submitted")).toBe("auto-generated");
    expect(german?.from?.text).toContain("noreply@example.test");
    expect(englishMail?.subject).toBe("Lead protection: Kantine Nord (Kiel) needs an activity");
    expect(englishMail?.messageId).toBe(`<${en}@example.test>`);

    const [row] = await rows([de]);
    expect(row).toMatchObject({
      state: "SENT",
      attempts: 1,
      message_id: `<${de}@example.test>`,
      last_error: null,
    });
    expect(row.sent_at).toBeInstanceOf(Date);

    await flushCallRecords();
    const calls = await asSuperuser(
      async (client) =>
        (
          await client.query<{ outcome: string; operation: string; error: string | null }>(
            `SELECT outcome, operation, error FROM integration_call WHERE org_id = $1`,
            [org.orgId],
          )
        ).rows,
    );
    expect(calls).toEqual([{ outcome: "ok", operation: "smtp.send", error: null }]);
  });

  it("sends a customer e-mail (payload recipientEmail + locale) to that address in that language", async () => {
    const [id] = await enqueue(org, 1, { ...PAYLOAD, recipientEmail: "einkauf@kunde.example", locale: "en" });
    await deliverOutbox(system);
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : "").toBe("einkauf@kunde.example");
    expect(mail.subject).toBe("Lead protection: Kantine Nord (Kiel) needs an activity");
    expect(mail.text).toMatch(/^Hello,/);
    expect((await rows([id]))[0].state).toBe("SENT");
  });

  it("sends a customer's feedback invitation to their address in their language, with the link opened from its seal", async () => {
    const token = newToken();
    const sealed = sealToken(token);
    const [{ id }] = await asSuperuser(
      async (client) =>
        (
          await client.query<{ id: string }>(
            `INSERT INTO notification_outbox (org_id, recipient_email, recipient_locale, channel, template,
                                              payload, dedupe_key)
             VALUES ($1, 'kueche@kunde.example', 'en', 'EMAIL', 'samples.feedback.invitation', $2, $3)
             RETURNING id`,
            [
              org.orgId,
              JSON.stringify({
                recipientName: "Chef Jansen",
                senderName: "FreshFoodz Demo",
                expiresAt: "2026-12-28T09:00:00.000Z",
                tokenSealed: sealed,
              }),
              `test:${randomUUID()}`,
            ],
          )
        ).rows,
    );
    await deliverOutbox(system);
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : "").toBe("kueche@kunde.example");
    expect(mail.subject).toBe("How did our samples do in your kitchen?");
    expect(mail.text).toMatch(/^Hello Chef Jansen,/);
    expect(mail.text).toContain(feedbackUrl(token));
    expect(mail.text).toContain("December 28, 2026");
    expect(`${mail.text}${mail.html}`).not.toContain(sealed);
    expect((await rows([id]))[0].state).toBe("SENT");
  });

  it("never sends a row twice with two senders running at once", async () => {
    const ids = await enqueue(org, 40);
    smtp.delayMs = 15;
    const ctx = { ...system, orgId: org.orgId };
    const [a, b] = await Promise.all([deliverOrg(ctx, { batch: 5 }), deliverOrg(ctx, { batch: 5 })]);
    expect(a.sent + b.sent).toBe(40);
    expect(a.sent).toBeGreaterThan(0);
    expect(b.sent).toBeGreaterThan(0);
    const messageIds = smtp.received.map((m) => m.messageId);
    expect(messageIds).toHaveLength(40);
    expect(new Set(messageIds).size).toBe(40);
    expect((await rows(ids)).every((r) => r.state === "SENT" && r.attempts === 1)).toBe(true);
  });

  it("marks a row FAILED with the server's answer when the server refuses it for good (5xx)", async () => {
    const [id] = await enqueue(org);
    smtp.script({ kind: "refuse", code: 550, message: "5.1.1 Mailbox unavailable" });
    const counts = await deliverOutbox(system);
    expect(counts).toMatchObject({ failed: 1, sent: 0 });
    expect(smtp.received).toHaveLength(0);
    const [row] = await rows([id]);
    expect(row.state).toBe("FAILED");
    expect(row.last_error).toMatch(/550 5\.1\.1 Mailbox unavailable/);
    // Failed rows are not picked up again.
    await deliverOutbox(system);
    expect(smtp.received).toHaveLength(0);
  });

  it("queues a row again for later when the server refuses it for now (4xx), and delivers it then", async () => {
    const [id] = await enqueue(org);
    smtp.script({ kind: "refuse", code: 451, message: "4.7.1 Try again later" });
    const before = Date.now();
    expect(await deliverOutbox(system)).toMatchObject({ retried: 1, sent: 0, failed: 0 });
    const [queued] = await rows([id]);
    expect(queued).toMatchObject({ state: "QUEUED", attempts: 1 });
    expect(queued.last_error).toMatch(/451/);
    expect(queued.next_attempt_at.getTime()).toBeGreaterThanOrEqual(before + 30_000);

    // Not due yet: the next run leaves it alone.
    await deliverOutbox(system);
    expect(smtp.received).toHaveLength(0);

    await asSuperuser((client) =>
      client.query(`UPDATE notification_outbox SET next_attempt_at = now() WHERE id = $1`, [id]),
    );
    expect(await deliverOutbox(system)).toMatchObject({ sent: 1 });
    expect((await rows([id]))[0]).toMatchObject({ state: "SENT", attempts: 2 });
  });

  it("leaves an organisation's e-mails queued when it has no mail connection and there is no SMTP_URL", async () => {
    const [id] = await enqueue(unconfigured);
    const counts = await deliverOutbox(system);
    expect(counts.notConfigured).toBeGreaterThanOrEqual(1);
    expect((await rows([id]))[0]).toMatchObject({ state: "QUEUED", attempts: 0 });
  });
});
