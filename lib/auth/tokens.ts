import "server-only";

import { createHash, randomBytes } from "node:crypto";

import { recordAudit } from "@/lib/audit/service";
import { withoutOrg, withOrg, type DbContext } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { ZCreateToken, type TCreateToken } from "./schemas";
import type { TRole } from "./roles";

/**
 * Personal access tokens for the REST API. The plain token is shown once; the database keeps its
 * SHA-256 (a token has 256 random bits, so a fast hash is enough: there is nothing to brute-force).
 */
const TOKEN_PREFIX = "fpa_";
const TOKEN_PATTERN = /^fpa_[A-Za-z0-9_-]{43}$/;

type UserContext = DbContext & { orgId: string; userId: string };

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function isWellFormedToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

export interface TokenSummary {
  id: string;
  name: string;
  tokenPrefix: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const summarySelect = {
  id: true,
  name: true,
  tokenPrefix: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

/** Creates a token for the calling user in the current organisation. */
export async function createToken(
  ctx: UserContext,
  input: TCreateToken,
): Promise<{ token: string; summary: TokenSummary }> {
  const { name, expiresInDays } = ZCreateToken.parse(input);
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const expiresAt = expiresInDays === null ? null : new Date(Date.now() + expiresInDays * 86_400_000);
  const summary = await withOrg(ctx, async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        orgId: ctx.orgId,
        userId: ctx.userId,
        name,
        tokenHash: hashToken(token),
        tokenPrefix: token.slice(0, TOKEN_PREFIX.length + 6),
        expiresAt,
      },
      select: summarySelect,
    });
    // Name and expiry only: never the token, its hash or its prefix.
    await recordAudit(tx, ctx, {
      action: "token.created",
      resourceType: "api_token",
      resourceId: created.id,
      after: { name, expiresAt },
    });
    return created;
  });
  return { token, summary };
}

/** The calling user's own tokens in the current organisation, newest first. */
export function listOwnTokens(ctx: UserContext): Promise<TokenSummary[]> {
  return withOrg(ctx, (tx) =>
    tx.apiToken.findMany({
      where: { orgId: ctx.orgId, userId: ctx.userId },
      select: summarySelect,
      orderBy: { createdAt: "desc" },
    }),
  );
}

/** Revokes one of the caller's own tokens. Someone else's token, or none, is "not found". */
export async function revokeOwnToken(ctx: UserContext, tokenId: string): Promise<void> {
  const revoked = await withOrg(ctx, async (tx) => {
    const where = { id: tokenId, orgId: ctx.orgId, userId: ctx.userId, revokedAt: null };
    const token = await tx.apiToken.findFirst({ where, select: { name: true } });
    const revokedAt = new Date();
    const { count } = await tx.apiToken.updateMany({ where, data: { revokedAt } });
    if (!token || count === 0) return false;
    await recordAudit(tx, ctx, {
      action: "token.revoked",
      resourceType: "api_token",
      resourceId: tokenId,
      before: { name: token.name, revokedAt: null },
      after: { name: token.name, revokedAt },
    });
    return true;
  });
  if (!revoked) throw new AppError("not_found", "No such active token.");
}

export interface TokenPrincipal {
  tokenId: string;
  userId: string;
  orgId: string;
  orgSlug: string;
  role: TRole;
}

/** The principal behind a token, or null when it is unknown, revoked, expired or its user inactive. */
export async function authenticateToken(token: string): Promise<TokenPrincipal | null> {
  if (!isWellFormedToken(token)) return null;
  const [row] = await withoutOrg(
    (tx) => tx.$queryRaw<
      { token_id: string; user_id: string; org_id: string; org_slug: string; role: TRole }[]
    >`
      SELECT token_id, user_id, org_id, org_slug, role FROM app_token_authenticate(${hashToken(token)})`,
  );
  return row
    ? { tokenId: row.token_id, userId: row.user_id, orgId: row.org_id, orgSlug: row.org_slug, role: row.role }
    : null;
}
