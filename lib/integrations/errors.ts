/**
 * A vendor's answer that is a failure, as the adapters report it to the resilience policy. The
 * adapter decides what is transient (worth a retry, and a sign of an unhealthy vendor: HTTP 429 and
 * 5xx, SMTP 4xx, network errors); anything else is the vendor refusing this one request (HTTP 4xx,
 * SMTP 5xx) and neither retried nor counted against the breaker.
 */
export class IntegrationError extends Error {
  /** HTTP status or SMTP reply code, when the vendor answered. */
  readonly status?: number;
  readonly transient: boolean;
  /** The vendor's Retry-After, in milliseconds. */
  readonly retryAfterMs?: number;

  constructor(message: string, options: { status?: number; transient: boolean; retryAfterMs?: number }) {
    super(message);
    this.name = "IntegrationError";
    this.status = options.status;
    this.transient = options.transient;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** Node's network failures: the vendor was not reached, or the connection broke. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "ECONNECTION",
  "ESOCKET",
  "ETIMEDOUT",
]);

export function isNetworkError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code ?? (error.cause as { code?: unknown } | undefined)?.code;
  return (typeof code === "string" && NETWORK_CODES.has(code)) || error.message === "fetch failed";
}

/**
 * Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110 10.2.3); undefined when
 * absent or unreadable.
 */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** An HTTP answer that is not 2xx as an IntegrationError: 429 and 5xx are transient. */
export function httpError(response: Response, operation: string): IntegrationError {
  const status = response.status;
  return new IntegrationError(`${operation}: HTTP ${status}`, {
    status,
    transient: status === 429 || status >= 500,
    retryAfterMs: retryAfterMs(response.headers.get("retry-after")),
  });
}

/**
 * An error's message fit for a log line, a call row or the UI: credentials in URLs and
 * `user:password@`, bearer tokens and `password=` pairs are replaced, and the length is capped.
 */
export function redactError(message: string, max = 500): string {
  return message
    .replace(/(\w+:\/\/)[^/\s:@]*:[^/\s@]*@/g, "$1[secret]@")
    .replace(/(bearer\s+)[\w.~+/=-]+/gi, "$1[secret]")
    .replace(/((?:pass(?:word)?|secret|token|api[_-]?key|auth)\s*[=:]\s*)("[^"]*"|\S+)/gi, "$1[secret]")
    .slice(0, max);
}
