import "server-only";

import { randomUUID } from "node:crypto";

import { recordAudit } from "@/lib/audit/service";
import { withoutOrg, withOrg, isUniqueViolation, type MemberContext } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { generatePassword, hashPassword } from "./password";
import { ZCreateOrg, ZCreateUser, ZEmail, type TCreateOrg, type TCreateUser } from "./schemas";

/**
 * Organisations, users and memberships: what operators (CLI, seed) and admins do. Cross-organisation
 * look-ups go through the SECURITY DEFINER functions of sql/migrations; everything else runs inside
 * the organisation's own context, so RLS checks it a second time.
 */

/** Operators act with admin rights inside the one organisation they name. */
function operatorContext(orgId: string) {
  return { orgId, userId: null, roles: ["admin"] } as const;
}

export async function findOrgIdBySlug(slug: string): Promise<string | null> {
  const rows = await withoutOrg(
    (tx) => tx.$queryRaw<{ id: string | null }[]>`SELECT app_org_id_by_slug(${slug}) AS id`,
  );
  return rows[0]?.id ?? null;
}

async function requireOrgIdBySlug(slug: string): Promise<string> {
  const id = await findOrgIdBySlug(slug);
  if (!id) throw new AppError("not_found", `No organisation with slug "${slug}".`);
  return id;
}

export async function findUserIdByEmail(email: string): Promise<string | null> {
  const rows = await withoutOrg(
    (tx) => tx.$queryRaw<{ id: string | null }[]>`SELECT app_user_id_by_email(${email}) AS id`,
  );
  return rows[0]?.id ?? null;
}

export async function createOrganization(input: TCreateOrg) {
  const { name, slug } = ZCreateOrg.parse(input);
  const id = randomUUID();
  try {
    const ctx = operatorContext(id);
    return await withOrg(ctx, async (tx) => {
      const org = await tx.organization.create({ data: { id, name, slug } });
      await recordAudit(tx, ctx, {
        action: "org.created",
        resourceType: "organization",
        resourceId: id,
        after: { name, slug },
      });
      return org;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", `The slug "${slug}" is taken.`, {
        fieldErrors: [{ path: "slug", message: "taken" }],
      });
    }
    throw error;
  }
}

export interface CreatedUser {
  userId: string;
  /** Set when the account is new: the generated password, shown once. */
  password: string | null;
}

/**
 * Adds a member to an organisation. A new email gets a new account with a generated password; an
 * existing account (a member of another organisation) only gets the membership.
 */
export async function addMember(input: TCreateUser): Promise<CreatedUser> {
  const { email, name, orgSlug, role, locale } = ZCreateUser.parse(input);
  const orgId = await requireOrgIdBySlug(orgSlug);
  const existingId = await findUserIdByEmail(email);
  const password = existingId ? null : generatePassword();
  const passwordHash = password ? await hashPassword(password) : null;

  try {
    const ctx = operatorContext(orgId);
    return await withOrg(ctx, async (tx) => {
      const userId = existingId ?? randomUUID();
      // createMany, because it inserts without RETURNING: the new account becomes visible to this
      // organisation (RLS on app_user) only once its membership exists.
      if (!existingId) {
        await tx.user.createMany({ data: [{ id: userId, email, name, locale, passwordHash }] });
        // The name and email are personal data: the event keeps only what is not.
        await recordAudit(tx, ctx, {
          action: "user.created",
          resourceType: "user",
          resourceId: userId,
          after: { email, locale, active: true },
        });
      }
      await tx.membership.create({ data: { orgId, userId, role } });
      await recordAudit(tx, ctx, {
        action: "member.added",
        resourceType: "membership",
        resourceId: userId,
        after: { userId, role },
      });
      return { userId, password };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", `${email} is already a member of "${orgSlug}".`);
    }
    throw error;
  }
}

/** Sets a new password for a member of the organisation; returns it (for the seed and the CLI). */
export async function resetPassword(orgSlug: string, email: string, password = generatePassword()) {
  const { orgId, userId } = await requireMember(orgSlug, email);
  const passwordHash = await hashPassword(password);
  const ctx = operatorContext(orgId);
  await withOrg(ctx, async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash, updatedAt: new Date() } });
    await recordAudit(tx, ctx, { action: "user.password.reset", resourceType: "user", resourceId: userId });
  });
  return password;
}

/** Deactivates or reactivates an account. A deactivated user is refused on their next request. */
export async function setUserActive(orgSlug: string, email: string, active: boolean) {
  const { orgId, userId } = await requireMember(orgSlug, email);
  const ctx = operatorContext(orgId);
  await withOrg(ctx, async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { active: true } });
    await tx.user.update({ where: { id: userId }, data: { active, updatedAt: new Date() } });
    if (before.active === active) return;
    await recordAudit(tx, ctx, {
      action: active ? "user.activated" : "user.deactivated",
      resourceType: "user",
      resourceId: userId,
      before,
      after: { active },
    });
  });
}

async function requireMember(orgSlug: string, rawEmail: string) {
  const email = ZEmail.parse(rawEmail);
  const orgId = await requireOrgIdBySlug(orgSlug);
  const member = await withOrg(operatorContext(orgId), (tx) =>
    tx.membership.findFirst({ where: { orgId, user: { email } }, select: { userId: true } }),
  );
  if (!member) throw new AppError("not_found", `${email} is not a member of "${orgSlug}".`);
  return { orgId, userId: member.userId };
}

/** A user's language, changed by the user themselves. */
export async function setOwnLocale(ctx: MemberContext, locale: "de" | "en") {
  await withOrg(ctx, async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: ctx.userId }, select: { locale: true } });
    await tx.user.update({ where: { id: ctx.userId }, data: { locale, updatedAt: new Date() } });
    if (before.locale === locale) return;
    await recordAudit(tx, ctx, {
      action: "user.locale.changed",
      resourceType: "user",
      resourceId: ctx.userId,
      before,
      after: { locale },
    });
  });
}
