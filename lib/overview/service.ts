import "server-only";

import { budgetStatus } from "@/lib/ai/budget";
import { recordAudit } from "@/lib/audit/service";
import { authorize, can } from "@/lib/auth/policy";
import { withOrg, type MemberContext } from "@/lib/db";
import { AppError } from "@/lib/errors";

import {
  countLeads,
  countPendingRequests,
  countRemindersSent,
  countUnread,
  findNotificationRow,
  listNotificationRows,
  markAllRead,
  markRead,
} from "./queries";
import type {
  TListNotifications,
  TNotification,
  TNotificationPage,
  TOverview,
  TOverviewCounts,
} from "./schemas";

/**
 * The organisation's home page, "what needs me today" (issue 16): a sales partner's own leads
 * that need them this week; for managers and admins the decisions waiting and the team's week;
 * auditors read the team's numbers (without the outbox, which is not theirs to read). And the
 * in-app inbox: the caller's own INAPP rows of the notification outbox.
 */

const org = (ctx: MemberContext) => ({ type: "org", orgId: ctx.orgId }) as const;

/** Who sees the team's numbers: those who read every lead of the organisation. */
function seesTeam(ctx: MemberContext): boolean {
  return ctx.roles.some((r) => r === "admin" || r === "manager" || r === "auditor");
}

export async function getOverview(ctx: MemberContext): Promise<TOverview> {
  authorize(ctx, "org.read", org(ctx));
  return withOrg(ctx, async (tx) => {
    const [{ now }] = await tx.$queryRaw<{ now: Date }[]>`SELECT app_now() AS now`;
    let partner: TOverview["partner"] = null;
    let team: TOverview["team"] = null;
    if (ctx.roles.includes("sales")) {
      const own = await countLeads(tx, ctx.userId);
      partner = {
        dueThisWeek: own.due,
        inGrace: own.grace,
        holdOpen: own.hold,
        extensionsPending: own.pending,
        extensionsDecided: own.decided,
      };
    }
    if (seesTeam(ctx)) {
      const all = await countLeads(tx);
      const requests = await countPendingRequests(tx);
      const manages = can(ctx, "lead.manage", { type: "lead", orgId: ctx.orgId });
      const budget = can(ctx, "ai.dashboard.view", { type: "ai", orgId: ctx.orgId })
        ? await budgetStatus(tx, ctx)
        : null;
      team = {
        decisionsWaiting: requests.pending,
        escalations: requests.escalated,
        expiringThisWeek: all.due,
        inGrace: all.grace,
        holdOpen: all.hold,
        remindersSent: manages ? await countRemindersSent(tx) : null,
        ai: budget ? { month: budget.month, spentEur: budget.org.spentEur, capEur: budget.org.capEur } : null,
      };
    }
    return { asOf: now.toISOString(), partner, team };
  });
}

/** The header's numbers, polled: unread notifications, and the decisions waiting for who decides. */
export async function getOverviewCounts(ctx: MemberContext): Promise<TOverviewCounts> {
  return withOrg(ctx, async (tx) => ({
    unreadNotifications: await countUnread(tx, ctx.userId),
    decisionsWaiting: can(ctx, "lead.manage", { type: "lead", orgId: ctx.orgId })
      ? (await countPendingRequests(tx)).pending
      : null,
  }));
}

export async function listNotifications(
  ctx: MemberContext,
  query: TListNotifications,
): Promise<TNotificationPage> {
  return withOrg(ctx, async (tx) => {
    const rows = await listNotificationRows(tx, ctx.userId, query.unread ?? false, query.limit);
    return {
      items: rows.map((r): TNotification => ({
        id: r.id,
        template: r.template,
        payload: (r.payload ?? {}) as TNotification["payload"],
        createdAt: r.createdAt.toISOString(),
        readAt: r.readAt?.toISOString() ?? null,
      })),
      unread: await countUnread(tx, ctx.userId),
    };
  });
}

/** Marks one of the caller's notifications read; another member's (or none) is not found. */
export async function markNotificationRead(ctx: MemberContext, id: string): Promise<{ marked: number }> {
  return withOrg(ctx, async (tx) => {
    const row = await findNotificationRow(tx, ctx.userId, id);
    if (!row) throw new AppError("not_found", "No such notification.");
    const marked = await markRead(tx, ctx.userId, id);
    if (marked > 0)
      await recordAudit(tx, ctx, {
        action: "notification.read",
        resourceType: "notification",
        resourceId: id,
        after: { template: row.template },
      });
    return { marked };
  });
}

/** Marks every unread notification of the caller read. */
export async function markAllNotificationsRead(ctx: MemberContext): Promise<{ marked: number }> {
  return withOrg(ctx, async (tx) => {
    const marked = await markAllRead(tx, ctx.userId);
    if (marked > 0)
      await recordAudit(tx, ctx, {
        action: "notification.read_all",
        resourceType: "notification",
        resourceId: null,
        after: { marked },
      });
    return { marked };
  });
}
