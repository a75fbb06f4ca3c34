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
  forgetToken(tokenId);
}

export interface TokenPrincipal {
  tokenId: string;
  userId: string;
  orgId: string;
  orgSlug: string;
  role: TRole;
}

/**
 * How long an instance believes its last look at a token: revoking it, expiring it, deactivating its
 * user or removing the membership takes effect within this time on every instance (README, Rate
 * limits and tokens). Within it, a busy token costs no database round trip at all.
 */
export const TOKEN_CACHE_MS = 5_000;
/** Tokens remembered per instance; the oldest goes first when full. */
const TOKEN_CACHE_SIZE = 10_000;
/** "Last used" is written at most this often per token (the SQL holds to it across instances too). */
const TOUCH_INTERVAL_MS = 60_000;

interface CachedToken {
  principal: TokenPrincipal;
  checkedAt: number;
  touchedAt: number;
}

const globalForTokens = globalThis as unknown as { freshplanTokenCache?: Map<string, CachedToken> };

function tokenCache(): Map<string, CachedToken> {
  return (globalForTokens.freshplanTokenCache ??= new Map());
}

/** Forgets a token in this instance at once (its revocation here); other instances within TOKEN_CACHE_MS. */
function forgetToken(tokenId: string): void {
  const cache = tokenCache();
  for (const [hash, entry] of cache) if (entry.principal.tokenId === tokenId) cache.delete(hash);
}

/**
 * The principal behind a token, or null when it is unknown, revoked, expired or its user inactive.
 * One indexed read (app_token_lookup), its verdict on a live token believed for `cacheMs`; "last
 * used" is written at most once a minute per token, and not even asked for while this instance
 * knows it was written less than a minute ago.
 */
export async function authenticateToken(
  token: string,
  { cacheMs = TOKEN_CACHE_MS }: { cacheMs?: number } = {},
): Promise<TokenPrincipal | null> {
  if (!isWellFormedToken(token)) return null;
  const hash = hashToken(token);
  const cache = tokenCache();
  const now = Date.now();
  const cached = cache.get(hash);
  if (cached && now - cached.checkedAt < cacheMs) return cached.principal;

  const [row] = await withoutOrg(
    (tx) => tx.$queryRaw<
      {
        token_id: string;
        user_id: string;
        org_id: string;
        org_slug: string;
        role: TRole;
        last_used_at: Date | null;
      }[]
    >`
      SELECT token_id, user_id, org_id, org_slug, role, last_used_at FROM app_token_lookup(${hash})`,
  );
  cache.delete(hash);
  if (!row) return null;

  const principal: TokenPrincipal = {
    tokenId: row.token_id,
    userId: row.user_id,
    orgId: row.org_id,
    orgSlug: row.org_slug,
    role: row.role,
  };
  let touchedAt = Math.max(cached?.touchedAt ?? 0, row.last_used_at?.getTime() ?? 0);
  if (now - touchedAt >= TOUCH_INTERVAL_MS) {
    await withoutOrg((tx) => tx.$executeRaw`SELECT app_token_touch(${row.token_id}::uuid)`);
    touchedAt = now;
  }
  if (cache.size >= TOKEN_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(hash, { principal, checkedAt: now, touchedAt });
  return principal;
}
