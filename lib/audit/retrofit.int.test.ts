import { beforeAll, describe, expect, it } from "vitest";

import {
  addMember,
  createOrganization,
  resetPassword,
  setOwnLocale,
  setUserActive,
} from "@/lib/auth/service";
import { createToken, hashToken, revokeOwnToken } from "@/lib/auth/tokens";
import { isAppError } from "@/lib/errors";
import { rejectionOf } from "@/test/errors";
import { asSuperuser } from "@/test/pg";

import { verifyAuditChains } from "./verify";

// The mutations that existed before the audit trail now write their events, in their own
// transaction, with the actor who did them and without secrets.

interface Event {
  id: string;
  actor_type: string;
  actor_id: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  before: unknown;
  after: unknown;
}

/** Every event of an organisation, oldest first, as stored. */
function events(orgId: string): Promise<Event[]> {
  return asSuperuser(async (client) => {
    const { rows } = await client.query<Event>(
      `SELECT id::text, actor_type, actor_id, action, resource_type, resource_id, before, after
       FROM audit_event WHERE org_id = $1 ORDER BY audit_event.id`,
      [orgId],
    );
    return rows;
  });
}

/** What happened since `count` events: action, actor and resource only. */
async function since(orgId: string, count: number) {
  return (await events(orgId)).slice(count);
}

let orgId: string;
let adminId: string;

beforeAll(async () => {
  orgId = (await createOrganization({ name: "Retrofit GmbH", slug: "retrofit" })).id;
  adminId = (
    await addMember({
      email: "admin@retrofit.example",
      name: "Ada Admin",
      orgSlug: "retrofit",
      role: "admin",
      locale: "de",
    })
  ).userId;
});

describe("organisations and members (operators: actor system)", () => {
  it("createOrganization → org.created, then addMember → user.created and member.added", async () => {
    const [created, userCreated, memberAdded] = await events(orgId);
    expect(created).toMatchObject({
      actor_type: "system",
      actor_id: null,
      action: "org.created",
      resource_type: "organization",
      resource_id: orgId,
      before: null,
      after: { name: "Retrofit GmbH", slug: "retrofit" },
    });
    expect(userCreated).toMatchObject({
      actor_type: "system",
      action: "user.created",
      resource_type: "user",
      resource_id: adminId,
      after: { email: "[personal]", locale: "de", active: true },
    });
    expect(memberAdded).toMatchObject({
      actor_type: "system",
      action: "member.added",
      resource_type: "membership",
      resource_id: adminId,
      after: { userId: adminId, role: "admin" },
    });
    expect(JSON.stringify([created, userCreated, memberAdded])).not.toMatch(/admin@retrofit\.example|argon2/);
  });

  it("adding an existing account to another organisation records only member.added, there", async () => {
    const other = (await createOrganization({ name: "Other", slug: "retrofit-other" })).id;
    await addMember({
      email: "admin@retrofit.example",
      name: "Ada",
      orgSlug: "retrofit-other",
      role: "auditor",
      locale: "de",
    });
    expect((await events(other)).map((e) => e.action)).toEqual(["org.created", "member.added"]);
  });

  it("a refused change leaves no event: adding a member twice", async () => {
    const count = (await events(orgId)).length;
    const error = await rejectionOf(
      addMember({
        email: "admin@retrofit.example",
        name: "Ada",
        orgSlug: "retrofit",
        role: "sales",
        locale: "de",
      }),
    );
    expect(isAppError(error) && error.kind).toBe("conflict");
    expect(await since(orgId, count)).toEqual([]);
  });

  it("resetPassword → user.password.reset, with no password or hash in it", async () => {
    const count = (await events(orgId)).length;
    const password = await resetPassword("retrofit", "admin@retrofit.example");
    const [event] = await since(orgId, count);
    expect(event).toMatchObject({
      actor_type: "system",
      action: "user.password.reset",
      resource_type: "user",
      resource_id: adminId,
      before: null,
      after: null,
    });
    expect(JSON.stringify(event)).not.toContain(password);
  });

  it("setUserActive → user.deactivated / user.activated with before and after; no change, no event", async () => {
    const { userId } = await addMember({
      email: "sales@retrofit.example",
      name: "Sam Sales",
      orgSlug: "retrofit",
      role: "sales",
      locale: "en",
    });
    const count = (await events(orgId)).length;
    await setUserActive("retrofit", "sales@retrofit.example", false);
    await setUserActive("retrofit", "sales@retrofit.example", false);
    await setUserActive("retrofit", "sales@retrofit.example", true);
    expect(await since(orgId, count)).toMatchObject([
      { action: "user.deactivated", resource_id: userId, before: { active: true }, after: { active: false } },
      { action: "user.activated", resource_id: userId, before: { active: false }, after: { active: true } },
    ]);
  });
});

describe("a user's own changes (actor user or token)", () => {
  const ctx = () => ({ orgId, userId: adminId, roles: ["admin"] });

  it("setOwnLocale → user.locale.changed by the user; the same language again records nothing", async () => {
    const count = (await events(orgId)).length;
    await setOwnLocale({ ...ctx(), requestId: "req-locale" }, "en");
    await setOwnLocale(ctx(), "en");
    const changes = await since(orgId, count);
    expect(changes).toMatchObject([
      {
        actor_type: "user",
        actor_id: adminId,
        action: "user.locale.changed",
        resource_id: adminId,
        before: { locale: "de" },
        after: { locale: "en" },
      },
    ]);
    const [{ request_id }] = await asSuperuser(
      async (c) => (await c.query("SELECT request_id FROM audit_event WHERE id = $1", [changes[0].id])).rows,
    );
    expect(request_id).toBe("req-locale");
  });

  it("createToken → token.created with name and expiry, never the token, its hash or prefix", async () => {
    const count = (await events(orgId)).length;
    const { token, summary } = await createToken(ctx(), { name: "ERP sync", expiresInDays: 30 });
    const [event] = await since(orgId, count);
    expect(event).toMatchObject({
      actor_type: "user",
      actor_id: adminId,
      action: "token.created",
      resource_type: "api_token",
      resource_id: summary.id,
      after: { name: "ERP sync", expiresAt: summary.expiresAt?.toISOString() },
    });
    expect(Object.keys(event.after as object).sort()).toEqual(["expiresAt", "name"]);
    const stored = await asSuperuser(
      async (c) =>
        (await c.query("SELECT row_to_json(e)::text AS row FROM audit_event e WHERE id = $1", [event.id]))
          .rows[0].row,
    );
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(token.slice(4));
    expect(stored).not.toContain(hashToken(token));
    expect(stored).not.toContain(summary.tokenPrefix);
  });

  it("revokeOwnToken → token.revoked, as the token itself when it revokes over the API", async () => {
    const { summary } = await createToken(ctx(), { name: "short-lived", expiresInDays: null });
    const count = (await events(orgId)).length;
    await revokeOwnToken({ ...ctx(), actor: { type: "token", id: summary.id } }, summary.id);
    const [event] = await since(orgId, count);
    expect(event).toMatchObject({
      actor_type: "token",
      actor_id: summary.id,
      action: "token.revoked",
      resource_type: "api_token",
      resource_id: summary.id,
      before: { name: "short-lived", revokedAt: null },
      after: { name: "short-lived" },
    });
    expect(typeof (event.after as { revokedAt: unknown }).revokedAt).toBe("string");

    // Revoking again, or someone else's token: not found, and nothing recorded.
    const again = await rejectionOf(revokeOwnToken(ctx(), summary.id));
    expect(isAppError(again) && again.kind).toBe("not_found");
    expect(await since(orgId, count + 1)).toEqual([]);
  });

  it("leaves every chain intact", async () => {
    expect((await verifyAuditChains()).broken).toEqual([]);
  });
});
