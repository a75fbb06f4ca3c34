import { z } from "zod";

import { numeric, text, ZDbString } from "@/lib/db/columns";

/** Activity kinds. The first five are qualifying: they prove progress (spec, "Inputs"). */
export const QUALIFYING_KINDS = [
  "QUALIFIED_CALL",
  "CUSTOMER_REACTION",
  "SCHEDULED_FOLLOWUP",
  "SAMPLE_FEEDBACK",
  "ROI_PRESENTATION",
] as const;
// PostgreSQL keeps both lists too, in app_lead_qualifying_kinds() and app_lead_activity_kinds():
// change them in a migration as well (lib/leads/constants.int.test.ts holds the two sides equal).
export const ACTIVITY_KINDS = [...QUALIFYING_KINDS, "NOTE", "EMAIL_SENT"] as const;
export const HOLD_REASONS = [
  "FFZ_PRICE_APPROVAL",
  "FFZ_SAMPLE_DELAY",
  "FFZ_SUPPLY_ISSUE",
  "CUSTOMER_BLOCKED",
  "OTHER",
] as const;
export const COLLABORATOR_ROLES = ["VIEW", "ASSIST", "NEGOTIATE"] as const;
export const PROTECTION_STATUSES = ["ACTIVE", "GRACE", "EXPIRED"] as const;

const instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

export const ZContact = z.strictObject({
  firstName: text(100).optional(),
  lastName: text(100).optional(),
  email: z.string().trim().toLowerCase().pipe(z.email()).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()/-]{5,30}$/, "a phone number")
    .optional(),
});

export const ZCreateLead = z.strictObject({
  companyName: text(200),
  city: text(100),
  industry: text(100).optional(),
  contact: ZContact.optional(),
  vatId: z
    .string()
    .trim()
    .regex(/^[A-Z]{2}[0-9A-Z]{2,13}$/, "a VAT id such as DE123456789")
    .optional(),
  /** EUR per year: lead.expected_volume is numeric(14, 2). */
  expectedVolume: numeric(14, 2).nonnegative().optional(),
  /** Managers and admins register leads for a partner; partners for themselves only. */
  ownerUserId: z.uuid().optional(),
  /** When the lead was registered, if earlier than now: managers and admins only. */
  registeredAt: instant.optional(),
  /** Registers the lead even though similar ones exist (after a 202 with candidates). */
  confirmSimilar: z.boolean().optional(),
});
export type TCreateLead = z.infer<typeof ZCreateLead>;

export const ZLogActivity = z.strictObject({
  kind: z.enum(ACTIVITY_KINDS),
  /** Defaults to now; may be in the past, not before the assignment and not in the future. */
  at: instant.optional(),
  note: text(4000).optional(),
});
export type TLogActivity = z.infer<typeof ZLogActivity>;

export const ZCreateHold = z.strictObject({
  reason: z.enum(HOLD_REASONS),
  /** Defaults to now; a past start is for managers and admins. */
  startAt: instant.optional(),
  /** Open-ended when missing: ended later with DELETE …/holds/{holdId}. */
  endAt: instant.optional(),
  note: text(2000).optional(),
});
export type TCreateHold = z.infer<typeof ZCreateHold>;

export const ZBackdate = z.strictObject({
  registeredAt: instant,
  reason: text(2000),
  evidenceUrl: ZDbString.pipe(z.url().max(2000)).optional(),
});
export type TBackdate = z.infer<typeof ZBackdate>;

export const ZExtensionRequest = z.strictObject({
  days: z.number().int().min(1).max(365),
  reason: text(2000),
});
export type TExtensionRequest = z.infer<typeof ZExtensionRequest>;

export const ZExtensionDecision = z.strictObject({
  approve: z.boolean(),
  comment: text(2000),
});
export type TExtensionDecision = z.infer<typeof ZExtensionDecision>;

export const ZAddCollaborator = z.strictObject({
  userId: z.uuid(),
  role: z.enum(COLLABORATOR_ROLES),
  /** Commission share in percent; all collaborators' shares together at most 100. */
  sharePercent: z.number().gt(0).max(100).multipleOf(0.01).optional(),
});
export type TAddCollaborator = z.infer<typeof ZAddCollaborator>;

export const ZReassign = z.strictObject({ ownerUserId: z.uuid() });
export type TReassign = z.infer<typeof ZReassign>;

export const LEAD_SORT_KEYS = ["createdAt", "companyName", "protectedUntil"] as const;
export type TLeadSortKey = (typeof LEAD_SORT_KEYS)[number];
export const LEAD_SORTS = [...LEAD_SORT_KEYS, ...LEAD_SORT_KEYS.map((k) => `-${k}` as const)] as const;
export type TLeadSort = (typeof LEAD_SORTS)[number];

export const ZListLeads = z.strictObject({
  status: z.enum(PROTECTION_STATUSES).optional(),
  /** A user id, or `me`. */
  owner: z.union([z.literal("me"), z.uuid()]).optional(),
  dueSoon: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  q: text(100).optional(),
  /** A sort key, descending with a leading minus: newest first by default. */
  sort: z.enum(LEAD_SORTS).default("-createdAt"),
  /** `nextCursor` of the previous page, as the server signed it. */
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TListLeads = z.infer<typeof ZListLeads>;
