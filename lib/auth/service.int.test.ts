import { describe, expect, it } from "vitest";
import { ZodError } from "zod";

import { AppError } from "@/lib/errors";
import { rejectionOf } from "@/test/errors";
import { asSuperuser } from "@/test/pg";

import { loadAccount } from "./account";
import { verifyCredentials } from "./login";
import { postgresStore } from "@/lib/http/rate-limit";
import {
  addMember,
  createOrganization,
  findOrgIdBySlug,
  findUserIdByEmail,
  resetPassword,
  setUserActive,
} from "./service";

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("createOrganization", () => {
  it("creates an organisation that the slug look-up finds", async () => {
    const org = await createOrganization({ name: "  Alpha Frischdienst ", slug: "alpha" });
    expect(org).toMatchObject({ name: "Alpha Frischdienst", slug: "alpha" });
    expect(await findOrgIdBySlug("alpha")).toBe(org.id);
    expect(await findOrgIdBySlug("nope")).toBeNull();
  });

  it("refuses a slug that is taken with a conflict on the slug field", async () => {
    await createOrganization({ name: "Taken", slug: "taken" });
    const error = await appError(createOrganization({ name: "Other", slug: "taken" }));
    expect(error.kind).toBe("conflict");
    expect(error.status).toBe(409);
    expect(error.fieldErrors).toEqual([{ path: "slug", message: "taken" }]);
    const count = await asSuperuser(
      async (c) =>
        (await c.query("SELECT count(*)::int AS n FROM organization WHERE slug = 'taken'")).rows[0].n,
    );
    expect(count).toBe(1);
  });

  it("refuses an invalid or reserved slug before touching the database", async () => {
    await expect(createOrganization({ name: "X", slug: "Not Valid" })).rejects.toBeInstanceOf(ZodError);
    await expect(createOrganization({ name: "X", slug: "admin" })).rejects.toBeInstanceOf(ZodError);
  });
});

describe("addMember", () => {
  it("creates a new account with a one-time password, then only adds memberships", async () => {
    await createOrganization({ name: "Beta Gastro", slug: "beta" });
    await createOrganization({ name: "Gamma Catering", slug: "gamma" });

    const first = await addMember({
      email: " Multi@Example.COM ",
      name: "Mia Multi",
      orgSlug: "beta",
      role: "manager",
      locale: "en",
    });
    expect(first.password).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(await findUserIdByEmail("multi@example.com")).toBe(first.userId);

    const second = await addMember({
      email: "multi@example.com",
      name: "Ignored",
      orgSlug: "gamma",
      role: "auditor",
      locale: "de",
    });
    expect(second).toEqual({ userId: first.userId, password: null });

    const accounts = await asSuperuser(
      async (c) =>
        (await c.query("SELECT id, email, name, locale FROM app_user WHERE email LIKE 'multi@%'")).rows,
    );
    expect(accounts).toEqual([
      { id: first.userId, email: "multi@example.com", name: "Mia Multi", locale: "en" },
    ]);

    // The password from the first call still works: the account was not touched.
    expect(
      await verifyCredentials(
        { email: "multi@example.com", password: first.password },
        "203.0.113.1",
        postgresStore,
      ),
    ).toBe(first.userId);

    const account = await loadAccount(first.userId);
    expect(account).toMatchObject({
      id: first.userId,
      email: "multi@example.com",
      name: "Mia Multi",
      locale: "en",
    });
    expect(account?.memberships).toEqual([
      { orgId: await findOrgIdBySlug("beta"), slug: "beta", name: "Beta Gastro", role: "manager" },
      { orgId: await findOrgIdBySlug("gamma"), slug: "gamma", name: "Gamma Catering", role: "auditor" },
    ]);
  });

  it("refuses adding the same member twice as a conflict", async () => {
    await createOrganization({ name: "Delta", slug: "delta" });
    await addMember({
      email: "twice@example.com",
      name: "Twice",
      orgSlug: "delta",
      role: "sales",
      locale: "de",
    });
    const error = await appError(
      addMember({ email: "twice@example.com", name: "Twice", orgSlug: "delta", role: "admin", locale: "de" }),
    );
    expect(error.kind).toBe("conflict");
  });

  it("refuses an unknown organisation as not found", async () => {
    const error = await appError(
      addMember({ email: "x@example.com", name: "X", orgSlug: "no-such-org", role: "sales", locale: "de" }),
    );
    expect(error.kind).toBe("not_found");
    expect(await findUserIdByEmail("x@example.com")).toBeNull();
  });
});

describe("account lifecycle", () => {
  it("deactivates (loadAccount then answers null) and reactivates", async () => {
    await createOrganization({ name: "Epsilon", slug: "epsilon" });
    const { userId } = await addMember({
      email: "leaver@example.com",
      name: "Leaver",
      orgSlug: "epsilon",
      role: "sales",
      locale: "de",
    });
    await setUserActive("epsilon", "leaver@example.com", false);
    expect(await loadAccount(userId)).toBeNull();
    await setUserActive("epsilon", "leaver@example.com", true);
    expect((await loadAccount(userId))?.memberships).toHaveLength(1);
  });

  it("resets a password: the new one works, the old one no longer", async () => {
    await createOrganization({ name: "Zeta", slug: "zeta" });
    const { userId, password } = await addMember({
      email: "forgetful@example.com",
      name: "F",
      orgSlug: "zeta",
      role: "sales",
      locale: "de",
    });
    const fresh = await resetPassword("zeta", "forgetful@example.com");
    expect(fresh).not.toBe(password);
    expect(
      await verifyCredentials(
        { email: "forgetful@example.com", password: fresh },
        "203.0.113.2",
        postgresStore,
      ),
    ).toBe(userId);
    const error = await appError(
      verifyCredentials({ email: "forgetful@example.com", password }, "203.0.113.2", postgresStore),
    );
    expect(error.kind).toBe("unauthorized");
  });

  it("acts only on members of the named organisation", async () => {
    await createOrganization({ name: "Eta", slug: "eta" });
    const error = await appError(setUserActive("eta", "forgetful@example.com", false));
    expect(error.kind).toBe("not_found");
  });
});
