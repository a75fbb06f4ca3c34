import "server-only";

import { randomUUID } from "node:crypto";

import { recordAudit } from "@/lib/audit/service";
import { isUniqueViolation, Prisma, withOrg, type MemberContext, type OrgContext, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { issuePasswordLink } from "./password-links";
import { authorize } from "./policy";
import type { TRole } from "./roles";
import { ZChangeRole, ZInviteMember, ZMemberRef, ZSetMemberActive, type TMember } from "./schemas";
import { findUserIdByEmail } from "./service";

/**
 * An organisation's members, as its admins manage them (the members page, GET /api/v1/members):
 * invite, change a role, deactivate and reactivate, send a set-password link. Everything runs in the
 * admin's own context, so RLS checks it a second time; every change is audited. An organisation
 * always keeps an active admin: the last one cannot be demoted or deactivated, by themselves either.
 */

const resource = (ctx: OrgContext) => ({ type: "membership", orgId: ctx.orgId });

interface MemberRow {
  userId: string;
  name: string;
  email: string;
  role: TRole;
  memberActive: boolean;
  userActive: boolean;
  hasPassword: boolean;
  createdAt: Date;
  lastSignInAt: Date | null;
}

function selectMembers(tx: Tx, orgId: string, userId?: string) {
  return tx.$queryRaw<MemberRow[]>`
    SELECT m.user_id AS "userId", u.name, u.email, m.role, m.active AS "memberActive",
           u.active AS "userActive", u.password_hash IS NOT NULL AS "hasPassword",
           m.created_at AS "createdAt", l.last_sign_in_at AS "lastSignInAt"
    FROM membership m
    JOIN app_user u ON u.id = m.user_id
    LEFT JOIN app_member_last_sign_in() l ON l.user_id = m.user_id
    WHERE m.org_id = ${orgId}::uuid
      ${userId ? Prisma.sql`AND m.user_id = ${userId}::uuid` : Prisma.empty}
    ORDER BY lower(u.name), u.email`;
}

function toMember(row: MemberRow): TMember {
  const state =
    !row.memberActive || !row.userActive
      ? "deactivated"
      : !row.hasPassword && !row.lastSignInAt
        ? "invited"
        : "active";
  return {
    userId: row.userId,
    name: row.name,
    email: row.email,
    role: row.role,
    state,
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
    memberSince: row.createdAt.toISOString(),
  };
}

export async function listMembers(ctx: OrgContext): Promise<TMember[]> {
  authorize(ctx, "member.read", resource(ctx));
  const rows = await withOrg(ctx, (tx) => selectMembers(tx, ctx.orgId));
  return rows.map(toMember);
}

/** A member of the caller's organisation, or 404 (another organisation's member is one too). */
async function requireMember(tx: Tx, orgId: string, userId: string): Promise<MemberRow> {
  const [row] = await selectMembers(tx, orgId, userId);
  if (!row) throw new AppError("not_found", "No such member.");
  return row;
}

/**
 * The organisation's active admins, locked until the transaction ends: two admins demoting each
 * other at the same moment queue here, and the second sees the first one's change.
 */
async function lockActiveAdmins(tx: Tx, orgId: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ userId: string }[]>`
    SELECT m.user_id AS "userId"
    FROM membership m JOIN app_user u ON u.id = m.user_id
    WHERE m.org_id = ${orgId}::uuid AND m.role = 'admin' AND m.active AND u.active
    ORDER BY m.user_id
    FOR UPDATE OF m`;
  return rows.map((r) => r.userId);
}

function lastAdmin(): AppError {
  return new AppError("conflict", "The organisation's last active admin cannot be demoted or deactivated.", {
    text: { code: "members.errors.lastAdmin" },
  });
}

export interface Invited {
  userId: string;
  /** The member's name: the account's own when it existed already. */
  name: string;
  /** Whether a set-password link went out (a new account, or one that never had a password). */
  linkSent: boolean;
}

/**
 * Invites someone: a new account (no password) if the e-mail is new, and the membership; an account
 * without a password gets a set-password link through the outbox. An existing account (a member of
 * another organisation) signs in with the password it has.
 */
export async function inviteMember(ctx: MemberContext, raw: unknown): Promise<Invited> {
  authorize(ctx, "member.manage", resource(ctx));
  const { email, name, role } = ZInviteMember.parse(raw);
  const existingId = await findUserIdByEmail(email);
  try {
    return await withOrg(ctx, async (tx) => {
      const userId = existingId ?? randomUUID();
      if (!existingId) {
        // createMany: inserts without RETURNING, as the new account is visible here (RLS) only
        // once its membership exists.
        await tx.user.createMany({ data: [{ id: userId, email, name, locale: "de", passwordHash: null }] });
        await recordAudit(tx, ctx, {
          action: "user.created",
          resourceType: "user",
          resourceId: userId,
          after: { locale: "de", active: true },
        });
      }
      await tx.membership.create({ data: { orgId: ctx.orgId, userId, role } });
      const [account] = await tx.$queryRaw<{ hasPassword: boolean; name: string }[]>`
        SELECT password_hash IS NOT NULL AS "hasPassword", name FROM app_user WHERE id = ${userId}::uuid`;
      const hasPassword = account.hasPassword;
      const linkSent = !hasPassword;
      if (linkSent) await issuePasswordLink(tx, ctx, userId, "invitation");
      await recordAudit(tx, ctx, {
        action: "member.invited",
        resourceType: "membership",
        resourceId: userId,
        after: { userId, role, linkSent },
      });
      return { userId, name: account.name, linkSent };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", `${email} is already a member.`, {
        fieldErrors: [{ path: "email", message: "already a member", code: "members.errors.alreadyMember" }],
      });
    }
    throw error;
  }
}

export async function changeMemberRole(ctx: MemberContext, raw: unknown): Promise<TMember> {
  authorize(ctx, "member.manage", resource(ctx));
  const { userId, role } = ZChangeRole.parse(raw);
  try {
    return await withOrg(ctx, async (tx) => {
      const admins = await lockActiveAdmins(tx, ctx.orgId);
      const before = await requireMember(tx, ctx.orgId, userId);
      if (before.role === role) return toMember(before);
      if (before.role === "admin" && admins.length === 1 && admins[0] === userId) throw lastAdmin();
      await tx.membership.update({ where: { orgId_userId: { orgId: ctx.orgId, userId } }, data: { role } });
      await recordAudit(tx, ctx, {
        action: "member.role.changed",
        resourceType: "membership",
        resourceId: userId,
        before: { role: before.role },
        after: { role },
      });
      return toMember({ ...before, role });
    });
  } catch (error) {
    // A sales partner who collaborates on a lead stays a partner while that lasts (the
    // collaborator's key to the membership carries the role).
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2003") throw partnerBusy();
    if (postgresCodeOf(error) === "23503") throw partnerBusy();
    throw error;
  }
}

function partnerBusy(): AppError {
  return new AppError("conflict", "The partner collaborates on leads: end those collaborations first.", {
    text: { code: "members.errors.partnerCollaborates" },
  });
}

function postgresCodeOf(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Deactivates or reactivates a membership. A deactivated member cannot sign in to the organisation
 * nor use its tokens (within the token cache's 5 s); once they have no active membership anywhere,
 * their sessions end (trigger in the database).
 */
export async function setMemberActive(ctx: MemberContext, raw: unknown): Promise<TMember> {
  authorize(ctx, "member.manage", resource(ctx));
  const { userId, active } = ZSetMemberActive.parse(raw);
  return withOrg(ctx, async (tx) => {
    const admins = await lockActiveAdmins(tx, ctx.orgId);
    const before = await requireMember(tx, ctx.orgId, userId);
    if (before.memberActive === active) return toMember(before);
    if (!active && admins.length === 1 && admins[0] === userId) throw lastAdmin();
    await tx.membership.update({ where: { orgId_userId: { orgId: ctx.orgId, userId } }, data: { active } });
    await recordAudit(tx, ctx, {
      action: active ? "member.reactivated" : "member.deactivated",
      resourceType: "membership",
      resourceId: userId,
      before: { active: before.memberActive },
      after: { active },
    });
    return toMember({ ...before, memberActive: active });
  });
}

/** Sends an active member a fresh set-password link (earlier open links stop working). */
export async function sendPasswordReset(ctx: MemberContext, raw: unknown): Promise<void> {
  authorize(ctx, "member.manage", resource(ctx));
  const { userId } = ZMemberRef.parse(raw);
  await withOrg(ctx, async (tx) => {
    const member = await requireMember(tx, ctx.orgId, userId);
    if (!member.memberActive || !member.userActive) {
      throw new AppError("conflict", "A deactivated member gets no set-password link.", {
        text: { code: "members.errors.deactivated" },
      });
    }
    const { tokenId, expiresAt } = await issuePasswordLink(tx, ctx, userId, "reset");
    await recordAudit(tx, ctx, {
      action: "member.password.link_sent",
      resourceType: "membership",
      resourceId: userId,
      after: { tokenId, expiresAt: expiresAt.toISOString() },
    });
  });
}
