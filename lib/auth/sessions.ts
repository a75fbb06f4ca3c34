import "server-only";

import { recordAudit } from "@/lib/audit/service";
import { withContext, withoutOrg, withOrg, type MemberContext } from "@/lib/db";

/**
 * Sessions that can end (sql/migrations/20261207110000_user_sessions.sql). Each sign-in is a row;
 * the session cookie carries its id, and the account load (`loadSessionAccount`) refuses a session
 * that was ended, has expired, or whose user was deactivated. A new password and a deactivation end
 * all of a user's sessions in the database itself (trigger on app_user), whatever path made them.
 */

/** How long a sign-in lasts, from the moment it happened: the cookie's lifetime and the row's. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/** The longest user agent kept, as the table allows. */
const USER_AGENT_MAX = 500;

export interface SessionSummary {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  userAgent: string | null;
  /** The session of the request that asked. */
  current: boolean;
}

/** Starts a session for a user whose credentials were just checked; null if the account is inactive. */
export async function startSession(userId: string, userAgent: string | null): Promise<string | null> {
  const [row] = await withoutOrg(
    (tx) => tx.$queryRaw<{ id: string | null }[]>`
      SELECT app_session_start(${userId}::uuid, ${userAgent?.slice(0, USER_AGENT_MAX) ?? null},
                               ${SESSION_MAX_AGE_SECONDS}::integer) AS id`,
  );
  return row?.id ?? null;
}

/** Signing out: ends this one session of the user. Ending it twice, or someone else's, does nothing. */
export async function endSession(userId: string, sessionId: string): Promise<void> {
  await withContext({ orgId: null, userId, roles: [] }, (tx) =>
    tx.userSession.updateMany({
      where: { id: sessionId, userId, revokedAt: null },
      data: { revokedAt: new Date(), revokedReason: "sign_out" },
    }),
  );
}

/**
 * Signing out everywhere: ends every session of the calling user, this one included, and records it
 * in the organisation the user acted in. Answers how many sessions ended.
 */
export async function endAllSessions(ctx: MemberContext): Promise<number> {
  return withOrg(ctx, async (tx) => {
    const { count } = await tx.userSession.updateMany({
      where: { userId: ctx.userId, revokedAt: null },
      data: { revokedAt: new Date(), revokedReason: "sign_out_everywhere" },
    });
    await recordAudit(tx, ctx, {
      action: "user.sessions.ended",
      resourceType: "user",
      resourceId: ctx.userId,
      after: { reason: "sign_out_everywhere", sessions: count },
    });
    return count;
  });
}

/** The calling user's live sessions, most recently seen first; `currentId` is the asking one's. */
export async function listOwnSessions(ctx: MemberContext, currentId?: string): Promise<SessionSummary[]> {
  const sessions = await withOrg(ctx, (tx) =>
    tx.userSession.findMany({
      where: { userId: ctx.userId, revokedAt: null, expiresAt: { gt: new Date() } },
      select: { id: true, createdAt: true, lastSeenAt: true, expiresAt: true, userAgent: true },
      orderBy: [{ lastSeenAt: "desc" }, { createdAt: "desc" }],
    }),
  );
  return sessions.map((session) => ({ ...session, current: session.id === currentId }));
}
