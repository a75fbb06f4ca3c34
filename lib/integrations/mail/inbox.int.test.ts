import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { insertMailConnection } from "@/test/connections";
import { setTestEnv } from "@/test/env";
import { FAKE_API_KEY, startFakeOpenAI, type FakeProvider } from "@/test/fakes/ai-providers";
import { startFakeImap, type FakeImap } from "@/test/fakes/imap";
import { asSuperuser } from "@/test/pg";
import { createTenant, type TestTenant } from "@/test/tenants";

import { CircuitBreaker, createOpenAiClient, withBreaker } from "@/lib/ai/providers";
import type { RouterOptions } from "@/lib/ai/router";
import { addMember } from "@/lib/auth/service";
import { withOrg } from "@/lib/db";
import { backdateRegisteredAt, createLead, getProtection } from "@/lib/leads/service";

import { resetPolicies } from "../resilience";
import { pollInboxes, pollOrgInbox } from "./inbox";
import { decideSuggestion, listInboxSuggestions, listLeadSuggestions } from "./suggestions";

// The inbox reader against a real IMAP server (Dovecot) on 127.0.0.1, through the org's all-inkl
// mail connection, as production reads: only the server is a fake. Mail from a lead's contact
// becomes a suggestion; confirming it logs a CUSTOMER_REACTION through the leads service, which
// moves the protection clock; mail from anyone else becomes nothing a partner could read.

const KEY = randomBytes(32).toString("base64");
setTestEnv({ INTEGRATIONS_KEY: KEY });

const system = {
  orgId: null,
  userId: null,
  roles: ["system"],
  actor: { type: "system" as const, id: "job:test" },
};
const noAi: RouterOptions = { clients: {} };
let imap: FakeImap;
let org: TestTenant;
let other: TestTenant;
let leadId: string;
let connectionId: string;

async function connect(tenant: TestTenant, mailbox = "INBOX") {
  return insertMailConnection(
    tenant.orgId,
    KEY,
    {
      host: "127.0.0.1",
      port: 2525,
      security: "none",
      user: imap.user,
      from: "FreshPlan <noreply@example.test>",
      imapHost: "127.0.0.1",
      imapPort: imap.port,
      imapSecurity: "none",
      mailbox,
    },
    { password: imap.password },
    `Mail ${mailbox}`,
  );
}

async function messages(tenant: TestTenant) {
  return asSuperuser(
    async (client) =>
      (
        await client.query<{ uid: string; message_id: string | null; suggestions: number }>(
          `SELECT uid::text, message_id, suggestions FROM mail_message WHERE org_id = $1 ORDER BY uid`,
          [tenant.orgId],
        )
      ).rows,
  );
}

beforeAll(async () => {
  imap = await startFakeImap();
  org = await createTenant("inbox-a");
  other = await createTenant("inbox-b");
  const created = await createLead(org.sales, {
    companyName: "Kantine Süd",
    city: "Kiel",
    contact: { email: "einkauf@kantine-sued.example" },
  });
  if (created.kind !== "created") throw new Error("lead not created");
  leadId = created.lead.id;
  // Registered an hour ago, so the mail (received now) lies after the assignment.
  await backdateRegisteredAt(org.admin, leadId, {
    registeredAt: new Date(Date.now() - 3_600_000),
    reason: "test",
  });
  connectionId = await connect(org);
});
afterAll(async () => {
  await imap?.close();
});

describe("mail-inbox-poll", () => {
  it("turns mail from a lead's contact into a suggestion, and mail from a stranger into nothing", async () => {
    resetPolicies();
    await imap.deliver({
      from: "Petra Einkauf <Einkauf@Kantine-Sued.example>",
      subject: "Ihr Angebot",
      text: "Guten Tag,\n\ndas Angebot passt, bitte liefern Sie ab März.\n\nGrüße",
    });
    await imap.deliver({ from: "Spam <offer@stranger.example>", subject: "Billig", text: "Kaufen!" });
    const counts = await pollOrgInbox({ ...system, orgId: org.orgId }, { router: noAi });
    expect(counts).toMatchObject({ read: 2, suggestions: 1, unknownSenders: 1, duplicates: 0, triaged: 0 });

    const [suggestion] = await listLeadSuggestions(org.sales, leadId);
    expect(suggestion).toMatchObject({
      fromAddress: "einkauf@kantine-sued.example",
      fromName: "Petra Einkauf",
      subject: "Ihr Angebot",
      matchedBy: "address",
      proposedKind: "CUSTOMER_REACTION",
      status: "PENDING",
      aiAction: null,
    });
    expect(suggestion.excerpt).toBe("Guten Tag, das Angebot passt, bitte liefern Sie ab März. Grüße");
    // The stranger's mail is one row without sender or subject, and no suggestion anywhere.
    expect((await messages(org)).map((m) => m.suggestions)).toEqual([1, 0]);
    expect(await listInboxSuggestions(org.admin)).toHaveLength(1);
    const { count } = await asSuperuser(async (client) => ({
      count: (
        await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM mail_suggestion WHERE from_address LIKE '%stranger%'`,
        )
      ).rows[0].n,
    }));
    expect(count).toBe(0);
  });

  it("reads each message once across polls, and a copy with the same Message-ID not at all", async () => {
    const again = await pollOrgInbox({ ...system, orgId: org.orgId }, { router: noAi });
    expect(again).toMatchObject({ read: 0, suggestions: 0 });
    // A second mailbox of another connection would be another org; the same org's copy is a dupe.
    const [first] = await messages(org);
    await imap.deliver({
      from: "einkauf@kantine-sued.example",
      subject: "Ihr Angebot (Kopie)",
      text: "noch einmal",
      messageId: first.message_id ?? undefined,
    });
    const third = await pollOrgInbox({ ...system, orgId: org.orgId }, { router: noAi });
    expect(third).toMatchObject({ read: 1, duplicates: 1, suggestions: 0 });
    expect(await listLeadSuggestions(org.admin, leadId)).toHaveLength(1);
    const [state] = await asSuperuser(
      async (client) =>
        (
          await client.query<{ last_uid: string }>(
            `SELECT last_uid::text FROM mail_inbox_state WHERE connection_id = $1`,
            [connectionId],
          )
        ).rows,
    );
    expect(state.last_uid).toBe("3");
  });

  it("is read only by who may read the lead: another partner of the organisation sees none (RLS)", async () => {
    const stranger = await addMember({
      email: "partner2@inbox-a.example",
      name: "Partner 2",
      orgSlug: "inbox-a",
      role: "sales",
      locale: "de",
    });
    const partner = { orgId: org.orgId, userId: stranger.userId, roles: ["sales"] };
    await expect(listLeadSuggestions(partner, leadId)).rejects.toMatchObject({ kind: "not_found" });
    const visible = await withOrg(partner, (tx) => tx.mailSuggestion.count());
    expect(visible).toBe(0);
    expect(await withOrg(org.sales, (tx) => tx.mailSuggestion.count())).toBe(1);
    const [suggestion] = await listLeadSuggestions(org.sales, leadId);
    await expect(decideSuggestion(partner, suggestion.id, "dismiss")).rejects.toMatchObject({
      kind: "not_found",
    });
  });

  it("confirmed, logs a CUSTOMER_REACTION that moves the protection clock; decided once", async () => {
    const before = await getProtection(org.sales, leadId);
    expect(before.lastQualActivityAt).toBeNull();
    const [suggestion] = await listLeadSuggestions(org.sales, leadId);
    // Another organisation's member cannot even find it.
    await expect(decideSuggestion(other.admin, suggestion.id, "confirm")).rejects.toMatchObject({
      kind: "not_found",
    });
    const decided = await decideSuggestion(org.sales, suggestion.id, "confirm");
    expect(decided.status).toBe("CONFIRMED");
    const after = await getProtection(org.sales, leadId);
    expect(after.lastQualActivityAt).toBe(suggestion.receivedAt);
    expect(new Date(after.progressUntil ?? 0).getTime()).toBeGreaterThan(
      new Date(before.progressUntil ?? 0).getTime(),
    );
    const activity = await withOrg(org.admin, (tx) =>
      tx.leadActivity.findUnique({ where: { id: decided.activityId ?? "" } }),
    );
    expect(activity).toMatchObject({ kind: "CUSTOMER_REACTION", createdBy: org.sales.userId });
    await expect(decideSuggestion(org.sales, suggestion.id, "dismiss")).rejects.toMatchObject({
      kind: "conflict",
    });
  });

  it("a new UIDVALIDITY reads the mailbox again from UID 1", async () => {
    await imap.recreate("Archiv");
    const archive = await connectArchive();
    await imap.deliver({ from: "a@kantine-sued.example", subject: "eins", text: "1" }, "Archiv");
    expect(await pollOrgInbox({ ...system, orgId: other.orgId }, { router: noAi })).toMatchObject({
      read: 1,
    });
    await imap.recreate("Archiv");
    await imap.deliver({ from: "a@kantine-sued.example", subject: "zwei", text: "2" }, "Archiv");
    expect(await pollOrgInbox({ ...system, orgId: other.orgId }, { router: noAi })).toMatchObject({
      read: 1,
    });
    const rows = await asSuperuser(
      async (client) =>
        (
          await client.query<{ uid: string; uid_validity: string }>(
            `SELECT uid::text, uid_validity::text FROM mail_message WHERE connection_id = $1 ORDER BY created_at`,
            [archive],
          )
        ).rows,
    );
    expect(rows.map((r) => r.uid)).toEqual(["1", "1"]);
    expect(rows[0].uid_validity).not.toBe(rows[1].uid_validity);
  });

  it("with AI configured, email.triage proposes the activity; the job walks every organisation", async () => {
    const fake: FakeProvider = await startFakeOpenAI({
      respond: () => ({
        output: {
          action: "activity",
          activityKind: "SCHEDULED_FOLLOWUP",
          summary: "Die Kantine möchte einen Termin nächste Woche.",
          confidence: 0.95,
        },
      }),
    });
    try {
      const client = createOpenAiClient({
        baseURL: fake.url,
        apiKey: FAKE_API_KEY,
        timeoutMs: 2_000,
        maxRetries: 0,
        models: { small: "gpt-4o-mini", large: "gpt-4o" },
      });
      await imap.deliver({
        from: "koch@kantine-sued.example",
        subject: "Termin",
        text: "Können wir uns Dienstag treffen?",
      });
      await imap.deliver({ from: "x@unknown.example", subject: "Hallo", text: "Kennwort-XQ7-unbekannt" });
      const counts = await pollInboxes(system, {
        router: { clients: { openai: withBreaker(client, new CircuitBreaker("openai")) }, order: ["openai"] },
      });
      expect(counts).toMatchObject({ suggestions: 1, unknownSenders: 1, triaged: 1, orgsFailed: 0 });
      // Only the contact's mail went to the provider.
      expect(fake.requests.map((r) => r.rawBody).join()).not.toContain("Kennwort-XQ7");
      const newest = (await listLeadSuggestions(org.admin, leadId)).find((s) => s.subject === "Termin");
      expect(newest).toMatchObject({
        matchedBy: "domain",
        proposedKind: "SCHEDULED_FOLLOWUP",
        proposedSummary: "Die Kantine möchte einen Termin nächste Woche.",
        aiAction: "activity",
      });
    } finally {
      await fake.close();
    }
  });
});

async function connectArchive(): Promise<string> {
  return connect(other, "Archiv");
}
