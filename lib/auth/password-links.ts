import "server-only";

import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";

import { recordAudit } from "@/lib/audit/service";
import { withoutOrg, withOrg, type OrgContext, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { durationToMs } from "@/lib/settings/schemas";
import { readEffectiveValue } from "@/lib/settings/queries";

import { hashPassword } from "./password";
import { ZSetPassword } from "./schemas";

/**
 * Set-password links (table password_token): an invitation or a password reset hands the member a
 * link `/set-password/<token>`. The token is 32 random bytes (base64url, 43 characters), stored only
 * as its SHA-256; it expires (setting `members.passwordLink.ttl`, default 72 h) and is used once.
 * Issuing a new link retires the member's open ones in that organisation.
 *
 * Only the outbox sender sends mail, so the link's outbox row carries the token sealed (AES-256-GCM
 * under a key derived from AUTH_SECRET, which never reaches the database), as the feedback
 * invitations do; the sender opens it when it renders the mail (`passwordLinkUrl`).
 */

export const PASSWORD_LINK_TEMPLATES = {
  invitation: "member.invitation",
  reset: "member.password_reset",
} as const;
export type PasswordLinkPurpose = keyof typeof PASSWORD_LINK_TEMPLATES;

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const HOUR_MS = 60 * 60 * 1000;

function hashOf(token: string): Uint8Array<ArrayBuffer> {
  const digest = createHash("sha256").update(token, "utf8").digest();
  const bytes = new Uint8Array(new ArrayBuffer(digest.length));
  bytes.set(digest);
  return bytes;
}

function sealKey(): Buffer {
  return Buffer.from(hkdfSync("sha256", env().AUTH_SECRET, "freshplan", "auth/password-link-token/v1", 32));
}

/** The token sealed for the outbox: `v1.<iv>.<ciphertext+tag>`, base64url. */
export function sealPasswordToken(token: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealKey(), iv);
  const sealed = Buffer.concat([cipher.update(token, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `v1.${iv.toString("base64url")}.${sealed.toString("base64url")}`;
}

/** The token a `sealPasswordToken` result holds; throws when it was not sealed under this AUTH_SECRET. */
export function openPasswordToken(sealed: string): string {
  const [version, iv, body] = sealed.split(".");
  if (version !== "v1" || !iv || !body) throw new Error("Not a sealed password link token.");
  const bytes = Buffer.from(body, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", sealKey(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString(
    "utf8",
  );
}

/** Where the member sets their password: absolute when APP_URL is set, else the path. */
export function passwordLinkUrl(token: string): string {
  const path = `/set-password/${token}`;
  const base = env().APP_URL;
  return base ? new URL(path, base).toString() : path;
}

/**
 * Issues a link for a member of the caller's organisation, in the caller's (an admin's) transaction:
 * retires their open links, stores the new one's hash and queues its e-mail. Returns the token, for
 * tests and operators; the app shows it nowhere.
 */
export async function issuePasswordLink(
  tx: Tx,
  ctx: OrgContext,
  userId: string,
  purpose: PasswordLinkPurpose,
): Promise<{ tokenId: string; token: string; expiresAt: Date }> {
  const ttl = await readEffectiveValue(tx, { orgId: ctx.orgId, userId: null }, "members.passwordLink.ttl");
  const expiresAt = new Date(Date.now() + (durationToMs(ttl) ?? 72 * HOUR_MS));
  const token = randomBytes(32).toString("base64url");
  await tx.passwordToken.updateMany({
    where: { orgId: ctx.orgId, userId, usedAt: null },
    data: { usedAt: new Date() },
  });
  const row = await tx.passwordToken.create({
    data: {
      orgId: ctx.orgId,
      userId,
      purpose,
      tokenHash: hashOf(token),
      expiresAt,
      createdBy: ctx.userId,
    },
    select: { id: true },
  });
  await tx.notificationOutbox.createMany({
    data: [
      {
        orgId: ctx.orgId,
        recipientUserId: userId,
        channel: "EMAIL",
        template: PASSWORD_LINK_TEMPLATES[purpose],
        payload: {
          tokenId: row.id,
          expiresAt: expiresAt.toISOString(),
          passwordTokenSealed: sealPasswordToken(token),
        },
        dedupeKey: `member.password:${row.id}`,
      },
    ],
  });
  return { tokenId: row.id, token, expiresAt };
}

export type PasswordLinkState = "valid" | "expired" | "used" | "invalid";

interface LinkRow {
  org_id: string;
  token_id: string;
  user_id: string;
  purpose: PasswordLinkPurpose;
  expires_at: Date;
  used_at: Date | null;
  member_active: boolean;
}

async function findLink(token: string): Promise<LinkRow | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const [row] = await withoutOrg(
    (tx) => tx.$queryRaw<LinkRow[]>`SELECT * FROM app_password_token_by_hash(${hashOf(token)})`,
  );
  return row ?? null;
}

function stateOf(row: LinkRow | null, now = new Date()): PasswordLinkState {
  if (!row || !row.member_active) return "invalid";
  if (row.used_at) return "used";
  if (row.expires_at <= now) return "expired";
  return "valid";
}

/** What the set-password page shows for a token: the form, or why not. */
export async function passwordLinkState(
  token: string,
): Promise<{ state: PasswordLinkState; purpose: PasswordLinkPurpose | null }> {
  const row = await findLink(token);
  return { state: stateOf(row), purpose: row?.purpose ?? null };
}

/**
 * Sets the member's password through a link and uses the link up, in the member's own context (their
 * own row, their own token: RLS allows nothing else). Every session of the user ends (the trigger on
 * app_user), so the member signs in afresh. A link that is unknown, expired, used, or whose member
 * was deactivated is `gone` (410), also when two tabs race: only one UPDATE finds it open.
 */
export async function setPasswordWithLink(token: string, raw: unknown): Promise<void> {
  const input = ZSetPassword.parse(raw);
  const row = await findLink(token);
  const state = stateOf(row);
  if (!row || state !== "valid") throw linkGone(state);
  const passwordHash = await hashPassword(input.password);
  const ctx = { orgId: row.org_id, userId: row.user_id, roles: [] as string[] };
  await withOrg(ctx, async (tx) => {
    const { count } = await tx.passwordToken.updateMany({
      where: { id: row.token_id, usedAt: null, expiresAt: { gt: new Date() } },
      data: { usedAt: new Date() },
    });
    if (count !== 1) throw linkGone("used");
    await tx.user.update({ where: { id: row.user_id }, data: { passwordHash, updatedAt: new Date() } });
    await recordAudit(tx, ctx, {
      action: "user.password.set",
      resourceType: "user",
      resourceId: row.user_id,
      after: { via: row.purpose },
    });
  });
}

function linkGone(state: PasswordLinkState): AppError {
  return new AppError("gone", `This set-password link is ${state === "valid" ? "used" : state}.`, {
    text: { code: `members.setPassword.${state === "valid" ? "used" : state}` },
  });
}
