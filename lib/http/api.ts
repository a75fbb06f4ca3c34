import "server-only";

import { type z, ZodError } from "zod";

import { contextRoles, type TRole } from "@/lib/auth/roles";
import { currentAccount, orgSessionFor, type OrgSession } from "@/lib/auth/session";
import { authenticateToken } from "@/lib/auth/tokens";
import type { DbContext } from "@/lib/db";
import { env } from "@/lib/env";

import { formFields } from "@/lib/forms";
import { readJsonBody } from "./body";
import { clientIp } from "./client-ip";
import { asInvalidInput } from "./data-exception";
import { AppError, isAppError, type FieldError } from "@/lib/errors";
import { withIdempotency } from "./idempotency";
import { hasPrototypeKey } from "@/lib/keys";
import { log } from "@/lib/log";
import { recordRequest } from "@/lib/log/request-stats";
import { ORG_HEADER_NAME } from "./org-header";
import { assertSameOrigin } from "./origin";
import { problemResponse } from "./problem";
import { hitRateLimit } from "./rate-limit";
import { requestIdFrom } from "./request-id";
import type { ApiSpec } from "./spec";

/** Who called an /api/v1 route, after authentication. Every handler gets one; none runs without. */
export interface ApiCaller {
  userId: string;
  orgId: string;
  orgSlug: string;
  role: TRole;
  via: "token" | "session";
  /** `token:<id>` or `user:<id>`: whose rate limit and idempotency keys these are. */
  key: string;
  ctx: DbContext & { orgId: string; userId: string };
}

export interface ApiContext<P, Q, B> {
  request: Request;
  caller: ApiCaller;
  params: P;
  query: Q;
  body: B;
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
      key: `token:${tokenId}`,
      ctx: { orgId, userId, roles, actor: { type: "token", id: tokenId } },
    };
  }

  const account = await currentAccount();
  if (!account) throw new AppError("unauthorized", "Sign in or send `Authorization: Bearer <token>`.");
  const wanted = request.headers.get(ORG_HEADER_NAME);
  let session: OrgSession | null;
  if (wanted) {
    session = orgSessionFor(account, wanted);
  } else if (account.memberships.length === 1) {
    session = orgSessionFor(account, account.memberships[0].slug);
  } else {
    throw new AppError(
      "bad_request",
      `You belong to several organisations: name one in the ${ORG_HEADER_NAME} header.`,
    );
  }
  if (!session) throw new AppError("not_found", "No such organisation.");
  const { org, ctx } = session;
  return {
    userId: account.id,
    orgId: org.orgId,
    orgSlug: org.slug,
    role: org.role,
    via: "session",
    key: `user:${account.id}`,
    ctx,
  };
}

async function limit(key: string, perMinute: number): Promise<void> {
  const verdict = await hitRateLimit(key, perMinute, 60);
  if (!verdict.allowed) {
    throw new AppError("rate_limited", "Too many requests. Slow down and retry later.", {
      retryAfterSeconds: verdict.retryAfterSeconds,
    });
  }
}

function zodFieldErrors(error: ZodError, location: string): FieldError[] {
  return error.issues.map((i) => ({ path: [location, ...i.path].join("."), message: i.message }));
}

export function parse<T extends z.ZodType>(
  schema: T | undefined,
  value: unknown,
  location: string,
): z.infer<T> {
  if (!schema) return undefined as z.infer<T>;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new AppError("bad_request", `The request's ${location} is not valid.`, {
      fieldErrors: zodFieldErrors(parsed.error, location),
    });
  }
  return parsed.data;
}

/** The query string for the schema, in a null-prototype object; a forged parameter name is a 400. */
function queryFields(params: URLSearchParams): Record<string, FormDataEntryValue> {
  const fields = formFields(params);
  if (!fields) throw new AppError("bad_request", PROTOTYPE_KEY_REFUSAL);
  return fields;
}

const PROTOTYPE_KEY_REFUSAL = "Names __proto__, constructor and prototype are not allowed in a request.";

/** The JSON body under the wrapper's limits (lib/http/body.ts); a forged member name is a 400. */
export async function readJson(request: Request): Promise<unknown> {
  const body = await readJsonBody(request);
  if (hasPrototypeKey(body)) throw new AppError("bad_request", PROTOTYPE_KEY_REFUSAL);
  return body;
}

/** Turns any failure into problem+json; unexpected ones are logged with the request id. */
export function errorResponse(error: unknown, requestId: string, instance: string): Response {
  const headers: Record<string, string> = { "x-request-id": requestId, "cache-control": "no-store" };
  if (isAppError(error)) {
    if (error.retryAfterSeconds) headers["retry-after"] = String(error.retryAfterSeconds);
    return problemResponse(error.status, {
      type: error.kind.replaceAll("_", "-"),
      detail: error.message,
      code: error.text?.code,
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
      errors: zodFieldErrors(error, "request"),
      headers,
    });
  }
  log().error({ requestId, err: error }, "api request failed");
  return problemResponse(500, {
    detail: `Something went wrong on our side. Quote request id ${requestId} when you report it.`,
    instance,
    headers,
  });
}

/**
 * The one wrapper for /api/v1 route handlers: assigns a request id, applies the per-IP rate limit,
 * authenticates (Bearer token or session cookie) and resolves the organisation, refuses a cookie's
 * write from another site, applies the per-caller rate limit, parses params, query and body (JSON
 * only, at most 1 MB) with the operation's zod schemas, honours `Idempotency-Key` on POST, runs the
 * handler, and turns every failure into problem+json. Answers are never cached: they are personal.
 */
export function apiRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  spec: ApiSpec<P, Q, B>,
  handler: (context: ApiContext<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<Response>,
) {
  return async (request: Request, route: { params: Promise<unknown> }): Promise<Response> => {
    const requestId = requestIdFrom(request.headers);
    const url = new URL(request.url);
    const instance = url.pathname;
    const started = performance.now();
    // The route as its template (`GET /leads/{id}`): ids stay out of the route, which groups timings.
    const routeName = `${spec.method} ${spec.path}`;
    let who: { orgId: string | null; userId: string | null } = { orgId: null, userId: null };
    const finish = (response: Response): Response => {
      const durationMs = Math.round(performance.now() - started);
      recordRequest(routeName, durationMs, response.status);
      const fields = { requestId, ...who, route: routeName, status: response.status, durationMs };
      // Info only: an unexpected failure has logged its error with the stack already (errorResponse).
      log().info(fields, "api request");
      return response;
    };
    try {
      const ip = clientIp(request.headers);
      const { API_RATE_LIMIT_PER_IP_PER_MINUTE, API_RATE_LIMIT_PER_CALLER_PER_MINUTE } = env();
      await limit(`api:ip:${ip}`, API_RATE_LIMIT_PER_IP_PER_MINUTE);
      const authenticated = await authenticate(request);
      if (authenticated.via === "session") assertSameOrigin(request);
      await limit(`api:${authenticated.key}`, API_RATE_LIMIT_PER_CALLER_PER_MINUTE);
      const caller = { ...authenticated, ctx: { ...authenticated.ctx, requestId, ip } };
      who = { orgId: caller.orgId, userId: caller.userId };

      const params = parse(spec.params, (await route.params) ?? {}, "params");
      const query = parse(spec.query, queryFields(url.searchParams), "query");
      const rawBody = spec.body ? await readJson(request) : undefined;
      const body = parse(spec.body, rawBody ?? {}, "body");

      const run = () =>
        handler({ request, caller, params, query, body, requestId }).catch((error: unknown) =>
          errorResponse(asInvalidInput(error, { params, query, body }), requestId, instance),
        );
      const idempotencyKey = request.headers.get("idempotency-key");
      const response =
        spec.method === "POST" && idempotencyKey !== null
          ? await withIdempotency(caller, idempotencyKey, `${spec.method} ${instance}`, rawBody, run)
          : await run();
      response.headers.set("x-request-id", requestId);
      response.headers.set("cache-control", "no-store");
      return finish(response);
    } catch (error) {
      return finish(errorResponse(error, requestId, instance));
    }
  };
}
