import "server-only";

import { randomUUID } from "node:crypto";

/** What a caller's request id may look like: it lands in logs, answers and the audit trail. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The caller's X-Request-Id when it is short and plain (to correlate with their logs), else a new one. */
export function requestIdFrom(headers: Headers): string {
  const offered = headers.get("x-request-id");
  return offered !== null && SAFE_REQUEST_ID.test(offered) ? offered : randomUUID();
}
