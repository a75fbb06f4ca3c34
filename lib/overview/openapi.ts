import { z } from "zod";

import { defineApi } from "@/lib/http/spec";

import { ZListNotifications, ZMarkedRead, ZNotificationPage, ZOverview, ZOverviewCounts } from "./schemas";

/** The /api/v1 operations of the home page and the in-app inbox; their answers are in schemas.ts. */

export const getOverviewApi = defineApi({
  operationId: "getOverview",
  method: "GET",
  path: "/overview",
  tag: "Overview",
  summary: "What needs the caller today: a partner's own leads, the team's numbers for managers",
  response: { status: 200, description: "The caller's overview", schema: ZOverview },
});

export const getOverviewCountsApi = defineApi({
  operationId: "getOverviewCounts",
  method: "GET",
  path: "/overview/counts",
  tag: "Overview",
  summary: "Unread notifications and, for managers, the decisions waiting (the header polls it)",
  response: { status: 200, description: "The counts", schema: ZOverviewCounts },
});

export const listNotificationsApi = defineApi({
  operationId: "listNotifications",
  method: "GET",
  path: "/notifications",
  tag: "Overview",
  summary: "The caller's in-app notifications, newest first, with the unread count",
  query: ZListNotifications,
  response: { status: 200, description: "The caller's inbox", schema: ZNotificationPage },
});

export const markNotificationReadApi = defineApi({
  operationId: "markNotificationRead",
  method: "POST",
  path: "/notifications/{id}/read",
  tag: "Overview",
  summary: "Mark one of the caller's notifications read (another member's is not found)",
  params: z.object({ id: z.uuid() }),
  response: { status: 200, description: "Marked (0 when it was read already)", schema: ZMarkedRead },
  problems: [404],
});

export const markAllNotificationsReadApi = defineApi({
  operationId: "markAllNotificationsRead",
  method: "POST",
  path: "/notifications/read-all",
  tag: "Overview",
  summary: "Mark every unread notification of the caller read",
  response: { status: 200, description: "How many were marked", schema: ZMarkedRead },
});

export const overviewApis = [
  getOverviewApi,
  getOverviewCountsApi,
  listNotificationsApi,
  markNotificationReadApi,
  markAllNotificationsReadApi,
];
