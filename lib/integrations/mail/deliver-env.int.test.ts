import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { runCli } from "@/test/cli";
import { setTestEnv } from "@/test/env";
import { startFakeSmtp, type FakeSmtp } from "@/test/fakes/smtp";
import { asSuperuser } from "@/test/pg";
import { createTenant, type TestTenant } from "@/test/tenants";

import { flushCallRecords } from "../resilience";
import { deliverOutbox } from "./deliver";
import { closeTransporters } from "./transport";

// An organisation without a mail connection sends through the installation's SMTP_URL and MAIL_FROM.

let smtp: FakeSmtp;
let org: TestTenant;

beforeAll(async () => {
  smtp = await startFakeSmtp();
  setTestEnv({ SMTP_URL: smtp.url, MAIL_FROM: "FreshPlan <noreply@install.example>" });
  org = await createTenant("mail-env", "en");
});
afterAll(async () => {
  closeTransporters();
  await smtp.close();
});

describe("outbox-deliver without a mail connection", () => {
  it("sends through SMTP_URL as MAIL_FROM and records the call without a connection", async () => {
    const id = await asSuperuser(
      async (client) =>
        (
          await client.query<{ id: string }>(
            `INSERT INTO notification_outbox (org_id, recipient_user_id, channel, template, payload, dedupe_key)
             VALUES ($1, $2, 'EMAIL', 'ai.budget.threshold', $3, $4) RETURNING id`,
            [
              org.orgId,
              org.admin.userId,
              JSON.stringify({ month: "2026-12", threshold: 80, capEur: 100, spentEur: 80, reservedEur: 0 }),
              `test:${randomUUID()}`,
            ],
          )
        ).rows[0].id,
    );
    expect(await deliverOutbox({ orgId: null, userId: null, roles: ["system"] })).toMatchObject({ sent: 1 });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].from?.text).toContain("noreply@install.example");
    expect(smtp.received[0].messageId).toBe(`<${id}@install.example>`);
    // The admin's locale is de (test/tenants.ts).
    expect(smtp.received[0].subject).toBe("KI-Budget: 80 % verbraucht im 2026-12");
    await flushCallRecords();
    const calls = await asSuperuser(
      async (client) =>
        (
          await client.query(
            `SELECT provider, connection_id, outcome FROM integration_call WHERE org_id = $1`,
            [org.orgId],
          )
        ).rows,
    );
    expect(calls).toEqual([{ provider: "SMTP_ENV", connection_id: null, outcome: "ok" }]);
  });

  it("runs as `jobs:run outbox-deliver` from the operators' CLI", async () => {
    await asSuperuser((client) =>
      client.query(
        `INSERT INTO notification_outbox (org_id, recipient_user_id, channel, template, payload, dedupe_key)
         VALUES ($1, $2, 'EMAIL', 'ai.budget.threshold', $3, $4)`,
        [
          org.orgId,
          org.admin.userId,
          JSON.stringify({ month: "2026-12", threshold: 100, capEur: 100, spentEur: 100, reservedEur: 0 }),
          `test:${randomUUID()}`,
        ],
      ),
    );
    const before = smtp.received.length;
    const run = await runCli("jobs:run", "outbox-deliver");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^outbox-deliver: succeeded/m);
    expect(run.stdout).toMatch(/^sent: 1$/m);
    expect(smtp.received.length).toBe(before + 1);
  });
});
