import { z } from "zod";

import { defineApi } from "@/lib/http/spec";

import {
  ACTIVITY_KINDS,
  COLLABORATOR_ROLES,
  HOLD_REASONS,
  PROTECTION_STATUSES,
  ZAddCollaborator,
  ZBackdate,
  ZCreateHold,
  ZCreateLead,
  ZExtensionDecision,
  ZExtensionRequest,
  ZListLeads,
  ZLogActivity,
  ZReassign,
} from "./schemas";

/** The /api/v1 operations of lead protection, with the schemas of what they answer. */

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

const ZHold = z.object({ id: z.uuid(), reason: z.enum(HOLD_REASONS), startAt: at, endAt: at.nullable() });

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

const ZCollaborators = z.object({
  items: z.array(
    z.object({
      userId: z.uuid(),
      name: z.string(),
      role: z.enum(COLLABORATOR_ROLES),
      sharePercent: z.number().nullable(),
    }),
  ),
});
const leadParams = z.object({ id: z.uuid() });
const tag = "Leads";

export const leadApis = [
  defineApi({
    operationId: "createLead",
    method: "POST",
    path: "/leads",
    tag,
    summary:
      "Register a lead (201); similar leads in the same city → 202 with candidates, resend with confirmSimilar",
    body: ZCreateLead,
    response: { status: 201, description: "Registered, with its protection", schema: ZLead },
    problems: [403, 409, 422],
  }),
  defineApi({
    operationId: "listLeads",
    method: "GET",
    path: "/leads",
    tag,
    summary: "Leads you may see, newest first, each with its protection (cursor-paginated)",
    query: ZListLeads,
    response: {
      status: 200,
      description: "A page; pass nextCursor as cursor for the next",
      schema: z.object({ items: z.array(ZLeadListItem), nextCursor: z.string().nullable() }),
    },
  }),
  defineApi({
    operationId: "getLead",
    method: "GET",
    path: "/leads/{id}",
    tag,
    summary: "A lead with its protection, holds and collaborators",
    params: leadParams,
    response: { status: 200, description: "The lead", schema: ZLead },
    problems: [404],
  }),
  defineApi({
    operationId: "getLeadProtection",
    method: "GET",
    path: "/leads/{id}/protection",
    tag,
    summary: "Why and until when the lead is protected",
    params: leadParams,
    response: { status: 200, description: "The protection", schema: ZProtection },
    problems: [404],
  }),
  defineApi({
    operationId: "logLeadActivity",
    method: "POST",
    path: "/leads/{id}/activities",
    tag,
    summary: `Log an activity (${ACTIVITY_KINDS.join(", ")}); qualifying ones move the deadline`,
    params: leadParams,
    body: ZLogActivity,
    response: {
      status: 201,
      description: "Logged; with the protection after it",
      schema: z.object({
        id: z.uuid(),
        kind: z.enum(ACTIVITY_KINDS),
        at,
        note: z.string().nullable(),
        protection: ZProtection.nullable(),
      }),
    },
    problems: [403, 404],
  }),
  defineApi({
    operationId: "createLeadHold",
    method: "POST",
    path: "/leads/{id}/holds",
    tag,
    summary: "Stop the clock (a past start for managers and admins)",
    params: leadParams,
    body: ZCreateHold,
    response: {
      status: 201,
      description: "The hold, with the protection after it",
      schema: ZHold.extend({ protection: ZProtection.nullable() }),
    },
    problems: [403, 404, 409],
  }),
  defineApi({
    operationId: "endLeadHold",
    method: "DELETE",
    path: "/leads/{id}/holds/{holdId}",
    tag,
    summary: "End an open hold now",
    params: z.object({ id: z.uuid(), holdId: z.uuid() }),
    response: { status: 204, description: "Ended" },
    problems: [403, 404, 409],
  }),
  defineApi({
    operationId: "backdateLeadRegistration",
    method: "PUT",
    path: "/leads/{id}/registered-at",
    tag,
    summary: "Backdate the registration (assigned_at), with a reason (managers and admins)",
    params: leadParams,
    body: ZBackdate,
    response: { status: 204, description: "Changed" },
    problems: [403, 404, 409],
  }),
  defineApi({
    operationId: "requestLeadExtension",
    method: "POST",
    path: "/leads/{id}/extensions",
    tag,
    summary: "Ask for more days of protection (§2(8)(e))",
    params: leadParams,
    body: ZExtensionRequest,
    response: {
      status: 201,
      description: "Waiting for a decision",
      schema: z.object({
        id: z.uuid(),
        status: z.literal("PENDING"),
        days: z.number().int(),
        requestedAt: at,
      }),
    },
    problems: [403, 404, 409],
  }),
  defineApi({
    operationId: "decideLeadExtension",
    method: "POST",
    path: "/extension-requests/{id}/decision",
    tag,
    summary: "Approve or deny an extension request (managers and admins)",
    params: leadParams,
    body: ZExtensionDecision,
    response: {
      status: 200,
      description: "Decided; with the protection after it",
      schema: z.object({
        id: z.uuid(),
        status: z.enum(["APPROVED", "DENIED"]),
        days: z.number().int(),
        decidedAt: at.nullable(),
        protection: ZProtection.nullable(),
      }),
    },
    problems: [403, 404, 409],
  }),
  defineApi({
    operationId: "listLeadCollaborators",
    method: "GET",
    path: "/leads/{id}/collaborators",
    tag,
    summary: "Collaborators with role and commission share",
    params: leadParams,
    response: { status: 200, description: "The collaborators", schema: ZCollaborators },
    problems: [404],
  }),
  defineApi({
    operationId: "addLeadCollaborator",
    method: "POST",
    path: "/leads/{id}/collaborators",
    tag,
    summary: "Add a collaborator (shares of all collaborators at most 100 %)",
    params: leadParams,
    body: ZAddCollaborator,
    response: { status: 201, description: "All collaborators after the change", schema: ZCollaborators },
    problems: [403, 404, 409, 422],
  }),
  defineApi({
    operationId: "removeLeadCollaborator",
    method: "DELETE",
    path: "/leads/{id}/collaborators/{userId}",
    tag,
    summary: "Remove a collaborator",
    params: z.object({ id: z.uuid(), userId: z.uuid() }),
    response: { status: 204, description: "Removed" },
    problems: [403, 404],
  }),
  defineApi({
    operationId: "reassignLead",
    method: "POST",
    path: "/leads/{id}/assignment",
    tag,
    summary: "Give the lead to another member (managers and admins)",
    params: leadParams,
    body: ZReassign,
    response: { status: 200, description: "The lead with its new owner", schema: ZLead },
    problems: [403, 404, 409, 422],
  }),
] as const;

export const [
  createLeadApi,
  listLeadsApi,
  getLeadApi,
  getLeadProtectionApi,
  logLeadActivityApi,
  createLeadHoldApi,
  endLeadHoldApi,
  backdateLeadRegistrationApi,
  requestLeadExtensionApi,
  decideLeadExtensionApi,
  listLeadCollaboratorsApi,
  addLeadCollaboratorApi,
  removeLeadCollaboratorApi,
  reassignLeadApi,
] = leadApis;
