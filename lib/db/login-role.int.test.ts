import { beforeAll, describe, expect, it } from "vitest";

import { loadAccount } from "@/lib/auth/account";
import { verifyCredentials } from "@/lib/auth/login";
import { postgresStore } from "@/lib/http/rate-limit";
import { addMember, createOrganization } from "@/lib/auth/service";
import { authenticateToken, createToken } from "@/lib/auth/tokens";
import { db, withOrg } from "@/lib/db";
import { setTestEnv, testDatabaseUrl } from "@/test/env";
import { postgresCode, rejectionOf } from "@/test/errors";
import { WEB_LOGIN_PASSWORD, WEB_LOGIN_ROLE, urlForUser } from "@/test/pg";

// The production shape of the connection (README, "Production database roles"): the app logs in as
// a role that owns nothing, is no superuser, inherits nothing and can only become freshplan_app.
// lib/db/rls.int.test.ts logs in as the superuser postgres; there, code inside a transaction could
// RESET ROLE back to the superuser. Here it must not get anything that way.

setTestEnv({ DATABASE_URL: urlForUser(testDatabaseUrl(), WEB_LOGIN_ROLE, WEB_LOGIN_PASSWORD) });

/**
 * How PostgreSQL refuses the login role a read of organization: the planner evaluates the policy's
 * app_current_org_id(), which it may not execute, before the executor checks the table's privileges.
 */
const REFUSED = /permission denied for (function app_current_org_id|table organization)/;

let ctx: { orgId: string; userId: string; roles: string[] };
let password: string;

beforeAll(async () => {
  const org = await createOrganization({ name: "Web Role GmbH", slug: "web-role" });
  const admin = await addMember({
    email: "admin@web-role.example",
    name: "Admin",
    orgSlug: "web-role",
    role: "admin",
    locale: "de",
  });
  ctx = { orgId: org.id, userId: admin.userId, roles: ["admin"] };
  password = admin.password!;
});

describe("logged in as a production-like login role", () => {
  it("is that role, which is no superuser and cannot bypass RLS", async () => {
    const [row] = await withOrg(
      ctx,
      (tx) =>
        tx.$queryRaw<
          {
            session_user: string;
            current_user: string;
            rolsuper: boolean;
            rolbypassrls: boolean;
            rolinherit: boolean;
          }[]
        >`
        SELECT session_user::text, current_user::text, rolsuper, rolbypassrls, rolinherit
        FROM pg_roles WHERE rolname = session_user`,
    );
    expect(row).toEqual({
      session_user: WEB_LOGIN_ROLE,
      current_user: "freshplan_app",
      rolsuper: false,
      rolbypassrls: false,
      rolinherit: false,
    });
  });

  it("runs the services: organisations, members, sign-in, tokens, session look-up", async () => {
    expect(
      await verifyCredentials({ email: "admin@web-role.example", password }, "192.0.2.1", postgresStore),
    ).toBe(ctx.userId);
    const { token } = await createToken(ctx, { name: "ci", expiresInDays: 1 });
    expect(await authenticateToken(token)).toMatchObject({
      userId: ctx.userId,
      orgSlug: "web-role",
      role: "admin",
    });
    expect((await loadAccount(ctx.userId))?.memberships.map((m) => m.slug)).toEqual(["web-role"]);
  });

  it("reads nothing outside withOrg: the login role itself has no privileges", async () => {
    const error = await rejectionOf(db().$queryRaw`SELECT count(*) FROM organization`);
    expect(postgresCode(error)).toBe("42501");
    expect(String(error)).toMatch(REFUSED);
    const [login] = await db().$queryRaw<{ tables: string[] }[]>`
      SELECT coalesce(array_agg(c.relname::text ORDER BY c.relname), '{}') AS tables
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')
        AND has_table_privilege(session_user, c.oid, 'SELECT, INSERT, UPDATE, DELETE')`;
    expect(login.tables).toEqual([]);
  });

  it.each(["RESET ROLE", "SET LOCAL ROLE NONE"])(
    "gains nothing by %s inside a transaction",
    async (statement) => {
      const error = await rejectionOf(
        withOrg(ctx, async (tx) => {
          await tx.$executeRawUnsafe(statement); // a fixed statement, no input
          return tx.$queryRaw`SELECT count(*) FROM organization`;
        }),
      );
      expect(postgresCode(error)).toBe("42501");
      expect(String(error)).toMatch(REFUSED);
    },
  );

  it.each([
    "SET ROLE postgres",
    "SET SESSION AUTHORIZATION postgres",
    "SELECT set_config('role', 'postgres', true)",
  ])("cannot become a superuser by %s", async (statement) => {
    const error = await rejectionOf(withOrg(ctx, (tx) => tx.$executeRawUnsafe(statement)));
    expect(postgresCode(error)).toBe("42501");
    expect(String(error)).toMatch(/permission denied to set (role|session authorization)/);
  });
});
