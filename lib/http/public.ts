import "server-only";

import type { z } from "zod";

import { env } from "@/lib/env";

import { errorResponse, parse, readJson } from "./api";
import { clientIp } from "./client-ip";
import { AppError } from "@/lib/errors";
import { assertSameOrigin } from "./origin";
import { hitRateLimit } from "./rate-limit";
import { requestIdFrom } from "./request-id";
import type { ApiSpec } from "./spec";

/**
 * The wrapper for routes anyone may call (sign-in, the API document, the customer feedback portal):
 * a per-IP rate limit (429 with Retry-After), no writes from other sites (login CSRF would sign a
 * victim into the attacker's account) and problem+json for every failure.
 */
export function publicRoute<R>(handler: (request: Request, route: R) => Promise<Response>) {
  return async (request: Request, route: R): Promise<Response> => {
    const requestId = requestIdFrom(request.headers);
    try {
      const ip = clientIp(request.headers);
      const verdict = await hitRateLimit(`public:ip:${ip}`, env().PUBLIC_RATE_LIMIT_PER_IP_PER_MINUTE, 60);
      if (!verdict.allowed) {
        throw new AppError("rate_limited", "Too many requests. Slow down and retry later.", {
          retryAfterSeconds: verdict.retryAfterSeconds,
        });
      }
      assertSameOrigin(request);
      const response = await handler(request, route);
      response.headers.set("x-request-id", requestId);
      return response;
    } catch (error) {
      return errorResponse(error, requestId, new URL(request.url).pathname);
    }
  };
}

/**
 * A public /api/v1 operation (`spec.public`): publicRoute's per-IP limit and same-origin writes,
 * then the operation's params and JSON body parsed with its zod schemas, as apiRoute does for
 * authenticated ones. Answers are never cached.
 */
export function publicApiRoute<P extends z.ZodType, B extends z.ZodType>(
  spec: ApiSpec<P, z.ZodType, B>,
  handler: (context: { request: Request; params: z.infer<P>; body: z.infer<B> }) => Promise<Response>,
) {
  return publicRoute(async (request: Request, route: { params: Promise<unknown> }) => {
    const params = parse(spec.params, (await route.params) ?? {}, "params");
    const body = parse(spec.body, spec.body ? ((await readJson(request)) ?? {}) : undefined, "body");
    const response = await handler({ request, params, body });
    response.headers.set("cache-control", "no-store");
    return response;
  });
}
