import { beforeAll, describe, expect, it } from "vitest";

import { withContext } from "@/lib/db";
import { runCli } from "@/test/cli";
import { asSuperuser } from "@/test/pg";
import { createTenant, type TestTenant } from "@/test/tenants";

import { loadSessionAccount } from "./account";
import { resetPassword, setUserActive } from "./service";
import {
  endAllSessions,
  endSession,
  listOwnSessions,
  SESSION_MAX_AGE_SECONDS,
  startSession,
} from "./sessions";

const ORG = "sessions-org";
let tenant: TestTenant;
let other: TestTenant;

const salesEmail = `sales@${ORG}.example`;

/** Signs the user in `n` times, as from `n` browsers. */
const signIns = (userId: string, n: number) =>
  Promise.all(Array.from({ length: n }, (_, i) => startSession(userId, `browser ${i}`)));

async function live(userId: string, sessionId: string | null): Promise<boolean> {
  return sessionId !== null && (await loadSessionAccount(userId, sessionId)) !== null;
}

const sessionRow = (id: string) =>
  asSuperuser(
    async (c) =>
      (
        await c.query<{ last_seen_at: Date; revoked_reason: string | null; user_agent: string | null }>(
          "SELECT last_seen_at, revoked_reason, user_agent FROM user_session WHERE id = $1",
          [id],
        )
      ).rows[0],
  );

beforeAll(async () => {
  tenant = await createTenant(ORG);
  other = await createTenant("sessions-other");
});

describe("a session", () => {
  it("loads the account while live, and not once signed out; the user's other sessions stay", async () => {
    const { userId } = tenant.sales;
    const [mine, elsewhere] = await signIns(userId, 2);
    const account = await loadSessionAccount(userId, mine!);
    expect(account).toMatchObject({ id: userId, email: salesEmail });
    expect(account?.memberships.map((m) => m.slug)).toEqual([ORG]);

    await endSession(userId, mine!);
    expect(await live(userId, mine)).toBe(false);
    expect(await live(userId, elsewhere)).toBe(true);
    expect((await sessionRow(mine!)).revoked_reason).toBe("sign_out");
  });

  it("is refused with another user's id, and another user cannot end it", async () => {
    const [session] = await signIns(tenant.sales.userId, 1);
    expect(await live(other.sales.userId, session)).toBe(false);

    await endSession(other.sales.userId, session!);
    expect(await live(tenant.sales.userId, session)).toBe(true);
  });

  it("is refused once expired", async () => {
    const [session] = await signIns(tenant.sales.userId, 1);
    await asSuperuser((c) =>
      c.query(
        "UPDATE user_session SET created_at = created_at - interval '9 hours', expires_at = now() - interval '1 second' WHERE id = $1",
        [session],
      ),
    );
    expect(await live(tenant.sales.userId, session)).toBe(false);
  });

  it(`lasts ${SESSION_MAX_AGE_SECONDS / 3600} hours from sign-in and keeps the user agent, shortened`, async () => {
    const session = await startSession(tenant.sales.userId, `Mozilla/5.0 ${"x".repeat(600)}`);
    const { lifetime, user_agent } = await asSuperuser(
      async (c) =>
        (
          await c.query<{ lifetime: number; user_agent: string }>(
            "SELECT extract(epoch FROM expires_at - created_at)::int AS lifetime, user_agent FROM user_session WHERE id = $1",
            [session],
          )
        ).rows[0],
    );
    expect(lifetime).toBe(SESSION_MAX_AGE_SECONDS);
    expect(user_agent).toHaveLength(500);
    expect(user_agent.startsWith("Mozilla/5.0 ")).toBe(true);
  });

  it("moves last seen forward at most once a minute", async () => {
    const [session] = await signIns(tenant.sales.userId, 1);
    const longAgo = new Date(Date.now() - 5 * 60_000);
    await asSuperuser((c) =>
      c.query("UPDATE user_session SET last_seen_at = $2 WHERE id = $1", [session, longAgo]),
    );

    await loadSessionAccount(tenant.sales.userId, session!);
    const seen = (await sessionRow(session!)).last_seen_at;
    expect(seen.getTime()).toBeGreaterThan(longAgo.getTime());

    await loadSessionAccount(tenant.sales.userId, session!);
    expect((await sessionRow(session!)).last_seen_at).toEqual(seen);
  });

  it("is not started for a deactivated account", async () => {
    const created = await createTenant("sessions-inactive");
    await setUserActive("sessions-inactive", "sales@sessions-inactive.example", false);
    expect(await startSession(created.sales.userId, null)).toBeNull();
  });

  it("is forgotten 30 days after it ended, at the user's next sign-in", async () => {
    const { userId } = (await createTenant("sessions-purge")).admin;
    const [old, recent] = await signIns(userId, 2);
    await endSession(userId, old!);
    await endSession(userId, recent!);
    await asSuperuser((c) =>
      c.query("UPDATE user_session SET revoked_at = now() - interval '31 days' WHERE id = $1", [old]),
    );
    await startSession(userId, null);
    expect(await sessionRow(old!)).toBeUndefined();
    expect((await sessionRow(recent!)).revoked_reason).toBe("sign_out");
  });
});

describe("ending every session of a user", () => {
  it("signing out everywhere ends all of them, no one else's, and is audited", async () => {
    const { userId } = tenant.admin;
    const sessions = await signIns(userId, 3);
    const [bystander] = await signIns(other.admin.userId, 1);

    expect(await endAllSessions({ ...tenant.admin, requestId: "req-everywhere" })).toBe(3);
    for (const session of sessions) expect(await live(userId, session)).toBe(false);
    expect((await sessionRow(sessions[0]!)).revoked_reason).toBe("sign_out_everywhere");
    expect(await live(other.admin.userId, bystander)).toBe(true);

    const events = await asSuperuser(
      async (c) =>
        (
          await c.query(
            "SELECT org_id, actor_id, resource_id, after FROM audit_event WHERE action = 'user.sessions.ended' AND request_id = 'req-everywhere'",
          )
        ).rows,
    );
    expect(events).toEqual([
      {
        org_id: tenant.orgId,
        actor_id: userId,
        resource_id: userId,
        after: { reason: "sign_out_everywhere", sessions: 3 },
      },
    ]);

    const fresh = await startSession(userId, "after");
    expect(await live(userId, fresh)).toBe(true);
  });

  it("a password reset through the CLI ends all of them; a sign-in afterwards works", async () => {
    const { userId } = tenant.sales;
    const sessions = await signIns(userId, 2);
    const reset = await runCli("users:reset-password", "--email", salesEmail, "--org", ORG);
    expect(reset.code).toBe(0);
    for (const session of sessions) expect(await live(userId, session)).toBe(false);
    expect((await sessionRow(sessions[0]!)).revoked_reason).toBe("password_changed");

    expect(await live(userId, await startSession(userId, null))).toBe(true);
  });

  it("a password set by any other path ends them too", async () => {
    const { userId } = other.sales;
    const [session] = await signIns(userId, 1);
    await resetPassword("sessions-other", "sales@sessions-other.example", "a-new-password-of-enough-length");
    expect(await live(userId, session)).toBe(false);

    const [next] = await signIns(userId, 1);
    await asSuperuser((c) =>
      c.query("UPDATE app_user SET password_hash = 'changed elsewhere' WHERE id = $1", [userId]),
    );
    expect(await live(userId, next)).toBe(false);
  });

  it("other changes to the user leave them alone", async () => {
    const { userId } = other.admin;
    const [session] = await signIns(userId, 1);
    await asSuperuser((c) =>
      c.query("UPDATE app_user SET locale = 'en', active = true WHERE id = $1", [userId]),
    );
    expect(await live(userId, session)).toBe(true);
  });

  it("deactivation ends all of them, and reactivation does not bring them back", async () => {
    const created = await createTenant("sessions-leaver");
    const email = "sales@sessions-leaver.example";
    const { userId } = created.sales;
    const sessions = await signIns(userId, 2);

    await setUserActive("sessions-leaver", email, false);
    await setUserActive("sessions-leaver", email, true);
    for (const session of sessions) expect(await live(userId, session)).toBe(false);
    expect((await sessionRow(sessions[0]!)).revoked_reason).toBe("deactivated");
    expect(await live(userId, await startSession(userId, null))).toBe(true);
  });
});

describe("a user's own sessions", () => {
  it("are listed live only, newest seen first, and nobody else sees them", async () => {
    const created = await createTenant("sessions-list");
    const { userId } = created.admin;
    const [first, second, ended] = await signIns(userId, 3);
    await endSession(userId, ended!);
    await asSuperuser((c) =>
      c.query("UPDATE user_session SET last_seen_at = now() - interval '1 hour' WHERE id = $1", [first]),
    );

    const listed = await listOwnSessions(created.admin, first!);
    expect(listed.map((s) => [s.id, s.current])).toEqual([
      [second, false],
      [first, true],
    ]);
    expect(listed[0]).toMatchObject({ userAgent: "browser 1" });

    // Another user, even an admin of the same organisation, sees and ends none of them (RLS).
    const peer = { ...created.sales, roles: ["admin"] };
    expect(await listOwnSessions(peer)).toEqual([]);
    const touched = await withContext(peer, (tx) =>
      tx.userSession.updateMany({
        where: { userId },
        data: { revokedAt: new Date(), revokedReason: "sign_out" },
      }),
    );
    expect(touched.count).toBe(0);
    expect(await live(userId, second)).toBe(true);
  });
});
