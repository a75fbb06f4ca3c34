import "server-only";

import { randomUUID } from "node:crypto";

import { z, ZodError } from "zod";

import { currentAccount, orgSessionFor, type OrgSession } from "@/lib/auth/session";
import { authenticateToken } from "@/lib/auth/tokens";
import { contextRoles, type TRole } from "@/lib/auth/roles";
import type { DbContext } from "@/lib/db";
import { env } from "@/lib/env";

import { AppError, isAppError } from "./errors";
import { ORG_HEADER_NAME as ORG_HEADER } from "./org-header";
import { problemResponse } from "./problem";

/** Who called an /api/v1 route, after authentication. Every handler gets one; none runs without. */
export interface ApiCaller {
  userId: string;
  orgId: string;
  orgSlug: string;
  role: TRole;
  via: "token" | "session";
  ctx: DbContext & { orgId: string; userId: string };
}

export interface ApiContext<P> {
  caller: ApiCaller;
  params: P;
  requestId: string;
}

const BEARER = /^Bearer ([^\s]+)$/;

async function authenticate(request: Request): Promise<ApiCaller> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    const match = BEARER.exec(authorization.trim());
    if (!match)
      throw new AppError("unauthorized", "Malformed Authorization header; expected `Bearer <token>`.");
    const principal = await authenticateToken(match[1]);
    if (!principal) throw new AppError("unauthorized", "The token is unknown, expired or revoked.");
    const { userId, orgId, orgSlug, role, tokenId } = principal;
    const roles = contextRoles(orgSlug, role, env().PLATFORM_ORG_SLUG);
    return {
      userId,
      orgId,
      orgSlug,
      role,
      via: "token",
      ctx: { orgId, userId, roles, actor: { type: "token", id: tokenId } },
    };
  }

  const account = await currentAccount();
  if (!account) throw new AppError("unauthorized", "Sign in or send `Authorization: Bearer <token>`.");
  const wanted = request.headers.get(ORG_HEADER);
  let session: OrgSession | null;
  if (wanted) {
    session = orgSessionFor(account, wanted);
  } else if (account.memberships.length === 1) {
    session = orgSessionFor(account, account.memberships[0].slug);
  } else {
    throw new AppError(
      "bad_request",
      `You belong to several organisations: name one in the ${ORG_HEADER} header.`,
    );
  }
  if (!session) throw new AppError("not_found", "No such organisation.");
  const { org, ctx } = session;
  return { userId: account.id, orgId: org.orgId, orgSlug: org.slug, role: org.role, via: "session", ctx };
}

function errorResponse(error: unknown, requestId: string, instance: string): Response {
  const headers: Record<string, string> = { "x-request-id": requestId };
  if (isAppError(error)) {
    if (error.retryAfterSeconds) headers["retry-after"] = String(error.retryAfterSeconds);
    return problemResponse(error.status, {
      type: error.kind,
      detail: error.message,
      instance,
      errors: error.fieldErrors,
      headers,
    });
  }
  if (error instanceof ZodError) {
    return problemResponse(400, {
      type: "validation",
      detail: "The request is not valid.",
      instance,
      errors: error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
      headers,
    });
  }
  console.error(`[api] request ${requestId} failed`, error);
  return problemResponse(500, {
    detail: `Something went wrong on our side. Quote request id ${requestId} when you report it.`,
    instance,
    headers,
  });
}

/**
 * The one wrapper for /api/v1 route handlers: assigns a request id, authenticates (Bearer token or
 * session cookie) and resolves the organisation, parses route params with zod, runs the handler,
 * and turns every failure into problem+json.
 */
export function apiRoute<S extends z.ZodType>(
  paramsSchema: S,
  handler: (request: Request, context: ApiContext<z.infer<S>>) => Promise<Response>,
) {
  return async (request: Request, route: { params: Promise<unknown> }): Promise<Response> => {
    const requestId = request.headers.get("x-request-id") ?? randomUUID();
    const instance = new URL(request.url).pathname;
    try {
      const caller = await authenticate(request);
      const params = paramsSchema.parse(await route.params);
      const response = await handler(request, { caller, params, requestId });
      response.headers.set("x-request-id", requestId);
      return response;
    } catch (error) {
      return errorResponse(error, requestId, instance);
    }
  };
}

export const ZNoParams = z.object({}).optional();
