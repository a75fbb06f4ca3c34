import "server-only";

import { env } from "@/lib/env";

import { errorResponse } from "./api";
import { clientIp } from "./client-ip";
import { AppError } from "@/lib/errors";
import { assertSameOrigin } from "./origin";
import { hitRateLimit } from "./rate-limit";
import { requestIdFrom } from "./request-id";

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
