import { randomBytes, randomUUID } from "node:crypto";

import { beforeAll, describe, expect, it } from "vitest";

import { insertMailConnection } from "@/test/connections";
import { setTestEnv } from "@/test/env";
import { asSuperuser } from "@/test/pg";
import { createTenant, type TestTenant } from "@/test/tenants";

import { createLead } from "@/lib/leads/service";

import { decideSuggestion } from "./mail/suggestions";
import { purgeExpired } from "./retention";

// The job integrations-housekeeping's retention of the inbox and the webhook inbox, per
// organisation and by its settings: old messages and decided suggestions go, a confirmed one that
// became an activity stays without personal data, pending ones stay; processed webhook events go,
// failed ones only after twice the retention. Another organisation with a longer setting keeps all.

const KEY = randomBytes(32).toString("base64");
setTestEnv({ INTEGRATIONS_KEY: KEY });

const DAY = 86_400_000;
let a: TestTenant;
let b: TestTenant;

interface Seeded {
  orgId: string;
  messages: Record<string, string>;
  suggestions: Record<string, string>;
  events: Record<string, string>;
}

async function seed(tenant: TestTenant, slug: string): Promise<Seeded> {
  const created = await createLead(tenant.sales, {
    companyName: `Kantine ${slug}`,
    city: "Kiel",
    contact: { email: `einkauf@${slug}.example` },
  });
  if (created.kind !== "created") throw new Error("lead not created");
  const leadId = created.lead.id;
  const connectionId = await insertMailConnection(
    tenant.orgId,
    KEY,
    { host: "127.0.0.1", port: 2525, security: "none", user: "x@example.test", from: "x@example.test" },
    { password: "smtp" },
  );
  const webhookConnection = randomUUID();
  const seeded: Seeded = { orgId: tenant.orgId, messages: {}, suggestions: {}, events: {} };
  await asSuperuser(async (client) => {
    await client.query(
      `INSERT INTO integration_connection (id, org_id, provider, name, settings) VALUES ($1, $2, 'GENERIC', 'Hooks', '{}')`,
      [webhookConnection, tenant.orgId],
    );
    // name → [age in days, suggestion status or null]
    const plan: Record<string, [number, string | null]> = {
      dismissedOld: [200, "DISMISSED"],
      confirmedOld: [0, "PENDING"], // confirmed below, then made old
      pendingOld: [200, "PENDING"],
      strangerOld: [200, null],
      dismissedNew: [10, "DISMISSED"],
    };
    let uid = 1;
    for (const [name, [age, status]] of Object.entries(plan)) {
      const at = new Date(Date.now() - age * DAY);
      const message = await client.query<{ id: string }>(
        `INSERT INTO mail_message (org_id, connection_id, mailbox, uid_validity, uid, message_id, received_at, suggestions)
         VALUES ($1, $2, 'INBOX', 1, $3, $4, $5, $6) RETURNING id::text`,
        [tenant.orgId, connectionId, uid++, `<${name}@${slug}.example>`, at, status ? 1 : 0],
      );
      seeded.messages[name] = message.rows[0].id;
      if (!status) continue;
      const suggestion = await client.query<{ id: string }>(
        `INSERT INTO mail_suggestion (org_id, lead_id, message_ref, matched_by, from_address, from_name, subject,
                                      received_at, excerpt, proposed_summary, status, decided_at)
         VALUES ($1, $2, $3, 'address', $4, 'Petra Einkauf', $5, $6, 'Bitte liefern Sie ab März.',
                 'Kundin bestätigt', $7, CASE WHEN $7 = 'PENDING' THEN NULL ELSE now() END)
         RETURNING id::text`,
        [tenant.orgId, leadId, message.rows[0].id, `einkauf@${slug}.example`, `Betreff ${name}`, at, status],
      );
      seeded.suggestions[name] = suggestion.rows[0].id;
    }
    // name → [age in days, status]
    const events: Record<string, [number, string]> = {
      processedOld: [40, "PROCESSED"],
      processedNew: [5, "PROCESSED"],
      failedOld: [40, "FAILED"],
      failedVeryOld: [70, "FAILED"],
      receivedVeryOld: [70, "RECEIVED"],
    };
    for (const [name, [age, status]] of Object.entries(events)) {
      const event = await client.query<{ id: string }>(
        `INSERT INTO integration_webhook_event (org_id, connection_id, provider, event_id, event_type, received_at, payload, status)
         VALUES ($1, $2, 'GENERIC', $3, 'test', $4, '{}', $5) RETURNING id::text`,
        [tenant.orgId, webhookConnection, name, new Date(Date.now() - age * DAY), status],
      );
      seeded.events[name] = event.rows[0].id;
    }
  });
  const decided = await decideSuggestion(tenant.sales, seeded.suggestions.confirmedOld, "confirm");
  expect(decided.activityId).toBeTruthy();
  const old = new Date(Date.now() - 200 * DAY);
  await asSuperuser(async (client) => {
    await client.query(`UPDATE mail_message SET received_at = $2 WHERE id = $1`, [
      seeded.messages.confirmedOld,
      old,
    ]);
    await client.query(`UPDATE mail_suggestion SET received_at = $2 WHERE id = $1`, [
      seeded.suggestions.confirmedOld,
      old,
    ]);
  });
  return seeded;
}

async function rows(orgId: string) {
  return asSuperuser(async (client) => ({
    messages: (
      await client.query<{ id: string; message_id: string | null }>(
        `SELECT id::text, message_id FROM mail_message WHERE org_id = $1`,
        [orgId],
      )
    ).rows,
    suggestions: (
      await client.query<Record<string, unknown>>(
        `SELECT id::text, status, from_address, from_name, subject, excerpt, proposed_summary, pseudonymised_at,
                activity_id::text
         FROM mail_suggestion WHERE org_id = $1`,
        [orgId],
      )
    ).rows,
    events: (
      await client.query<{ id: string }>(`SELECT id::text FROM integration_webhook_event WHERE org_id = $1`, [
        orgId,
      ])
    ).rows.map((r) => r.id),
  }));
}

let sa: Seeded;

beforeAll(async () => {
  a = await createTenant("retention-a");
  b = await createTenant("retention-b");
  sa = await seed(a, "retention-a");
  await seed(b, "retention-b");
  // B keeps mail and webhook events for a year.
  await asSuperuser((client) =>
    client.query(
      `INSERT INTO setting_value (scope, org_id, key, value)
       VALUES ('org', $1, 'integrations.mail.retention', '"P365D"'),
              ('org', $1, 'integrations.webhooks.retention', '"P365D"')`,
      [b.orgId],
    ),
  );
});

describe("integrations-housekeeping: mail and webhook retention", () => {
  it("deletes old messages and decided suggestions, pseudonymises confirmed ones, keeps pending ones", async () => {
    const before = await rows(b.orgId);
    const counts = await purgeExpired();
    expect(counts).toMatchObject({
      failed: 0,
      mailMessages: 2,
      suggestionsPseudonymised: 1,
      webhookEvents: 2,
    });

    const after = await rows(a.orgId);
    const ids = (list: { id: string }[]) => list.map((r) => r.id).sort();
    expect(ids(after.messages)).toEqual(
      [sa.messages.confirmedOld, sa.messages.pendingOld, sa.messages.dismissedNew].sort(),
    );
    expect(ids(after.suggestions as { id: string }[])).toEqual(
      [sa.suggestions.confirmedOld, sa.suggestions.pendingOld, sa.suggestions.dismissedNew].sort(),
    );
    // The confirmed one stays for its activity, without sender, name, subject, excerpt or summary.
    const confirmed = after.suggestions.find((s) => s.id === sa.suggestions.confirmedOld);
    expect(confirmed).toMatchObject({
      status: "CONFIRMED",
      from_address: "",
      from_name: null,
      subject: "",
      excerpt: "",
      proposed_summary: null,
      pseudonymised_at: expect.any(Date),
      activity_id: expect.any(String),
    });
    expect(JSON.stringify(confirmed)).not.toMatch(/einkauf|Petra|Betreff|März|Kundin/);
    expect(after.messages.find((m) => m.id === sa.messages.confirmedOld)?.message_id).toBeNull();
    // The pending one is untouched.
    expect(after.suggestions.find((s) => s.id === sa.suggestions.pendingOld)).toMatchObject({
      status: "PENDING",
      from_address: "einkauf@retention-a.example",
      pseudonymised_at: null,
    });

    // Webhook events: processed after 30 days, failed after 60, received never.
    expect(after.events.sort()).toEqual(
      [sa.events.processedNew, sa.events.failedOld, sa.events.receivedVeryOld].sort(),
    );

    // B (a year's retention) keeps everything as it was.
    expect(await rows(b.orgId)).toEqual(before);

    // Idempotent: a second run finds nothing more.
    expect(await purgeExpired()).toMatchObject({
      mailMessages: 0,
      suggestionsPseudonymised: 0,
      webhookEvents: 0,
    });
  });
});
