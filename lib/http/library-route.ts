import "server-only";

import type { NextRequest } from "next/server";

import { errorResponse } from "./api";
import { boundedRequest } from "./body";
import { requestIdFrom } from "./request-id";

/**
 * A route handler a library provides (next-auth's, Inngest's), behind a body limit: a larger body
 * is a 413 problem before the library reads a byte of it.
 */
export function libraryRoute<C>(
  handler: (request: NextRequest, context: C) => Promise<Response>,
  { bodyLimit }: { bodyLimit: number },
) {
  return async (request: NextRequest, context: C): Promise<Response> => {
    let bounded: NextRequest;
    try {
      bounded = await boundedRequest(request, bodyLimit);
    } catch (error) {
      return errorResponse(error, requestIdFrom(request.headers), request.nextUrl.pathname);
    }
    return handler(bounded, context);
  };
}
