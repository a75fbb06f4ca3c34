import { z } from "zod";

import { numeric, text, ZDbString } from "@/lib/db/columns";
import { formInput } from "@/lib/forms";

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

/**
 * A lead's details as its owner (while protected) or a manager edits them: the whole set, so a field
 * left out is cleared (a form's empty field is absent). Company and city stay required; clearing the
 * contact removes the personal data, and the stage never goes back (it records how far the profile got).
 */
export const ZUpdateLead = ZCreateLead.pick({
  companyName: true,
  city: true,
  industry: true,
  contact: true,
  vatId: true,
  expectedVolume: true,
});
export type TUpdateLead = z.infer<typeof ZUpdateLead>;

/** An admin erases the contact person on the data subject's request; the reason goes to the audit trail. */
export const ZEraseLead = z.strictObject({ reason: text(500) });
export type TEraseLead = z.infer<typeof ZEraseLead>;

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

/**
 * The columns the list sorts by, on the server (an allowlist: any other `sort` is a 400).
 * `registeredAt` is the contract's registration moment: the current (else the last) assignment's
 * start, after any backdating — not the row's creation time.
 */
export const LEAD_SORT_KEYS = ["createdAt", "registeredAt", "companyName", "city", "protectedUntil"] as const;
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
  /** `7d`: the next deadline (end of protection, or of the grace period) is within 7 days, no hold open. */
  due: z.enum(["7d"]).optional(),
  /** `open`: a hold stops the lead's clock now. */
  hold: z.enum(["open"]).optional(),
  /** Leads with an extension request waiting for a decision, or decided in the last 7 days. */
  extension: z.enum(["pending", "decided"]).optional(),
  /** A sort key, descending with a leading minus: newest first by default. */
  sort: z.enum(LEAD_SORTS).default("-createdAt"),
  /** `nextCursor` of the previous page, as the server signed it. */
  cursor: z.string().max(2000).optional(),
  /** A page by its number (1 is the first), for links that keep their page; not with `cursor`. */
  page: z.coerce.number().int().min(1).max(10_000).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TListLeads = z.infer<typeof ZListLeads>;

/** The CSV export: the list's filters and order, every page; column headers in `lang` (else the reader's). */
export const ZExportLeads = ZListLeads.omit({ cursor: true, page: true, limit: true }).extend({
  lang: z.enum(["de", "en"]).optional(),
});
export type TExportLeads = z.infer<typeof ZExportLeads>;

/** The lead list page's URL filters (`/leads?owner=me&due=7d`): a value it does not know is dropped. */
const linkValue = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (Array.isArray(v) ? v[0] : v), schema.optional().catch(undefined));
export const ZLeadListLink = z.object({
  owner: linkValue(z.enum(["me", "all"])),
  status: linkValue(z.enum(PROTECTION_STATUSES)),
  due: linkValue(ZListLeads.shape.due.unwrap()),
  hold: linkValue(ZListLeads.shape.hold.unwrap()),
  extension: linkValue(ZListLeads.shape.extension.unwrap()),
  dueSoon: linkValue(z.literal("true")),
  q: linkValue(text(100)),
  /** The order as the page's URL keeps it: a column and a direction (`sort=companyName&dir=asc`). */
  sort: linkValue(z.enum(LEAD_SORT_KEYS)),
  dir: linkValue(z.enum(["asc", "desc"])),
  page: linkValue(z.coerce.number().int().min(1).max(10_000)),
  limit: linkValue(z.coerce.number().pipe(z.union([z.literal(25), z.literal(50), z.literal(100)]))),
});
export type TLeadListLink = z.infer<typeof ZLeadListLink>;

/** How the lead forms' fields become the inputs above: the texts of these fields are converted. */
const FORM_KINDS = {
  confirmSimilar: "boolean",
  approve: "boolean",
  days: "number",
  sharePercent: "number",
  expectedVolume: "number",
} as const;

/**
 * The lead forms' inputs: the API's own schemas, fed by a form's fields (formInput, lib/forms.ts).
 * The form checks its input with one of these in the browser before it posts; its action parses
 * with the same one again.
 */
export const leadForms = {
  createLead: formInput(ZCreateLead, FORM_KINDS),
  updateLead: formInput(ZUpdateLead, FORM_KINDS),
  eraseLead: formInput(ZEraseLead, FORM_KINDS),
  logActivity: formInput(ZLogActivity, FORM_KINDS),
  createHold: formInput(ZCreateHold, FORM_KINDS),
  requestExtension: formInput(ZExtensionRequest, FORM_KINDS),
  decideExtension: formInput(ZExtensionDecision, FORM_KINDS),
  addCollaborator: formInput(ZAddCollaborator, FORM_KINDS),
  backdate: formInput(ZBackdate, FORM_KINDS),
  reassign: formInput(ZReassign, FORM_KINDS),
};

// What the API and the pages answer ---------------------------------------------------------------
// The types the services return are these schemas' own (z.infer), so the OpenAPI document, the
// routes and the browser's hooks cannot drift apart. Instants travel as ISO 8601 UTC strings.

const at = z.iso.datetime();

export const ZProtection = z
  .object({
    status: z.enum(PROTECTION_STATUSES),
    ownerUserId: z.uuid(),
    assignedAt: at,
    lastQualActivityAt: at.nullable(),
    baseUntil: at,
    progressUntil: at,
    validUntil: at,
    graceUntil: at,
    reminderDueAt: at.nullable().describe("The next reminder's due moment, if one is still ahead"),
    dueSoon: z.boolean(),
    pausedSeconds: z.number().describe("Stop-the-clock time since the assignment (union of holds)"),
    extensionDays: z.number().int(),
    holdOpen: z.boolean(),
    mode: z.enum(["GREATEST", "LEAST"]),
  })
  .meta({ id: "Protection" });

export const ZLeadListItem = z
  .object({
    id: z.uuid(),
    companyName: z.string(),
    city: z.string(),
    industry: z.string().nullable(),
    stage: z.number().int(),
    createdAt: at,
    registeredAt: at.describe(
      "The registration moment of the current (else the last) assignment, after backdating: the contract's",
    ),
    owner: z.object({ id: z.uuid(), name: z.string().nullable() }).nullable(),
    status: z.enum(PROTECTION_STATUSES).nullable(),
    validUntil: at.nullable(),
    graceUntil: at.nullable(),
    reminderDueAt: at.nullable(),
    dueSoon: z.boolean(),
    lastQualActivityAt: at.nullable(),
    holdOpen: z.boolean(),
  })
  .meta({ id: "LeadListItem" });

export const ZHold = z.object({
  id: z.uuid(),
  reason: z.enum(HOLD_REASONS),
  startAt: at,
  endAt: at.nullable(),
});

export const ZLead = z
  .object({
    id: z.uuid(),
    companyName: z.string(),
    city: z.string(),
    industry: z.string().nullable(),
    stage: z.number().int(),
    contact: z
      .object({
        firstName: z.string().nullable(),
        lastName: z.string().nullable(),
        email: z.string().nullable(),
        phone: z.string().nullable(),
      })
      .nullable(),
    vatId: z.string().nullable(),
    expectedVolume: z.number().nullable(),
    createdAt: at,
    protection: ZProtection.nullable(),
    holds: z.array(ZHold.extend({ note: z.string().nullable() })),
    collaborators: z.array(
      z.object({ userId: z.uuid(), role: z.enum(COLLABORATOR_ROLES), sharePercent: z.number().nullable() }),
    ),
    extensions: z.array(
      z.object({
        id: z.uuid(),
        days: z.number().int(),
        reason: z.string(),
        status: z.enum(["PENDING", "APPROVED", "DENIED", "CLOSED"]),
        requestedAt: at,
        decidedAt: at.nullable(),
        decisionComment: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: "Lead" });
export type TProtection = z.infer<typeof ZProtection>;
export type TLeadListItem = z.infer<typeof ZLeadListItem>;
export type TLead = z.infer<typeof ZLead>;

export const ZLeadPage = z.object({ items: z.array(ZLeadListItem), nextCursor: z.string().nullable() });
export type TLeadPage = z.infer<typeof ZLeadPage>;

const ZMemberOption = z.object({ id: z.uuid(), name: z.string(), role: z.string() });

/** A lead's history for its page, with the members for the pickers and what the caller may do. */
export const ZLeadTimeline = z
  .object({
    activities: z.array(
      z.object({
        id: z.uuid(),
        kind: z.string(),
        at,
        note: z.string().nullable(),
        createdBy: z.uuid().nullable(),
      }),
    ),
    assignments: z.array(
      z.object({
        id: z.uuid(),
        ownerUserId: z.uuid(),
        assignedAt: at,
        releasedAt: at.nullable(),
        releaseReason: z.string().nullable(),
      }),
    ),
    /** The organisation's members, for names and the pickers (collaborators, new owner). */
    members: z.array(ZMemberOption),
    /** What the caller may do on this lead, by the same rules the services apply. */
    can: z.object({
      write: z.boolean(),
      logActivity: z.boolean(),
      manage: z.boolean(),
      erase: z.boolean(),
    }),
  })
  .meta({ id: "LeadTimeline" });
export type TLeadTimeline = z.infer<typeof ZLeadTimeline>;

const ZQueueLead = z.object({
  id: z.uuid(),
  companyName: z.string(),
  city: z.string(),
  ownerName: z.string().nullable(),
  at: at.nullable().describe("GRACE: when protection lapses; expired: when it lapsed or was released"),
});

/** The managers' queue: extension requests waiting for a decision, leads in GRACE, recent expiries. */
export const ZManagerQueue = z
  .object({
    pending: z.array(
      z.object({
        id: z.uuid(),
        leadId: z.uuid(),
        companyName: z.string(),
        city: z.string(),
        days: z.number().int(),
        reason: z.string(),
        requestedAt: at,
        escalatedAt: at.nullable(),
        requestedBy: z.string().nullable(),
        baseUntil: at.nullable(),
        validUntil: at.nullable(),
      }),
    ),
    grace: z.array(ZQueueLead),
    expired: z.array(ZQueueLead),
  })
  .meta({ id: "ManagerQueue" });
export type TManagerQueue = z.infer<typeof ZManagerQueue>;
