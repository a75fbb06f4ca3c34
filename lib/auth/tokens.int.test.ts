import { createHash } from "node:crypto";

import { beforeAll, describe, expect, it } from "vitest";

import { AppError } from "@/lib/errors";
import { rejectionOf } from "@/test/errors";
import { asSuperuser } from "@/test/pg";

import { addMember, createOrganization, setUserActive } from "./service";
import { authenticateToken, createToken, listOwnTokens, revokeOwnToken, TOKEN_CACHE_MS } from "./tokens";

declare global {
  var freshplanTokenCache: Map<string, unknown> | undefined;
}

const ORG = "token-org";
const OTHER_ORG = "token-other";

type Ctx = { orgId: string; userId: string; roles: string[] };
let owner: Ctx;
let colleague: Ctx;
let admin: Ctx;
let stranger: Ctx;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

async function tokenRow(id: string) {
  return asSuperuser(
    async (client) => (await client.query("SELECT * FROM api_token WHERE id = $1", [id])).rows[0],
  );
}

async function notFound(promise: Promise<unknown>) {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).kind).toBe("not_found");
}

beforeAll(async () => {
  const org = await createOrganization({ name: "Token GmbH", slug: ORG });
  const other = await createOrganization({ name: "Other GmbH", slug: OTHER_ORG });
  const member = async (
    email: string,
    role: "admin" | "manager" | "sales",
    orgSlug = ORG,
    orgId = org.id,
  ) => {
    const { userId } = await addMember({ email, name: email.split("@")[0], orgSlug, role, locale: "en" });
    return { orgId, userId, roles: [role] };
  };
  owner = await member("owner@token.example", "manager");
  colleague = await member("colleague@token.example", "sales");
  admin = await member("admin@token.example", "admin");
  stranger = await member("stranger@other.example", "admin", OTHER_ORG, other.id);
});

describe("createToken", () => {
  it("returns the plain token once; the database keeps only its SHA-256", async () => {
    const before = Date.now();
    const { token, summary } = await createToken(owner, { name: "deploy", expiresInDays: 30 });

    expect(token).toMatch(/^fpa_[A-Za-z0-9_-]{43}$/);
    expect(summary).toEqual({
      id: expect.any(String),
      name: "deploy",
      tokenPrefix: token.slice(0, 10),
      createdAt: expect.any(Date),
      expiresAt: expect.any(Date),
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(summary.expiresAt!.getTime() - before).toBeGreaterThanOrEqual(30 * 86_400_000 - 1000);
    expect(summary.expiresAt!.getTime() - before).toBeLessThanOrEqual(30 * 86_400_000 + 60_000);

    const row = await tokenRow(summary.id);
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.token_hash).toBe(sha256(token));
    expect(row.token_prefix).toBe(token.slice(0, 10));
    const stored = await asSuperuser(async (client) => {
      const { rows } = await client.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM api_token t WHERE strpos(row_to_json(t)::text, $1) > 0",
        [token.slice(4)],
      );
      return rows[0].n;
    });
    expect(stored).toBe(0);

    // Listing shows the summary, never the token again.
    const listed = await listOwnTokens(owner);
    expect(listed.map((t) => t.id)).toContain(summary.id);
    expect(JSON.stringify(listed)).not.toContain(token.slice(4));
  });

  it("makes a token that never expires", async () => {
    const { token, summary } = await createToken(owner, { name: "forever", expiresInDays: null });
    expect(summary.expiresAt).toBeNull();
    expect(await authenticateToken(token)).not.toBeNull();
  });
});

describe("authenticateToken", () => {
  it("finds the principal and marks the token used", async () => {
    const { token, summary } = await createToken(owner, { name: "used", expiresInDays: 30 });
    expect((await tokenRow(summary.id)).last_used_at).toBeNull();

    expect(await authenticateToken(token)).toEqual({
      tokenId: summary.id,
      userId: owner.userId,
      orgId: owner.orgId,
      orgSlug: ORG,
      role: "manager",
    });
    const lastUsed = (await tokenRow(summary.id)).last_used_at as Date;
    expect(lastUsed).toBeInstanceOf(Date);
    expect(Math.abs(Date.now() - lastUsed.getTime())).toBeLessThan(60_000);
  });

  it("refuses a revoked token", async () => {
    const { token, summary } = await createToken(owner, { name: "revoked", expiresInDays: 30 });
    await revokeOwnToken(owner, summary.id);
    expect(await authenticateToken(token)).toBeNull();
    expect((await tokenRow(summary.id)).revoked_at).toBeInstanceOf(Date);
    await notFound(revokeOwnToken(owner, summary.id)); // already revoked
  });

  // These change the token behind the cache's back, as another instance would: they look again.
  const uncached = (token: string) => authenticateToken(token, { cacheMs: 0 });

  it("refuses an expired token", async () => {
    const { token, summary } = await createToken(owner, { name: "expired", expiresInDays: 1 });
    expect(await uncached(token)).not.toBeNull();
    await asSuperuser((client) =>
      client.query("UPDATE api_token SET expires_at = now() - interval '1 second' WHERE id = $1", [
        summary.id,
      ]),
    );
    expect(await uncached(token)).toBeNull();
  });

  it("refuses the token of a deactivated user, and accepts it again after reactivation", async () => {
    const { token } = await createToken(colleague, { name: "ci", expiresInDays: 30 });
    await setUserActive(ORG, "colleague@token.example", false);
    expect(await uncached(token)).toBeNull();
    await setUserActive(ORG, "colleague@token.example", true);
    expect(await uncached(token)).toMatchObject({ userId: colleague.userId, role: "sales" });
  });

  it("believes a live token for the cache's lifetime, then refuses it once revoked elsewhere", async () => {
    const { token, summary } = await createToken(owner, { name: "cached", expiresInDays: 30 });
    expect(await authenticateToken(token)).not.toBeNull();
    // Revoked through another instance: this one has not heard of it.
    await asSuperuser((client) =>
      client.query("UPDATE api_token SET revoked_at = now() WHERE id = $1", [summary.id]),
    );
    // Within the lifetime (a minute here, so a slow machine cannot outlast it) the verdict stands;
    // once a lifetime (300 ms here) has passed since the look, the token is refused.
    expect(await authenticateToken(token, { cacheMs: 60_000 })).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await authenticateToken(token, { cacheMs: 300 })).toBeNull();
  });

  it("believes it for five seconds by default, and refuses it at once when revoked on this instance", async () => {
    expect(TOKEN_CACHE_MS).toBe(5_000);
    const { token, summary } = await createToken(owner, { name: "revoked here", expiresInDays: 30 });
    expect(await authenticateToken(token)).not.toBeNull();
    await revokeOwnToken(owner, summary.id);
    expect(await authenticateToken(token)).toBeNull();
  });

  it("writes last_used_at at most once a minute per token", async () => {
    const { token, summary } = await createToken(owner, { name: "touched", expiresInDays: 30 });
    await uncached(token);
    const first = (await tokenRow(summary.id)).last_used_at as Date;
    expect(first).toBeInstanceOf(Date);
    await uncached(token);
    expect((await tokenRow(summary.id)).last_used_at).toEqual(first);

    // Another instance wrote it 30 s ago: the database refuses a second write within the minute.
    const setLastUsed = (interval: string) =>
      asSuperuser((client) =>
        client.query(`UPDATE api_token SET last_used_at = now() - interval '${interval}' WHERE id = $1`, [
          summary.id,
        ]),
      );
    await setLastUsed("30 seconds");
    const recent = (await tokenRow(summary.id)).last_used_at as Date;
    await asSuperuser((client) => client.query("SELECT app_token_touch($1)", [summary.id]));
    expect((await tokenRow(summary.id)).last_used_at).toEqual(recent);

    // Two minutes ago: the next look marks it used now.
    await setLastUsed("2 minutes");
    globalThis.freshplanTokenCache?.clear(); // as a fresh instance
    await uncached(token);
    const touched = (await tokenRow(summary.id)).last_used_at as Date;
    expect(Date.now() - touched.getTime()).toBeLessThan(10_000);
  });

  it.each([
    ["empty", ""],
    ["prefix only", "fpa_"],
    ["too short", `fpa_${"a".repeat(42)}`],
    ["too long", `fpa_${"a".repeat(44)}`],
    ["wrong prefix", `fpb_${"a".repeat(43)}`],
    ["not base64url", `fpa_${"a".repeat(42)}+`],
    ["surrounding space", ` fpa_${"a".repeat(43)}`],
    ["SQL", "fpa_' OR 1=1 --"],
  ])("refuses a malformed token (%s)", async (_label, token) => {
    expect(await authenticateToken(token)).toBeNull();
  });

  it("refuses a well-formed token nobody issued", async () => {
    expect(await authenticateToken(`fpa_${"A".repeat(43)}`)).toBeNull();
  });
});

describe("revokeOwnToken", () => {
  it("treats another user's token as not found, and leaves it working", async () => {
    const { token, summary } = await createToken(owner, { name: "mine", expiresInDays: 30 });
    await notFound(revokeOwnToken(colleague, summary.id));
    await notFound(revokeOwnToken(admin, summary.id)); // "own": even an admin revokes only their own here
    await notFound(revokeOwnToken(stranger, summary.id)); // another organisation
    await notFound(revokeOwnToken(owner, crypto.randomUUID()));
    expect(await authenticateToken(token)).not.toBeNull();
    expect((await tokenRow(summary.id)).revoked_at).toBeNull();
  });

  it("lists only the caller's own tokens", async () => {
    const { summary } = await createToken(admin, { name: "admin's", expiresInDays: 30 });
    expect((await listOwnTokens(owner)).map((t) => t.id)).not.toContain(summary.id);
    expect((await listOwnTokens(admin)).map((t) => t.id)).toEqual([summary.id]);
    expect(await listOwnTokens(stranger)).toEqual([]);
  });
});
