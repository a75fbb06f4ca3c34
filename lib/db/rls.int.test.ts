import { beforeAll, describe, expect, it } from "vitest";

import { createToken } from "@/lib/auth/tokens";
import { db, withContext, withOrg, withoutOrg, type Tx, type MemberContext } from "@/lib/db";
import { setTestEnv } from "@/test/env";
import { postgresCode, rejectionOf } from "@/test/errors";
import { asSuperuser } from "@/test/pg";
import { createTenant } from "@/test/tenants";

// Row-level security as the database enforces it, through the app's own transaction helpers. The
// login role here is the superuser postgres, so every refusal below comes from the role switch and
// the policies, not from a lack of privileges on the login.

// One pooled connection, so the leak test below provably reuses the connection of the transaction
// before it.
setTestEnv({ DATABASE_POOL_MAX: "1" });

const TABLES = ["organization", "membership", "app_user", "api_token"] as const;

interface Tenant {
  orgId: string;
  adminId: string;
  salesId: string;
  tokenId: string;
  admin: MemberContext;
}

let a: Tenant;
let b: Tenant;

async function tenant(slug: string): Promise<Tenant> {
  const { orgId, admin, sales } = await createTenant(slug, "en");
  const { summary } = await createToken(admin, { name: `token ${slug}`, expiresInDays: 30 });
  return { orgId, adminId: admin.userId, salesId: sales.userId, tokenId: summary.id, admin };
}

/** Row counts per table, by raw SQL inside the given transaction. */
async function countRows(tx: Tx): Promise<Record<string, number>> {
  const [row] = await tx.$queryRaw<Record<string, number>[]>`
    SELECT (SELECT count(*)::int FROM organization) AS organization,
           (SELECT count(*)::int FROM membership)   AS membership,
           (SELECT count(*)::int FROM app_user)     AS app_user,
           (SELECT count(*)::int FROM api_token)    AS api_token`;
  return row;
}

async function superuserCounts(): Promise<Record<string, number>> {
  return asSuperuser(async (client) => {
    const counts: Record<string, number> = {};
    for (const table of TABLES) {
      counts[table] = (
        await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)
      ).rows[0].n;
    }
    return counts;
  });
}

beforeAll(async () => {
  a = await tenant("org-a");
  b = await tenant("org-b");
});

describe("the test setup", () => {
  it("logs in as a superuser, and the rows exist", async () => {
    const [login] = await withoutOrg(
      (tx) =>
        tx.$queryRaw<{ session_user: string; rolsuper: boolean }[]>`
        SELECT session_user::text, rolsuper FROM pg_roles WHERE rolname = session_user`,
    );
    expect(login).toEqual({ session_user: "postgres", rolsuper: true });
    expect(await superuserCounts()).toEqual({ organization: 2, membership: 4, app_user: 4, api_token: 2 });
  });
});

describe("without an organisation context", () => {
  it("sees no rows in any tenant table", async () => {
    await withoutOrg(async (tx) => {
      expect(await countRows(tx)).toEqual({ organization: 0, membership: 0, app_user: 0, api_token: 0 });
      expect(await tx.organization.findMany()).toEqual([]);
      expect(await tx.membership.findMany()).toEqual([]);
      expect(await tx.user.findMany()).toEqual([]);
      expect(await tx.apiToken.findMany()).toEqual([]);
      expect(await tx.organization.findUnique({ where: { id: a.orgId } })).toBeNull();
    });
  });

  it("sees nothing with roles but no organisation either", async () => {
    const counts = await withContext({ orgId: null, userId: null, roles: ["admin"] }, countRows);
    expect(counts).toEqual({ organization: 0, membership: 0, app_user: 0, api_token: 0 });
  });
});

describe("inside organisation A", () => {
  it("sees only A's organisation, memberships, users and tokens", async () => {
    await withOrg(a.admin, async (tx) => {
      expect((await tx.organization.findMany()).map((o) => o.id)).toEqual([a.orgId]);
      expect((await tx.membership.findMany()).map((m) => m.orgId)).toEqual([a.orgId, a.orgId]);
      expect((await tx.user.findMany({ orderBy: { email: "asc" } })).map((u) => u.id)).toEqual([
        a.adminId,
        a.salesId,
      ]);
      expect((await tx.apiToken.findMany()).map((t) => t.id)).toEqual([a.tokenId]);
      expect(await countRows(tx)).toEqual({ organization: 1, membership: 2, app_user: 2, api_token: 1 });
    });
  });

  it("cannot find B's rows even by their ids", async () => {
    await withOrg(a.admin, async (tx) => {
      expect(await tx.organization.findUnique({ where: { id: b.orgId } })).toBeNull();
      expect(await tx.membership.findMany({ where: { orgId: b.orgId } })).toEqual([]);
      expect(await tx.user.findUnique({ where: { id: b.adminId } })).toBeNull();
      expect(await tx.user.findUnique({ where: { email: "admin@org-b.example" } })).toBeNull();
      expect(await tx.apiToken.findUnique({ where: { id: b.tokenId } })).toBeNull();
      const raw = await tx.$queryRaw<
        { n: number }[]
      >`SELECT count(*)::int AS n FROM organization WHERE id = ${b.orgId}::uuid`;
      expect(raw[0].n).toBe(0);
    });
  });

  it("cannot insert a membership into B (42501)", async () => {
    const error = await rejectionOf(
      withOrg(a.admin, (tx) =>
        tx.membership.create({ data: { orgId: b.orgId, userId: a.salesId, role: "admin" } }),
      ),
    );
    expect(postgresCode(error)).toBe("42501");
    expect(String(error)).toMatch(/new row violates row-level security policy for table "membership"/);
  });

  it("cannot insert an API token into B (42501)", async () => {
    const error = await rejectionOf(
      withOrg(a.admin, (tx) =>
        tx.apiToken.create({
          data: {
            orgId: b.orgId,
            userId: b.adminId,
            name: "planted",
            tokenHash: "0".repeat(64),
            tokenPrefix: "fpa_xxxxxx",
          },
        }),
      ),
    );
    expect(postgresCode(error)).toBe("42501");
    expect(String(error)).toMatch(/row-level security policy for table "api_token"/);
  });

  it("cannot create another organisation than its own (42501)", async () => {
    const error = await rejectionOf(
      withOrg(a.admin, (tx) =>
        tx.organization.create({ data: { id: crypto.randomUUID(), name: "Shadow", slug: "shadow" } }),
      ),
    );
    expect(postgresCode(error)).toBe("42501");
  });

  it("updates and deletes none of B's rows", async () => {
    const before = await superuserCounts();
    const affected = await withOrg(a.admin, async (tx) => ({
      organization: (
        await tx.organization.updateMany({ where: { id: b.orgId }, data: { name: "taken over" } })
      ).count,
      membership: (await tx.membership.updateMany({ where: { orgId: b.orgId }, data: { role: "sales" } }))
        .count,
      user: (
        await tx.user.updateMany({ where: { id: { in: [b.adminId, b.salesId] } }, data: { active: false } })
      ).count,
      token: (await tx.apiToken.updateMany({ where: { orgId: b.orgId }, data: { revokedAt: new Date() } }))
        .count,
      membershipDelete: (await tx.membership.deleteMany({ where: { orgId: b.orgId } })).count,
      rawUpdate:
        await tx.$executeRaw`UPDATE organization SET name = 'taken over' WHERE id = ${b.orgId}::uuid`,
    }));
    expect(affected).toEqual({
      organization: 0,
      membership: 0,
      user: 0,
      token: 0,
      membershipDelete: 0,
      rawUpdate: 0,
    });

    expect(await superuserCounts()).toEqual(before);
    const untouched = await asSuperuser(async (client) => ({
      org: (await client.query("SELECT name FROM organization WHERE id = $1", [b.orgId])).rows[0].name,
      roles: (
        await client.query("SELECT role FROM membership WHERE org_id = $1 ORDER BY role", [b.orgId])
      ).rows.map((r) => r.role),
      active: (
        await client.query("SELECT bool_and(active) AS ok FROM app_user WHERE id = ANY($1::uuid[])", [
          [b.adminId, b.salesId],
        ])
      ).rows[0].ok,
      revoked: (await client.query("SELECT revoked_at FROM api_token WHERE id = $1", [b.tokenId])).rows[0]
        .revoked_at,
    }));
    expect(untouched).toEqual({ org: "Org org-b", roles: ["admin", "sales"], active: true, revoked: null });
  });
});

describe("the app role", () => {
  it("is what every transaction runs as", async () => {
    const [row] = await withOrg(
      a.admin,
      (tx) => tx.$queryRaw<{ current_user: string }[]>`SELECT current_user::text`,
    );
    expect(row.current_user).toBe("freshplan_app");
  });

  it("cannot switch row security off", async () => {
    const error = await rejectionOf(
      withOrg(a.admin, async (tx) => {
        await tx.$executeRaw`SET row_security = off`;
        return tx.$queryRaw`SELECT count(*) FROM organization`;
      }),
    );
    expect(postgresCode(error)).toBe("42501");
    expect(String(error)).toMatch(
      /query would be affected by row-level security policy for table "organization"/,
    );
  });

  it("is no superuser, cannot bypass RLS and owns no table", async () => {
    const facts = await asSuperuser(async (client) => {
      const role = await client.query(
        "SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = 'freshplan_app'",
      );
      const owned = await client.query(
        `SELECT c.relname FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner
         WHERE r.rolname = 'freshplan_app' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')`,
      );
      return { role: role.rows[0], owned: owned.rows.map((r) => r.relname) };
    });
    expect(facts).toEqual({ role: { rolsuper: false, rolbypassrls: false, rolcanlogin: false }, owned: [] });
  });

  it("meets ENABLE and FORCE ROW LEVEL SECURITY on every table but schema_migrations", async () => {
    const tables = await asSuperuser(
      async (client) =>
        (
          await client.query<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
            `SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> 'schema_migrations'
           ORDER BY 1`,
          )
        ).rows,
    );
    expect(tables.map((t) => t.relname)).toEqual(expect.arrayContaining([...TABLES, "rate_limit_bucket"]));
    expect(tables.filter((t) => !t.relrowsecurity || !t.relforcerowsecurity).map((t) => t.relname)).toEqual(
      [],
    );
  });
});

describe("the context", () => {
  it("does not outlive its transaction", async () => {
    const inside = await withOrg(
      a.admin,
      (tx) =>
        tx.$queryRaw<{ pid: number; org: string; roles: string }[]>`
        SELECT pg_backend_pid() AS pid, current_setting('app.org_id', true) AS org, current_setting('app.roles', true) AS roles`,
    );
    expect(inside[0]).toMatchObject({ org: a.orgId, roles: "admin" });

    // The same pooled connection (the pool has one), outside any transaction of ours.
    const [after] = await db().$queryRaw<
      { pid: number; org: string | null; user_id: string | null; role: string }[]
    >`
      SELECT pg_backend_pid() AS pid, current_setting('app.org_id', true) AS org,
             current_setting('app.user_id', true) AS user_id, current_user::text AS role`;
    expect(after.pid).toBe(inside[0].pid);
    expect(after.org ?? "").toBe("");
    expect(after.user_id ?? "").toBe("");
    expect(after.role).toBe("postgres");

    const [later] = await withoutOrg(
      (tx) =>
        tx.$queryRaw<{ pid: number; org: string | null }[]>`
        SELECT pg_backend_pid() AS pid, current_setting('app.org_id', true) AS org`,
    );
    expect(later.pid).toBe(inside[0].pid);
    expect(later.org ?? "").toBe("");
    expect(await withoutOrg(countRows)).toEqual({
      organization: 0,
      membership: 0,
      app_user: 0,
      api_token: 0,
    });
  });

  it("is rolled back with a failed transaction too", async () => {
    await rejectionOf(
      withOrg(a.admin, async () => {
        throw new Error("boom");
      }),
    );
    const [after] = await db().$queryRaw<{ org: string | null; role: string }[]>`
      SELECT current_setting('app.org_id', true) AS org, current_user::text AS role`;
    expect(after.org ?? "").toBe("");
    expect(after.role).toBe("postgres");
  });
});
