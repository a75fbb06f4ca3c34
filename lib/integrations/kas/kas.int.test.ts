import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { insertMailConnection } from "@/test/connections";
import { setTestEnv } from "@/test/env";
import { startFakeKas, type FakeKas } from "@/test/fakes/kas";
import { asSuperuser } from "@/test/pg";
import { createTenant, type TestTenant } from "@/test/tenants";

import { flushCallRecords, resetPolicies } from "../resilience";
import { resetKasGates } from "./client";
import { createMailAccount, listMailAccounts, updateMailAccount } from "./service";

// The KAS client against a fake that speaks SOAP over HTTP on 127.0.0.1 and enforces the flood
// delay: the app's calls keep to it, and KAS's faults arrive as the errors users see.

const KEY = randomBytes(32).toString("base64");
let kas: FakeKas;
let org: TestTenant;
let bare: TestTenant;

beforeAll(async () => {
  kas = await startFakeKas({ floodDelay: 0.3 });
  setTestEnv({ INTEGRATIONS_KEY: KEY, KAS_API_URL: kas.url });
  org = await createTenant("kas-a");
  bare = await createTenant("kas-b");
  await insertMailConnection(
    org.orgId,
    KEY,
    {
      host: "w0123456.kasserver.com",
      port: 465,
      security: "tls",
      user: "noreply@example.test",
      from: "FreshPlan <noreply@example.test>",
      kasLogin: kas.login,
    },
    { password: "smtp", kasPassword: kas.password },
  );
});
afterAll(async () => {
  await kas?.close();
});
beforeEach(() => {
  resetPolicies();
});

describe("KAS mail accounts", () => {
  it("lists, creates, changes and deactivates accounts, waiting the flood delay between calls", async () => {
    expect(await listMailAccounts(org.admin)).toMatchObject({
      configured: true,
      domain: "example.test",
      accounts: [],
    });
    const { login } = await createMailAccount(org.admin, {
      localPart: "partner.nord",
      password: "Sommer-2026!",
    });
    expect(login).toMatch(/^m\d{7}$/);
    expect(kas.accounts.get(login)).toMatchObject({
      mail_adresses: "partner.nord@example.test",
      is_active: "Y",
    });
    expect(await updateMailAccount(org.admin, { login, password: "Winter-2026!" })).toEqual({
      changed: true,
    });
    expect(kas.accounts.get(login)?.password).toBe("Winter-2026!");
    expect(await updateMailAccount(org.admin, { login, active: false })).toEqual({ changed: true });
    // Unchanged (KAS: nothing_to_do) is no error.
    expect(await updateMailAccount(org.admin, { login, active: false })).toEqual({ changed: false });
    const listed = await listMailAccounts(org.admin);
    expect(listed).toMatchObject({
      accounts: [{ login, addresses: ["partner.nord@example.test"], active: false }],
    });

    // Six calls, one session, no flood fault, each at least the named delay after the previous one.
    const ok = kas.calls.filter((c) => c.fault === null);
    expect(kas.calls.map((c) => c.fault)).not.toContain("flood_protection");
    expect(kas.authCount).toBe(1);
    for (let i = 1; i < ok.length; i++) expect(ok[i].at - ok[i - 1].at).toBeGreaterThanOrEqual(300);

    // The audit says what changed, never a password.
    await flushCallRecords();
    const audit = await asSuperuser(
      async (client) =>
        (
          await client.query<{ action: string; after: unknown }>(
            `SELECT action, after FROM audit_event WHERE org_id = $1 AND action LIKE 'integration.kas.%' ORDER BY id`,
            [org.orgId],
          )
        ).rows,
    );
    expect(audit.map((a) => a.action)).toEqual([
      "integration.kas.mailaccount.created",
      "integration.kas.mailaccount.updated",
      "integration.kas.mailaccount.updated",
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/Sommer|Winter|kas-test-password/);
  });

  it("maps KAS faults to problem codes: email_already_exists, mail_login_not_found, flood_protection", async () => {
    await expect(
      createMailAccount(org.admin, { localPart: "partner.nord", password: "Sommer-2026!" }),
    ).rejects.toMatchObject({
      kind: "conflict",
      text: { code: "integrations.kas.errors.email_already_exists" },
    });
    await expect(updateMailAccount(org.admin, { login: "m9999999", active: false })).rejects.toMatchObject({
      kind: "not_found",
      text: { code: "integrations.kas.errors.mail_login_not_found" },
    });
    // Another instance of the app (a fresh gate) calling within the delay: KAS answers flood_protection.
    // A long delay, so a slow machine cannot let it pass before the second call.
    kas.floodDelay = 30;
    await listMailAccounts(org.admin);
    resetKasGates();
    await expect(
      createMailAccount(org.admin, { localPart: "partner.sued", password: "Sommer-2026!" }),
    ).rejects.toMatchObject({
      kind: "rate_limited",
      text: { code: "integrations.kas.errors.flood_protection" },
    });
    expect(kas.calls.at(-1)?.fault).toBe("flood_protection");
  });

  it("is for admins only, and 'not configured' without a KAS login", async () => {
    await expect(listMailAccounts(org.sales)).rejects.toMatchObject({ kind: "forbidden" });
    expect(await listMailAccounts(bare.admin)).toEqual({ configured: false });
    await expect(
      createMailAccount(bare.admin, { localPart: "x", password: "Sommer-2026!" }),
    ).rejects.toMatchObject({ kind: "unavailable", text: { code: "integrations.kas.errors.notConfigured" } });
  });
});
