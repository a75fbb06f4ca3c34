import { z } from "zod";

import { defineApi } from "@/lib/http/spec";

import {
  BOX_STATUSES,
  CONTACT_ROLES,
  FEEDBACK_LOCALES,
  FEEDBACK_SOURCES,
  PHASE_STAGES,
  PRODUCT_SOURCES,
  RESULT_OUTCOMES,
  ZBoxStatusChange,
  ZCreateBox,
  ZCreateFeedbackLink,
  ZCreatePhase,
  ZCreateProduct,
  ZListBoxes,
  ZListProducts,
  ZRecordResults,
} from "./schemas";

/** The /api/v1 operations of samples on the admin side (the public portal's are the portal's). */

const at = z.iso.datetime();
const tag = "Samples";
const idParams = z.object({ id: z.uuid() });

export const ZProduct = z
  .object({
    id: z.uuid(),
    sku: z.string(),
    name: z.string(),
    category: z.string().nullable(),
    unit: z.string().nullable(),
    packSize: z.string().nullable(),
    imageUrl: z.string().nullable(),
    active: z.boolean(),
    source: z.enum(PRODUCT_SOURCES),
  })
  .meta({ id: "Product" });

const ZResult = z.object({
  sku: z.string(),
  outcome: z.enum(RESULT_OUTCOMES),
  sellThroughPct: z.number().nullable(),
  wasteDeltaPct: z.number().nullable(),
  notes: z.string().nullable(),
});

export const ZFeedbackLinkSummary = z
  .object({
    id: z.uuid(),
    state: z.enum(["OPEN", "SUBMITTED", "REVOKED", "EXPIRED"]),
    recipientName: z.string().nullable(),
    recipientEmail: z.string().nullable(),
    locale: z.enum(FEEDBACK_LOCALES),
    expiresAt: at,
    firstOpenedAt: at.nullable(),
    submittedAt: at.nullable(),
    revokedAt: at.nullable(),
    invitedAt: at.nullable(),
    remindedAt: at.nullable(),
    createdAt: at,
  })
  .meta({ id: "FeedbackLinkSummary" });

export const ZSampleBox = z
  .object({
    id: z.uuid(),
    leadId: z.uuid(),
    accountId: z.uuid().nullable(),
    status: z.enum(BOX_STATUSES),
    notes: z.string().nullable(),
    trackingRef: z.string().nullable(),
    configuredBy: z.uuid().nullable(),
    configuredAt: at,
    shippedAt: at.nullable(),
    deliveredAt: at.nullable(),
    statusAt: at,
    items: z.array(
      z.object({
        sku: z.string(),
        qty: z.number().int(),
        name: z.string(),
        unit: z.string().nullable(),
        packSize: z.string().nullable(),
      }),
    ),
    phases: z.array(
      z.object({
        id: z.uuid(),
        stage: z.enum(PHASE_STAGES),
        startDate: z.iso.date(),
        endDate: z.iso.date(),
        decision: z.string().nullable(),
        feedbackCount: z.number().int(),
        results: z.array(ZResult),
        links: z.array(ZFeedbackLinkSummary),
      }),
    ),
  })
  .meta({ id: "SampleBox" });

const ZCreatedLink = z
  .object({
    id: z.uuid(),
    url: z.string().describe("Where the customer answers: absolute when APP_URL is set, else the path"),
    token: z.string().describe("Shown here once; only its SHA-256 is stored"),
    expiresAt: at,
  })
  .meta({ id: "CreatedFeedbackLink" });

export const samplesApis = [
  defineApi({
    operationId: "listProducts",
    method: "GET",
    path: "/products",
    tag,
    summary: "The product catalogue (active products unless all=true)",
    query: ZListProducts,
    response: { status: 200, description: "The products", schema: z.object({ items: z.array(ZProduct) }) },
  }),
  defineApi({
    operationId: "createProduct",
    method: "POST",
    path: "/products",
    tag,
    summary: "Add a product by hand (admins)",
    body: ZCreateProduct,
    response: { status: 201, description: "The product", schema: ZProduct },
    problems: [403, 409],
  }),
  defineApi({
    operationId: "listSampleBoxes",
    method: "GET",
    path: "/sample-boxes",
    tag,
    summary: "The sample boxes the caller may see, newest first; of one lead with leadId",
    query: ZListBoxes,
    response: {
      status: 200,
      description: "The boxes",
      schema: z.object({
        items: z.array(
          z.object({
            id: z.uuid(),
            leadId: z.uuid(),
            companyName: z.string(),
            status: z.enum(BOX_STATUSES),
            items: z.number().int(),
            configuredAt: at,
            statusAt: at,
          }),
        ),
      }),
    },
    problems: [404],
  }),
  defineApi({
    operationId: "createSampleBox",
    method: "POST",
    path: "/sample-boxes",
    tag,
    summary: "Configure a sample box for a lead from the active catalogue",
    body: ZCreateBox,
    response: { status: 201, description: "The box", schema: ZSampleBox },
    problems: [403, 404],
  }),
  defineApi({
    operationId: "getSampleBox",
    method: "GET",
    path: "/sample-boxes/{id}",
    tag,
    summary: "A sample box with its items, test phases, results and feedback links",
    params: idParams,
    response: { status: 200, description: "The box", schema: ZSampleBox },
    problems: [404],
  }),
  defineApi({
    operationId: "changeSampleBoxStatus",
    method: "POST",
    path: "/sample-boxes/{id}/status",
    tag,
    summary: `Move a box along ${BOX_STATUSES.slice(0, 6).join(" → ")}, or to CANCELLED`,
    params: idParams,
    body: ZBoxStatusChange,
    response: { status: 200, description: "The box after the move", schema: ZSampleBox },
    problems: [403, 404, 409],
  }),
  defineApi({
    operationId: "createTestPhase",
    method: "POST",
    path: "/sample-boxes/{id}/test-phases",
    tag,
    summary: "Start a test phase (a delivered box goes IN_TEST)",
    params: idParams,
    body: ZCreatePhase,
    response: {
      status: 201,
      description: "The phase",
      schema: z.object({
        id: z.uuid(),
        boxId: z.uuid(),
        leadId: z.uuid(),
        stage: z.enum(PHASE_STAGES),
        startDate: z.iso.date(),
        endDate: z.iso.date(),
      }),
    },
    problems: [403, 404, 409],
  }),
  defineApi({
    operationId: "recordTestResults",
    method: "POST",
    path: "/test-phases/{id}/results",
    tag,
    summary: "Record (or correct) the results per product of a test phase",
    params: idParams,
    body: ZRecordResults,
    response: {
      status: 200,
      description: "All results of the phase",
      schema: z.object({ items: z.array(ZResult.extend({ recordedAt: at })) }),
    },
    problems: [403, 404],
  }),
  defineApi({
    operationId: "listTestPhaseFeedback",
    method: "GET",
    path: "/test-phases/{id}/feedback",
    tag,
    summary: "The customer feedback of a test phase, newest first",
    params: idParams,
    response: {
      status: 200,
      description: "The feedback",
      schema: z.object({
        items: z.array(
          z.object({
            id: z.uuid(),
            sku: z.string(),
            productName: z.string(),
            rating: z.number().int(),
            comment: z.string().nullable(),
            wouldReorder: z.boolean().nullable(),
            contactName: z.string().nullable(),
            contactRole: z.enum(CONTACT_ROLES).nullable(),
            source: z.enum(FEEDBACK_SOURCES),
            linkId: z.uuid().nullable(),
            sentiment: z.enum(["positive", "neutral", "negative"]).nullable(),
            sentimentTopics: z.array(z.string()),
            createdAt: at,
          }),
        ),
      }),
    },
    problems: [404],
  }),
  defineApi({
    operationId: "createFeedbackLink",
    method: "POST",
    path: "/test-phases/{id}/feedback-links",
    tag,
    summary: "Create a customer feedback link; the token is in this answer only",
    description:
      "With sendNow (or once the phase has ended) and a recipientEmail, the invitation e-mail is queued in the " +
      "recipient's language through the notification outbox.",
    params: idParams,
    body: ZCreateFeedbackLink,
    response: { status: 201, description: "The link", schema: ZCreatedLink },
    problems: [403, 404],
  }),
  defineApi({
    operationId: "resendFeedbackLink",
    method: "POST",
    path: "/feedback-links/{id}/resend",
    tag,
    summary: "Re-send: a new token for the same customer, the old link revoked, the draft kept",
    params: idParams,
    response: { status: 201, description: "The new link", schema: ZCreatedLink },
    problems: [403, 404, 409],
  }),
  defineApi({
    operationId: "revokeFeedbackLink",
    method: "DELETE",
    path: "/feedback-links/{id}",
    tag,
    summary: "Revoke a feedback link: the customer's page answers 404 from now on",
    params: idParams,
    response: { status: 204, description: "Revoked" },
    problems: [403, 404, 409],
  }),
] as const;

export const [
  listProductsApi,
  createProductApi,
  listSampleBoxesApi,
  createSampleBoxApi,
  getSampleBoxApi,
  changeSampleBoxStatusApi,
  createTestPhaseApi,
  recordTestResultsApi,
  listTestPhaseFeedbackApi,
  createFeedbackLinkApi,
  resendFeedbackLinkApi,
  revokeFeedbackLinkApi,
] = samplesApis;
