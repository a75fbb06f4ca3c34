import { z } from "zod";

import { defineApi } from "@/lib/http/spec";

import { ZFeedbackDraft, ZFeedbackSubmission, ZPortalView } from "./schemas";

/**
 * The customer feedback portal's public operations: no credential, the link's token in the path is
 * the only key (hashed at rest; unknown and withdrawn → 404, expired → 410, sent → 409).
 */
const ZTokenParams = z.object({
  token: z.string().max(200).describe("The feedback link's token (43 base64url characters)"),
});

export const ZPortalViewDoc = ZPortalView.meta({ id: "FeedbackPortalView" });

export const getFeedbackPortalApi = defineApi({
  operationId: "getFeedbackPortal",
  method: "GET",
  path: "/feedback/{token}",
  summary: "The products of a feedback link's test phase and the saved draft (public)",
  tag: "Feedback portal",
  public: true,
  params: ZTokenParams,
  response: { status: 200, description: "The portal's view of the link", schema: ZPortalViewDoc },
  problems: [404, 410],
});

export const saveFeedbackDraftApi = defineApi({
  operationId: "saveFeedbackDraft",
  method: "PUT",
  path: "/feedback/{token}/draft",
  summary: "Save the customer's answers so far; replaces the saved draft (public)",
  tag: "Feedback portal",
  public: true,
  params: ZTokenParams,
  body: ZFeedbackDraft,
  response: { status: 200, description: "The portal's view with the saved draft", schema: ZPortalViewDoc },
  problems: [404, 409, 410],
});

export const submitFeedbackApi = defineApi({
  operationId: "submitFeedback",
  method: "POST",
  path: "/feedback/{token}",
  summary: "Send the feedback; a link takes exactly one submission (public)",
  description:
    "Stores one rating per product and logs a qualifying SAMPLE_FEEDBACK activity on the lead. " +
    "A second submission, however close in time, is a 409. A sku outside the test phase or a rating " +
    "outside 1–5 is a 400 naming the field (`items.<n>.sku`, `items.<n>.rating`).",
  tag: "Feedback portal",
  public: true,
  params: ZTokenParams,
  body: ZFeedbackSubmission,
  response: {
    status: 201,
    description: "Received",
    schema: z.object({ submittedAt: z.iso.datetime() }).meta({ id: "FeedbackReceipt" }),
  },
  problems: [404, 409, 410],
});

export const feedbackPortalApis = [getFeedbackPortalApi, saveFeedbackDraftApi, submitFeedbackApi];
