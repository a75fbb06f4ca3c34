import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { AppError } from "@/lib/errors";
import { deliverOutbox } from "@/lib/integrations/mail/deliver";
import { closeTransporters } from "@/lib/integrations/mail/transport";
import { setTestEnv } from "@/test/env";
import { startFakeSmtp, type FakeSmtp } from "@/test/fakes/smtp";
import { asSuperuser } from "@/test/pg";
import { createTenant, type TestTenant } from "@/test/tenants";

import { loadSessionAccount } from "./account";
import { verifyCredentials, type SignInLimits } from "./login";
import { changeMemberRole, inviteMember, listMembers, sendPasswordReset, setMemberActive } from "./members";
import { openPasswordToken, passwordLinkState, setPasswordWithLink } from "./password-links";
import { changeOwnPassword, updateOwnProfile } from "./profile";
import { startSession } from "./sessions";
import { authenticateToken, createToken } from "./tokens";

// Members as an organisation's admins manage them (issue 16), against the real database: the
// invitation's link from the outbox to a first sign-in, roles, deactivation (sign-in, sessions and
// tokens refused), the last-admin rule, single-use and expiring links, other organisations' members.

const ORG = "members-org";
let tenant: TestTenant;
let other: TestTenant;
let smtp: FakeSmtp;

const noLimits: SignInLimits = {
  hit: async () => ({ allowed: true, retryAfterSeconds: 0, hits: 1 }),
  reset: async () => {},
};
const signIn = async (email: string, password: string) => {
  const userId = await verifyCredentials({ email, password }, "192.0.2.1", noLimits);
  return startSession(userId, "test");
};

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** The set-password link of the member's latest outbox e-mail, as the sender would open it. */
async function linkFromOutbox(userId: string) {
  const row = await asSuperuser(
    async (c) =>
      (
        await c.query<{ template: string; channel: string; payload: Record<string, string> }>(
          `SELECT template, channel, payload FROM notification_outbox
           WHERE recipient_user_id = $1 ORDER BY created_at DESC LIMIT 1`,
          [userId],
        )
      ).rows[0],
  );
  return { ...row, token: openPasswordToken(row.payload.passwordTokenSealed) };
}

const auditActions = (orgId: string, resourceId: string) =>
  asSuperuser(async (c) =>
    (
      await c.query<{ action: string }>(
        "SELECT action FROM audit_event WHERE org_id = $1 AND resource_id = $2 ORDER BY id",
        [orgId, resourceId],
      )
    ).rows.map((r) => r.action),
  );

const stateOf = async (userId: string) =>
  (await listMembers(tenant.admin)).find((m) => m.userId === userId)?.state;

beforeAll(async () => {
  smtp = await startFakeSmtp();
  setTestEnv({
    SMTP_URL: smtp.url,
    MAIL_FROM: "FreshPlan <noreply@members.example>",
    APP_URL: "https://admin.example",
  });
  tenant = await createTenant(ORG);
  other = await createTenant("members-other");
});
afterAll(async () => {
  closeTransporters();
  await smtp.close();
});

describe("an invitation", () => {
  it("creates the account without a password, queues the link, and the link sets the password once", async () => {
    const { userId, linkSent } = await inviteMember(tenant.admin, {
      email: "Nina@Members.example",
      name: "Nina Neu",
      role: "manager",
    });
    expect(linkSent).toBe(true);
    expect(await stateOf(userId)).toBe("invited");

    const mail = await linkFromOutbox(userId);
    expect(mail).toMatchObject({ template: "member.invitation", channel: "EMAIL" });
    // The database holds the token only as its hash: the payload's seal is not the token.
    expect(JSON.stringify(mail.payload)).not.toContain(mail.token);
    expect(await passwordLinkState(mail.token)).toEqual({ state: "valid", purpose: "invitation" });

    await expect(signIn("nina@members.example", "a long enough passphrase")).rejects.toThrow();
    await setPasswordWithLink(mail.token, {
      password: "a long enough passphrase",
      confirm: "a long enough passphrase",
    });
    const sessionId = await signIn("nina@members.example", "a long enough passphrase");
    const account = await loadSessionAccount(userId, sessionId!);
    expect(account?.memberships).toEqual([expect.objectContaining({ slug: ORG, role: "manager" })]);

    const [nina] = (await listMembers(tenant.admin)).filter((m) => m.userId === userId);
    expect(nina).toMatchObject({ state: "active", email: "nina@members.example", role: "manager" });
    expect(nina.lastSignInAt).not.toBeNull();

    // Used up: a second use is refused, and the page says so.
    expect(await passwordLinkState(mail.token)).toEqual({ state: "used", purpose: "invitation" });
    const again = await rejection(
      setPasswordWithLink(mail.token, { password: "another passphrase!", confirm: "another passphrase!" }),
    );
    expect(again.kind).toBe("gone");
    expect(await auditActions(tenant.orgId, userId)).toEqual([
      "user.created",
      "member.invited",
      "user.password.set",
    ]);
  });

  it("refuses a short password and two that differ, and leaves the link open", async () => {
    const { userId } = await inviteMember(tenant.admin, {
      email: "olaf@members.example",
      name: "Olaf",
      role: "sales",
    });
    const { token } = await linkFromOutbox(userId);
    await expect(setPasswordWithLink(token, { password: "short", confirm: "short" })).rejects.toThrow();
    await expect(
      setPasswordWithLink(token, { password: "long enough password", confirm: "long enough passw0rd" }),
    ).rejects.toThrow();
    expect((await passwordLinkState(token)).state).toBe("valid");
  });

  it("of an existing account adds the membership and sends no link; a second invitation is a conflict", async () => {
    const { userId, linkSent } = await inviteMember(tenant.admin, {
      email: `sales@members-other.example`,
      name: "ignored",
      role: "sales",
    });
    expect(userId).toBe(other.sales.userId);
    expect(linkSent).toBe(false);
    const twice = await rejection(
      inviteMember(tenant.admin, { email: "sales@members-other.example", name: "x", role: "sales" }),
    );
    expect(twice.kind).toBe("conflict");
    expect(twice.fieldErrors[0]).toMatchObject({ path: "email", code: "members.errors.alreadyMember" });
  });

  it("expires: an expired link is refused and the page says so; an unknown one is invalid", async () => {
    const { userId } = await inviteMember(tenant.admin, {
      email: "paul@members.example",
      name: "Paul",
      role: "sales",
    });
    const { token, payload } = await linkFromOutbox(userId);
    await asSuperuser((c) =>
      c.query(
        `UPDATE password_token SET created_at = now() - interval '4 days', expires_at = now() - interval '1 day'
         WHERE id = $1`,
        [payload.tokenId],
      ),
    );
    expect((await passwordLinkState(token)).state).toBe("expired");
    const refused = await rejection(
      setPasswordWithLink(token, {
        password: "a long enough passphrase",
        confirm: "a long enough passphrase",
      }),
    );
    expect(refused.kind).toBe("gone");
    expect((await passwordLinkState("A".repeat(43))).state).toBe("invalid");
    expect((await passwordLinkState("../../etc/passwd")).state).toBe("invalid");
  });
});

describe("the invitation e-mail", () => {
  it("goes out through the outbox sender with the working link, in the member's language", async () => {
    const { userId } = await inviteMember(tenant.admin, {
      email: "vera@members.example",
      name: "Vera",
      role: "sales",
    });
    const { token } = await linkFromOutbox(userId);
    await deliverOutbox({ orgId: null, userId: null, roles: ["system"] });
    const mail = smtp.received.find((m) => m.to && JSON.stringify(m.to).includes("vera@members.example"));
    expect(mail?.subject).toBe("Ihr Zugang zu FreshPlan");
    expect(mail?.text).toContain(`https://admin.example/set-password/${token}`);
    expect(mail?.text).toContain("Vera");
  });
});

describe("roles and rights", () => {
  it("only admins list and manage members", async () => {
    const manager = { ...tenant.sales, roles: ["manager"] };
    expect((await rejection(listMembers(tenant.sales))).kind).toBe("forbidden");
    expect((await rejection(listMembers(manager))).kind).toBe("forbidden");
    expect(
      (await rejection(inviteMember(manager, { email: "x@members.example", name: "X", role: "admin" }))).kind,
    ).toBe("forbidden");
    expect(
      (await rejection(changeMemberRole(tenant.sales, { userId: tenant.sales.userId, role: "admin" }))).kind,
    ).toBe("forbidden");
  });

  it("changes a role, audited, and the member's next request has it", async () => {
    const { userId } = await inviteMember(tenant.admin, {
      email: "rita@members.example",
      name: "Rita",
      role: "sales",
    });
    const changed = await changeMemberRole(tenant.admin, { userId, role: "auditor" });
    expect(changed.role).toBe("auditor");
    expect(await auditActions(tenant.orgId, userId)).toContain("member.role.changed");
    expect((await listMembers(tenant.admin)).find((m) => m.userId === userId)?.role).toBe("auditor");
  });

  it("treats another organisation's member as not found", async () => {
    for (const attempt of [
      () => changeMemberRole(tenant.admin, { userId: other.admin.userId, role: "sales" }),
      () => setMemberActive(tenant.admin, { userId: other.admin.userId, active: false }),
      () => sendPasswordReset(tenant.admin, { userId: other.admin.userId }),
    ]) {
      expect((await rejection(attempt())).kind).toBe("not_found");
    }
    expect((await listMembers(other.admin)).find((m) => m.userId === other.admin.userId)?.role).toBe("admin");
  });
});

describe("the last active admin", () => {
  it("can be neither demoted nor deactivated; with a second active admin, they can", async () => {
    const org = await createTenant("members-admins");
    const self = org.admin;
    for (const attempt of [
      () => changeMemberRole(self, { userId: self.userId, role: "manager" }),
      () => setMemberActive(self, { userId: self.userId, active: false }),
    ]) {
      const error = await rejection(attempt());
      expect(error.kind).toBe("conflict");
      expect(error.text?.code).toBe("members.errors.lastAdmin");
    }
    // A second admin who is deactivated does not count.
    const { userId: second } = await inviteMember(self, {
      email: "second@admins.example",
      name: "Second",
      role: "admin",
    });
    await setMemberActive(self, { userId: second, active: false });
    expect((await rejection(changeMemberRole(self, { userId: self.userId, role: "manager" }))).kind).toBe(
      "conflict",
    );
    await setMemberActive(self, { userId: second, active: true });
    await changeMemberRole(self, { userId: self.userId, role: "manager" });
    const members = await listMembers({ ...self, userId: second, roles: ["admin"] });
    expect(members.find((m) => m.userId === self.userId)?.role).toBe("manager");
  });
});

describe("deactivation", () => {
  it("refuses sign-in to the organisation and its tokens, ends the sessions, and reactivation restores both", async () => {
    const { userId } = await inviteMember(tenant.admin, {
      email: "sven@members.example",
      name: "Sven",
      role: "sales",
    });
    const { token } = await linkFromOutbox(userId);
    await setPasswordWithLink(token, { password: "sven's long password", confirm: "sven's long password" });
    const sessionId = await signIn("sven@members.example", "sven's long password");
    const member = { orgId: tenant.orgId, userId, roles: ["sales"] };
    const pat = await createToken(member, { name: "erp", expiresInDays: 30 });
    expect(await authenticateToken(pat.token, { cacheMs: 0 })).not.toBeNull();

    const after = await setMemberActive(tenant.admin, { userId, active: false });
    expect(after.state).toBe("deactivated");
    expect(await loadSessionAccount(userId, sessionId!)).toBeNull();
    expect(await authenticateToken(pat.token, { cacheMs: 0 })).toBeNull();
    expect(await signIn("sven@members.example", "sven's long password")).toBeNull();
    expect((await rejection(sendPasswordReset(tenant.admin, { userId }))).kind).toBe("conflict");

    await setMemberActive(tenant.admin, { userId, active: true });
    expect(await authenticateToken(pat.token, { cacheMs: 0 })).not.toBeNull();
    const again = await signIn("sven@members.example", "sven's long password");
    expect(await loadSessionAccount(userId, again!)).not.toBeNull();
    expect(await auditActions(tenant.orgId, userId)).toEqual(
      expect.arrayContaining(["member.deactivated", "member.reactivated"]),
    );
  });

  it("in one organisation keeps the member's sessions for the other", async () => {
    // other.sales joined this organisation above (existing account).
    const sessionId = await startSession(other.sales.userId, "test");
    await setMemberActive(tenant.admin, { userId: other.sales.userId, active: false });
    const account = await loadSessionAccount(other.sales.userId, sessionId!);
    expect(account?.memberships.map((m) => m.slug)).toEqual(["members-other"]);
  });
});

describe("a password reset", () => {
  it("sends a fresh link; the earlier one stops working", async () => {
    const { userId } = await inviteMember(tenant.admin, {
      email: "tara@members.example",
      name: "Tara",
      role: "sales",
    });
    const first = await linkFromOutbox(userId);
    await sendPasswordReset(tenant.admin, { userId });
    const second = await linkFromOutbox(userId);
    expect(second.template).toBe("member.password_reset");
    expect((await passwordLinkState(first.token)).state).toBe("used");
    await setPasswordWithLink(second.token, {
      password: "tara's new password",
      confirm: "tara's new password",
    });
    expect(await signIn("tara@members.example", "tara's new password")).not.toBeNull();
  });
});

describe("my account", () => {
  it("changes my name and language, and my password only with the current one", async () => {
    const { userId } = await inviteMember(tenant.admin, {
      email: "uwe@members.example",
      name: "Uwe",
      role: "sales",
    });
    const { token } = await linkFromOutbox(userId);
    await setPasswordWithLink(token, { password: "uwe's first password", confirm: "uwe's first password" });
    const me = { orgId: tenant.orgId, userId, roles: ["sales"] };
    await updateOwnProfile(me, { name: "Uwe Umbach", locale: "en" });
    const sessionId = await signIn("uwe@members.example", "uwe's first password");
    expect(await loadSessionAccount(userId, sessionId!)).toMatchObject({ name: "Uwe Umbach", locale: "en" });

    const wrong = await rejection(
      changeOwnPassword(me, {
        current: "not it",
        password: "uwe's second password",
        confirm: "uwe's second password",
      }),
    );
    expect(wrong.fieldErrors[0]).toMatchObject({ path: "current", code: "members.account.wrongPassword" });
    await changeOwnPassword(me, {
      current: "uwe's first password",
      password: "uwe's second password",
      confirm: "uwe's second password",
    });
    // Every session ended with the new password.
    expect(await loadSessionAccount(userId, sessionId!)).toBeNull();
    expect(await signIn("uwe@members.example", "uwe's second password")).not.toBeNull();
  });
});
