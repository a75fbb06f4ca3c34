import { z } from "zod";

/**
 * The organisation's home page ("what needs me today", issue 16) and the in-app inbox: what
 * GET /api/v1/overview, GET /api/v1/overview/counts and /api/v1/notifications answer.
 */

/** How far ahead "this week" looks, and how far back "recently" reaches, in days. */
export const OVERVIEW_DAYS = 7;

/** A partner's own numbers: only the leads they own (RLS shows them no other). */
export const ZPartnerOverview = z.object({
  dueThisWeek: z.number().int().describe("Own leads whose next deadline is within 7 days (no hold open)"),
  inGrace: z.number().int().describe("Own leads in the grace period"),
  holdOpen: z.number().int().describe("Own leads whose clock a hold stops now"),
  extensionsPending: z.number().int().describe("Own leads with an extension request waiting for a decision"),
  extensionsDecided: z
    .number()
    .int()
    .describe("Own leads with an extension request decided in the last 7 days"),
});
export type TPartnerOverview = z.infer<typeof ZPartnerOverview>;

/** The organisation's numbers, for managers, admins and auditors. */
export const ZTeamOverview = z.object({
  decisionsWaiting: z.number().int().describe("Extension requests waiting for a decision"),
  escalations: z.number().int().describe("Of those, the ones escalated for waiting too long"),
  expiringThisWeek: z.number().int().describe("Leads whose next deadline is within 7 days, across partners"),
  inGrace: z.number().int(),
  holdOpen: z.number().int(),
  remindersSent: z
    .number()
    .int()
    .nullable()
    .describe(
      "Protection reminders queued in the last 7 days (one per lead and deadline); null for auditors",
    ),
  ai: z
    .object({ month: z.string(), spentEur: z.number(), capEur: z.number() })
    .nullable()
    .describe("This month's AI spend against the organisation's cap; null for who may not see it"),
});
export type TTeamOverview = z.infer<typeof ZTeamOverview>;

export const ZOverview = z
  .object({
    asOf: z.iso.datetime(),
    partner: ZPartnerOverview.nullable().describe("For sales partners: their own leads"),
    team: ZTeamOverview.nullable().describe("For managers, admins and auditors: the organisation"),
  })
  .meta({ id: "Overview" });
export type TOverview = z.infer<typeof ZOverview>;

/** What the header polls: the bell's number and, for managers, the queue's badge. */
export const ZOverviewCounts = z.object({
  unreadNotifications: z.number().int(),
  decisionsWaiting: z.number().int().nullable().describe("null for who does not decide extension requests"),
});
export type TOverviewCounts = z.infer<typeof ZOverviewCounts>;

/** Payload values of a notification: ids, ISO dates, the company and city, amounts. */
const ZPayloadValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const ZNotification = z.object({
  id: z.uuid(),
  template: z.string().describe("What happened, e.g. lead.grace_expiry; the app's texts word it"),
  payload: z.record(z.string(), ZPayloadValue),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});
export type TNotification = z.infer<typeof ZNotification>;

export const ZNotificationPage = z.object({
  items: z.array(ZNotification),
  unread: z.number().int(),
});
export type TNotificationPage = z.infer<typeof ZNotificationPage>;

export const ZListNotifications = z.strictObject({
  unread: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional()
    .describe("true: only the unread ones"),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type TListNotifications = z.infer<typeof ZListNotifications>;

export const ZMarkedRead = z.object({ marked: z.number().int().describe("How many rows became read") });

/** What marking read posts: nothing; the id is bound into the action. */
export const ZNothing = z.strictObject({});
