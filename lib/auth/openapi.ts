import { z } from "zod";

import { defineApi } from "@/lib/http/spec";

import { ZMe, ZMember, ZTokenSummary } from "./schemas";

/** The /api/v1 operations of the caller's own account: who am I, my tokens, my sessions. */

export const getMeApi = defineApi({
  operationId: "getMe",
  method: "GET",
  path: "/me",
  tag: "Account",
  summary: "Who is calling: user, organisation, role, and how they authenticated",
  response: { status: 200, description: "The caller", schema: ZMe },
});

export const listTokensApi = defineApi({
  operationId: "listTokens",
  method: "GET",
  path: "/tokens",
  tag: "Account",
  summary: "The caller's own access tokens in this organisation (never the secrets)",
  response: { status: 200, description: "Newest first", schema: z.object({ items: z.array(ZTokenSummary) }) },
});

export const revokeTokenApi = defineApi({
  operationId: "revokeToken",
  method: "DELETE",
  path: "/tokens/{id}",
  tag: "Account",
  summary: "Revoke one of the caller's own tokens",
  params: z.object({ id: z.uuid() }),
  response: { status: 204, description: "Revoked" },
  problems: [404],
});

export const endAllSessionsApi = defineApi({
  operationId: "endAllSessions",
  method: "DELETE",
  path: "/sessions",
  tag: "Account",
  summary: "Sign out everywhere: end every browser session of the caller, this one included",
  description:
    "Every session cookie of the user stops working at once, in every browser and device; the user " +
    "signs in again. Personal access tokens are not affected (revoke them under /tokens).",
  response: { status: 204, description: "Every session ended" },
});

export const listMembersApi = defineApi({
  operationId: "listMembers",
  method: "GET",
  path: "/members",
  tag: "Members",
  summary: "The organisation's members with role, state and last sign-in (admins only)",
  response: { status: 200, description: "By name", schema: z.object({ items: z.array(ZMember) }) },
  problems: [403],
});
