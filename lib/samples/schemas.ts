import { z } from "zod";

import { numeric, text, ZDbString } from "@/lib/db/columns";
import { formInput } from "@/lib/forms";

/**
 * Samples: the catalogue, sample boxes, test phases, results, feedback and the links the customer
 * answers through. The first half is the contract of the public portal (app/feedback, its API),
 * the second the admin side's inputs. PostgreSQL keeps the same lists in CHECK constraints
 * (sql/migrations/20261207200000_samples.sql).
 */

// The public portal ----------------------------------------------------------------------------------

export const ZRating = z.number().int().min(1).max(5);
export const CONTACT_ROLES = ["CHEF", "BUYER", "GM", "OTHER"] as const;
export const ZContactRole = z.enum(CONTACT_ROLES);
export const ZFeedbackItem = z
  .object({
    sku: ZDbString.min(1).max(64),
    rating: ZRating,
    comment: ZDbString.trim().max(2000).optional(),
    wouldReorder: z.boolean().optional(),
  })
  .strict();
export const ZFeedbackSubmission = z
  .object({
    contact: z.object({ name: ZDbString.trim().min(1).max(120), role: ZContactRole }).strict(),
    items: z.array(ZFeedbackItem).min(1).max(50),
  })
  .strict();
/** A draft: everything optional, ratings may be missing. */
export const ZFeedbackDraft = z
  .object({
    contact: z
      .object({ name: ZDbString.trim().max(120).optional(), role: ZContactRole.optional() })
      .strict()
      .optional(),
    items: z
      .array(ZFeedbackItem.partial({ rating: true }))
      .max(50)
      .optional(),
  })
  .strict();
export type FeedbackSubmission = z.infer<typeof ZFeedbackSubmission>;
export type FeedbackDraft = z.infer<typeof ZFeedbackDraft>;

export const FEEDBACK_LOCALES = ["de", "en"] as const;
export const ZFeedbackLocale = z.enum(FEEDBACK_LOCALES);

export const ZPortalView = z.object({
  state: z.enum(["open", "submitted"]),
  /** The link's language. */
  locale: ZFeedbackLocale,
  recipientName: z.string().nullable(),
  /** The organisation's display name, e.g. "FreshFoodz Demo": never the lead or the partner. */
  senderName: z.string(),
  /** ISO 8601. */
  expiresAt: z.string(),
  submittedAt: z.string().nullable(),
  products: z.array(
    z.object({
      sku: z.string(),
      name: z.string(),
      unit: z.string().nullable(),
      packSize: z.string().nullable(),
      imageUrl: z.string().nullable(),
    }),
  ),
  /** {} when nothing is saved; after the submission, what was submitted. */
  draft: ZFeedbackDraft,
});
export type PortalView = z.infer<typeof ZPortalView>;

// The admin side --------------------------------------------------------------------------------------

export const PRODUCT_SOURCES = ["MANUAL", "XENTRAL"] as const;
export const BOX_STATUSES = [
  "CONFIGURED",
  "SHIPPED",
  "DELIVERED",
  "IN_TEST",
  "FEEDBACK",
  "DECIDED",
  "CANCELLED",
] as const;
export type TBoxStatus = (typeof BOX_STATUSES)[number];
export const PHASE_STAGES = ["SAMPLE", "TRIAL", "PRODUCTION_CANDIDATE"] as const;
export const RESULT_OUTCOMES = ["SUCCESS", "MIXED", "FAIL"] as const;
export const FEEDBACK_SOURCES = ["EMAIL", "FORM", "PHONE", "VISIT"] as const;

/** A sku as product.sku allows it. */
export const ZSku = ZDbString.regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/, "a sku: letters, digits, . _ / -");

const instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));
const day = z.iso.date();

export const ZCreateProduct = z.strictObject({
  sku: ZSku,
  name: text(200),
  category: text(100).optional(),
  unit: text(40).optional(),
  packSize: text(100).optional(),
  /** https, or a path on this site. */
  imageUrl: ZDbString.max(2000)
    .regex(/^(https:\/\/|\/[^/])/, "an https URL or a path on this site")
    .optional(),
});
export type TCreateProduct = z.infer<typeof ZCreateProduct>;

export const ZListProducts = z.strictObject({
  /** Inactive products too (admins keep the catalogue); by default only active ones. */
  all: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  q: text(100).optional(),
});
export type TListProducts = z.infer<typeof ZListProducts>;

export const ZBoxItem = z.strictObject({
  sku: ZSku,
  qty: z.number().int().min(1).max(1000),
});

export const ZCreateBox = z.strictObject({
  leadId: z.uuid(),
  accountId: z.uuid().optional(),
  items: z
    .array(ZBoxItem)
    .min(1)
    .max(50)
    .refine((items) => new Set(items.map((i) => i.sku)).size === items.length, {
      message: "each sku once",
      params: { i18n: "skuTwice" },
    }),
  notes: text(4000).optional(),
});
export type TCreateBox = z.infer<typeof ZCreateBox>;

export const ZListBoxes = z.strictObject({
  leadId: z.uuid().optional(),
  status: z.enum(BOX_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export type TListBoxes = z.infer<typeof ZListBoxes>;

export const ZBoxStatusChange = z.strictObject({
  status: z.enum(BOX_STATUSES),
  /** When it happened (shipped, delivered, …); defaults to now, never in the future. */
  at: instant.optional(),
  trackingRef: text(200).optional(),
});
export type TBoxStatusChange = z.infer<typeof ZBoxStatusChange>;

export const ZCreatePhase = z
  .strictObject({
    stage: z.enum(PHASE_STAGES),
    startDate: day,
    endDate: day,
  })
  .refine((p) => p.endDate >= p.startDate, {
    path: ["endDate"],
    message: "must not be before startDate",
    params: { i18n: "endBeforeStart" },
  });
export type TCreatePhase = z.infer<typeof ZCreatePhase>;

export const ZResultItem = z.strictObject({
  sku: ZSku,
  outcome: z.enum(RESULT_OUTCOMES),
  sellThroughPct: numeric(5, 2).min(0).max(100).optional(),
  wasteDeltaPct: numeric(6, 2).min(-100).max(1000).optional(),
  notes: text(4000).optional(),
});
export const ZRecordResults = z.strictObject({
  items: z
    .array(ZResultItem)
    .min(1)
    .max(50)
    .refine((items) => new Set(items.map((i) => i.sku)).size === items.length, {
      message: "each sku once",
      params: { i18n: "skuTwice" },
    }),
});
export type TRecordResults = z.infer<typeof ZRecordResults>;

export const ZCreateFeedbackLink = z.strictObject({
  recipientName: text(120).optional(),
  recipientEmail: z.string().trim().toLowerCase().pipe(z.email().max(254)).optional(),
  locale: ZFeedbackLocale.optional(),
  /** Queue the invitation e-mail now (needs recipientEmail); by default when the phase has ended. */
  sendNow: z.boolean().optional(),
});
export type TCreateFeedbackLink = z.infer<typeof ZCreateFeedbackLink>;

/** The Samples area's filters (its page's query string and the CSV export's). */
export const ZSamplesFilter = z.strictObject({
  status: z.enum(BOX_STATUSES).optional(),
  partner: z.uuid().optional(),
  product: ZSku.optional(),
});
export type TSamplesFilter = z.infer<typeof ZSamplesFilter>;

/** The admin's forms: what each posts, parsed by its action and checked by the browser first. */
export const sampleForms = {
  createProduct: formInput(ZCreateProduct),
  createPhase: formInput(ZCreatePhase),
  createFeedbackLink: formInput(ZCreateFeedbackLink, { sendNow: "boolean" }),
};
