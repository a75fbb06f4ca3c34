import "server-only";

import { currentAccount, orgSessionFor, type OrgSession } from "@/lib/auth/session";
import type { DbContext } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { errorResponse } from "./api";
import { clientIp } from "./client-ip";
import { requestIdFrom } from "./request-id";

/** What a handler of an organisation's page route gets: the member's session, traced. */
export interface OrgRouteContext<P extends { org: string } = { org: string }> {
  request: Request;
  /** The route's path parameters (`org`, and e.g. `id` for `/[org]/leads/[id]/…`). */
  params: P;
  url: URL;
  session: OrgSession;
  ctx: DbContext & { orgId: string; userId: string; requestId: string; ip: string };
  requestId: string;
}

/**
 * The wrapper for a route handler beside an organisation's pages (`/[org]/…`, e.g. the audit trail's
 * CSV export), the browser's counterpart of `apiRoute`: a route handler is a public endpoint of its
 * own, so it checks everything again. Signed in with the session cookie (401), a member of the
 * organisation the path names (404, as for one that does not exist), then the handler, whose
 * service checks the permission (403). Every failure becomes problem+json through the same
 * `errorResponse` as /api/v1, so the problem types are the same (`not-found`, `forbidden`, …).
 * Answers are never cached: they are personal.
 */
export function orgRoute<P extends { org: string } = { org: string }>(
  handler: (context: OrgRouteContext<P>) => Promise<Response>,
) {
  return async (request: Request, route: { params: Promise<P> }): Promise<Response> => {
    const requestId = requestIdFrom(request.headers);
    const url = new URL(request.url);
    try {
      const account = await currentAccount();
      if (!account) throw new AppError("unauthorized", "Sign in first.");
      const params = await route.params;
      const session = orgSessionFor(account, params.org);
      if (!session) throw new AppError("not_found", "No such organisation.");
      const ctx = { ...session.ctx, requestId, ip: clientIp(request.headers) };
      const response = await handler({ request, params, url, session, ctx, requestId });
      response.headers.set("x-request-id", requestId);
      response.headers.set("cache-control", "no-store");
      return response;
    } catch (error) {
      return errorResponse(error, requestId, url.pathname);
    }
  };
}
