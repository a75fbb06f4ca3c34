import { randomBytes, randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { setTestEnv } from "@/test/env";
import { startFakeImap, type FakeImap } from "@/test/fakes/imap";
import { startFakeKas, type FakeKas } from "@/test/fakes/kas";
import { startFakeSmtp, type FakeSmtp } from "@/test/fakes/smtp";
import { asSuperuser } from "@/test/pg";
import { createTenant, type TestTenant } from "@/test/tenants";

import { openSecrets } from "./crypto";
import { closeTransporters } from "./mail/transport";
import { flushCallRecords, resetPolicies } from "./resilience";
import {
  getIntegrationsOverview,
  retryOutboxRow,
  saveMailConnection,
  setConnectionEnabled,
  testConnection,
} from "./service";

// The Integrations area's service: admins only, secrets write-only (never in an answer, never in
// the audit trail), "Test connection" against a real SMTP server on 127.0.0.1, retry of a failed mail.

setTestEnv({ INTEGRATIONS_KEY: randomBytes(32).toString("base64") });

let smtp: FakeSmtp;
let imap: FakeImap;
let kas: FakeKas;
let a: TestTenant;
let b: TestTenant;
let c: TestTenant;

// One all-inkl account: the same login for SMTP and IMAP, as all-inkl's mail accounts have.
const MAILBOX_LOGIN = { user: "vertrieb@example.test", password: "mailbox-test-password" };

beforeAll(async () => {
  [smtp, imap, kas] = await Promise.all([
    startFakeSmtp(),
    startFakeImap(MAILBOX_LOGIN),
    startFakeKas({ floodDelay: 0.1 }),
  ]);
  setTestEnv({ KAS_API_URL: kas.url });
  a = await createTenant("int-svc-a");
  b = await createTenant("int-svc-b");
  c = await createTenant("int-svc-c");
});
afterAll(async () => {
  closeTransporters();
  await Promise.all([smtp?.close(), imap?.close(), kas?.close()]);
});

const input = (password?: string, id?: string) => ({
  id,
  name: "Vertrieb",
  host: "127.0.0.1",
  port: smtp.port,
  security: "none" as const,
  user: smtp.user,
  from: "FreshPlan <vertrieb@example.test>",
  password,
});

async function auditOf(orgId: string) {
  return asSuperuser(
    async (client) =>
      (
        await client.query<{ action: string; text: string }>(
          `SELECT action, row_to_json(e)::text AS text FROM audit_event e
           WHERE org_id = $1 AND resource_type = 'integration_connection' ORDER BY id`,
          [orgId],
        )
      ).rows,
  );
}

describe("mail connections", () => {
  let id: string;

  it("an admin creates one; the overview says the secret is set and never contains it", async () => {
    ({ id } = await saveMailConnection(a.admin, input(smtp.password)));
    const overview = await getIntegrationsOverview(a.admin);
    expect(overview.mailRoute).toBe("connection");
    expect(overview.connections).toHaveLength(1);
    expect(overview.connections[0]).toMatchObject({ id, secretSet: true, enabled: true, breaker: "closed" });
    expect(JSON.stringify(overview)).not.toContain(smtp.password);
    const stored = await asSuperuser(
      async (client) =>
        (
          await client.query<{ secrets: Buffer }>(
            "SELECT secrets FROM integration_connection WHERE id = $1",
            [id],
          )
        ).rows[0],
    );
    expect(stored.secrets.toString("latin1")).not.toContain(smtp.password);
  });

  it("audits changes as 'secret changed', never the secret; an empty password keeps the stored one", async () => {
    await saveMailConnection(a.admin, { ...input(undefined, id), name: "Vertrieb Nord" });
    await saveMailConnection(a.admin, input("another-password-xyz", id));
    await saveMailConnection(a.admin, input(smtp.password, id));
    const events = await auditOf(a.orgId);
    expect(events.map((e) => e.action)).toEqual([
      "integration.connection.created",
      "integration.connection.updated",
      "integration.connection.updated",
      "integration.connection.updated",
    ]);
    expect(events.map((e) => /"secretChanged": ?(true|false)/.exec(e.text)?.[1])).toEqual([
      "true",
      "false",
      "true",
      "true",
    ]);
    for (const e of events) {
      expect(e.text).not.toContain(smtp.password);
      expect(e.text).not.toContain("another-password-xyz");
    }
  });

  it("'Test connection' logs in to the server and says so; a wrong password says what the server answered", async () => {
    // SMTP only: no IMAP host, no KAS login, so one part.
    const ok = await testConnection(a.admin, id);
    expect(ok.ok).toBe(true);
    expect(ok.parts).toEqual([
      expect.objectContaining({ part: "smtp", ok: true, target: `127.0.0.1:${smtp.port}`, message: "" }),
    ]);

    await saveMailConnection(a.admin, input("wrong-password", id));
    const refused = await testConnection(a.admin, id);
    expect(refused.ok).toBe(false);
    expect(refused.parts[0].message).toMatch(/535/);
    expect(JSON.stringify(refused)).not.toContain("wrong-password");
    await saveMailConnection(a.admin, input(smtp.password, id));

    await flushCallRecords();
    const overview = await getIntegrationsOverview(a.admin);
    // The status shows the last call (the refused login, redacted) and when it last worked.
    expect(overview.connections[0].lastCall).toMatchObject({
      outcome: "error",
      error: expect.stringMatching(/535/),
    });
    expect(overview.connections[0].lastSuccessAt).not.toBeNull();
    expect(JSON.stringify(overview)).not.toContain("wrong-password");
  });

  it("is for admins only, and another organisation's connection is not found", async () => {
    await expect(getIntegrationsOverview(a.sales)).rejects.toMatchObject({ kind: "forbidden" });
    await expect(saveMailConnection(a.sales, input(smtp.password))).rejects.toMatchObject({
      kind: "forbidden",
    });
    await expect(testConnection(b.admin, id)).rejects.toMatchObject({ kind: "not_found" });
    await expect(setConnectionEnabled(b.admin, id, false)).rejects.toMatchObject({ kind: "not_found" });
    await expect(saveMailConnection(b.admin, { ...input(undefined, id) })).rejects.toMatchObject({
      kind: "not_found",
    });
    // And the database agrees: B's admin sees none of A's connections.
    expect((await getIntegrationsOverview(b.admin)).connections).toEqual([]);
  });

  it("refuses a second enabled mail connection, a password-less new one and plain SMTP to a remote host", async () => {
    await expect(
      saveMailConnection(a.admin, { ...input(smtp.password), name: "Zweite" }),
    ).rejects.toMatchObject({
      kind: "conflict",
    });
    await expect(saveMailConnection(a.admin, { ...input(), name: "Ohne" })).rejects.toMatchObject({
      fieldErrors: [expect.objectContaining({ path: "password" })],
    });
    await expect(
      saveMailConnection(a.admin, { ...input(smtp.password), name: "Fern", host: "smtp.example.com" }),
    ).rejects.toMatchObject({ fieldErrors: [expect.objectContaining({ path: "security" })] });
  });

  it("disables and enables with an audit event each", async () => {
    await setConnectionEnabled(a.admin, id, false);
    expect((await getIntegrationsOverview(a.admin)).mailRoute).toBe("none");
    await setConnectionEnabled(a.admin, id, true);
    const actions = (await auditOf(a.orgId)).map((e) => e.action);
    expect(actions.slice(-2)).toEqual(["integration.connection.disabled", "integration.connection.enabled"]);
  });
});

describe("the outbox", () => {
  it("an admin puts a failed e-mail back in the queue, audited; a sales partner cannot", async () => {
    const rowId = await asSuperuser(
      async (client) =>
        (
          await client.query<{ id: string }>(
            `INSERT INTO notification_outbox (org_id, recipient_user_id, channel, template, dedupe_key, state, attempts, last_error)
             VALUES ($1, $2, 'EMAIL', 'lead.expired', $3, 'FAILED', 3, '550 no such user') RETURNING id`,
            [a.orgId, a.sales.userId, `test:${randomUUID()}`],
          )
        ).rows[0].id,
    );
    const failed = (await getIntegrationsOverview(a.admin)).outbox.find((r) => r.id === rowId);
    expect(failed).toMatchObject({ state: "FAILED", lastError: "550 no such user" });
    await expect(retryOutboxRow(a.sales, rowId)).rejects.toMatchObject({ kind: "forbidden" });
    await expect(retryOutboxRow(b.admin, rowId)).rejects.toMatchObject({ kind: "not_found" });
    await retryOutboxRow(a.admin, rowId);
    const queued = (await getIntegrationsOverview(a.admin)).outbox.find((r) => r.id === rowId);
    expect(queued).toMatchObject({ state: "QUEUED", attempts: 0 });
    // Only a failed row can be retried.
    await expect(retryOutboxRow(a.admin, rowId)).rejects.toMatchObject({ kind: "not_found" });
    const audited = await asSuperuser(
      async (client) =>
        (
          await client.query(
            `SELECT 1 FROM audit_event WHERE org_id = $1 AND action = 'notification.outbox.retried'`,
            [a.orgId],
          )
        ).rowCount,
    );
    expect(audited).toBe(1);
  });
});

describe("the inbox and KAS side of a mail connection", () => {
  it("keeps IMAP and KAS settings, and a changed KAS password keeps the SMTP password", async () => {
    const extra = { imapHost: "127.0.0.1", imapPort: 143, imapSecurity: "none" as const, mailbox: "INBOX" };
    const { id } = await saveMailConnection(b.admin, {
      ...input("smtp-secret"),
      ...extra,
      kasLogin: "w0123456",
      kasPassword: "kas-secret-1",
    });
    await saveMailConnection(b.admin, {
      ...input("", id),
      ...extra,
      kasLogin: "w0123456",
      kasPassword: "kas-secret-2",
    });
    const row = await asSuperuser(
      async (client) =>
        (
          await client.query<{ settings: Record<string, unknown>; secrets: Buffer; key_id: string }>(
            `SELECT settings, secrets, key_id FROM integration_connection WHERE id = $1`,
            [id],
          )
        ).rows[0],
    );
    expect(row.settings).toMatchObject({ ...extra, kasLogin: "w0123456" });
    expect(openSecrets(id, { secrets: row.secrets, keyId: row.key_id })).toEqual({
      password: "smtp-secret",
      kasPassword: "kas-secret-2",
    });
    expect(JSON.stringify(await auditOf(b.orgId))).not.toMatch(/kas-secret|smtp-secret/);
    // Unencrypted IMAP only to this machine, as for SMTP.
    await expect(
      saveMailConnection(b.admin, { ...input("", id), imapHost: "imap.example.com", imapSecurity: "none" }),
    ).rejects.toMatchObject({
      kind: "unprocessable",
      fieldErrors: [
        expect.objectContaining({ path: "imapSecurity", code: "integrations.fieldErrors.plainOnlyLocal" }),
      ],
    });
  });
});

describe("'Test connection' tries every configured part", () => {
  let id: string;
  let smtp2: FakeSmtp;
  const full = (password: string, kasPassword: string, id?: string) => ({
    id,
    name: "Komplett",
    host: "127.0.0.1",
    port: smtp2.port,
    security: "none" as const,
    user: MAILBOX_LOGIN.user,
    from: "FreshPlan <vertrieb@example.test>",
    password,
    imapHost: "127.0.0.1",
    imapPort: imap.port,
    imapSecurity: "none" as const,
    mailbox: "INBOX",
    kasLogin: kas.login,
    kasPassword,
  });

  beforeAll(async () => {
    smtp2 = await startFakeSmtp(MAILBOX_LOGIN);
    await imap.deliver({ from: "a@example.test", subject: "Eins", text: "1" });
    await imap.deliver({ from: "b@example.test", subject: "Zwei", text: "2" });
  });
  afterAll(async () => {
    await smtp2?.close();
  });

  it("SMTP, IMAP (the mailbox and its message count) and KAS (a session token) each answer", async () => {
    resetPolicies();
    ({ id } = await saveMailConnection(c.admin, full(MAILBOX_LOGIN.password, kas.password)));
    const auths = kas.authCount;
    const result = await testConnection(c.admin, id);
    expect(result.ok).toBe(true);
    expect(result.parts).toEqual([
      expect.objectContaining({
        part: "smtp",
        ok: true,
        target: `127.0.0.1:${smtp2.port}`,
        detail: { user: MAILBOX_LOGIN.user },
      }),
      expect.objectContaining({
        part: "imap",
        ok: true,
        target: `127.0.0.1:${imap.port}`,
        detail: { user: MAILBOX_LOGIN.user, mailbox: "INBOX", messages: 2 },
      }),
      expect.objectContaining({ part: "kas", ok: true, target: `${kas.login}@${new URL(kas.url).host}` }),
    ]);
    expect(kas.authCount).toBe(auths + 1);
    // Through the framework: one call row per part.
    await flushCallRecords();
    const operations = await asSuperuser(
      async (client) =>
        (
          await client.query<{ operation: string; outcome: string }>(
            `SELECT operation, outcome FROM integration_call WHERE connection_id = $1 ORDER BY operation`,
            [id],
          )
        ).rows,
    );
    expect(operations).toEqual([
      { operation: "imap.verify", outcome: "ok" },
      { operation: "kas.auth", outcome: "ok" },
      { operation: "smtp.verify", outcome: "ok" },
    ]);
  });

  it("a wrong mailbox password fails SMTP and IMAP with the servers' answers; KAS still answers", async () => {
    await saveMailConnection(c.admin, full("wrong-mailbox-password", "", id));
    const result = await testConnection(c.admin, id);
    expect(result.ok).toBe(false);
    const [smtpPart, imapPart, kasPart] = result.parts;
    expect(smtpPart).toMatchObject({ part: "smtp", ok: false, message: expect.stringMatching(/535/) });
    expect(imapPart).toMatchObject({
      part: "imap",
      ok: false,
      detail: {},
      message: expect.stringMatching(/IMAP login refused: Authentication failed/),
    });
    expect(kasPart).toMatchObject({ part: "kas", ok: true });
    expect(JSON.stringify(result)).not.toMatch(/wrong-mailbox-password|kas-test-password/);
  });

  it("a wrong KAS password fails KAS with its fault; SMTP and IMAP answer", async () => {
    await saveMailConnection(c.admin, full(MAILBOX_LOGIN.password, "wrong-kas-password", id));
    const result = await testConnection(c.admin, id);
    expect(result.parts.map((p) => [p.part, p.ok])).toEqual([
      ["smtp", true],
      ["imap", true],
      ["kas", false],
    ]);
    expect(result.parts[2].message).toMatch(/kas_password_incorrect/);
    expect(JSON.stringify(result)).not.toContain("wrong-kas-password");
  });
});
