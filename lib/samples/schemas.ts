import { z } from "zod";

// The contract between samples-core and samples-portal (placeholder until samples-core lands).
export const ZRating = z.number().int().min(1).max(5);
export const ZContactRole = z.enum(["CHEF", "BUYER", "GM", "OTHER"]);
export const ZFeedbackItem = z
  .object({
    sku: z.string().min(1).max(64),
    rating: ZRating,
    comment: z.string().trim().max(2000).optional(),
    wouldReorder: z.boolean().optional(),
  })
  .strict();
export const ZFeedbackSubmission = z
  .object({
    contact: z.object({ name: z.string().trim().min(1).max(120), role: ZContactRole }).strict(),
    items: z.array(ZFeedbackItem).min(1).max(50),
  })
  .strict();
export const ZFeedbackDraft = z
  .object({
    contact: z
      .object({ name: z.string().trim().max(120).optional(), role: ZContactRole.optional() })
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

export const ZPortalView = z.object({
  state: z.enum(["open", "submitted"]),
  locale: z.enum(["de", "en"]),
  recipientName: z.string().nullable(),
  senderName: z.string(),
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
  draft: ZFeedbackDraft,
});
export type PortalView = z.infer<typeof ZPortalView>;
