import "server-only";

import { ProviderError, type TAiProvider, type TProviderFailure } from "@/lib/ai/types";

type ErrorClass<E extends Error = Error> = abstract new (...args: never[]) => E;

/**
 * The error classes an official SDK throws. openai and @anthropic-ai/sdk share the hierarchy (the
 * same generator writes both): a caller's abort, a timeout that extends the connection error, and
 * an API error with the HTTP status.
 */
export interface SdkErrors {
  abort: ErrorClass;
  timeout: ErrorClass;
  connection: ErrorClass;
  api: ErrorClass<Error & { status?: number }>;
}

/**
 * The SDK's error classes as the router's failure kinds. A caller's own abort is not a provider
 * failure: it propagates unchanged, so it neither fails over nor trips the breaker.
 */
export function toProviderError(provider: TAiProvider, sdk: SdkErrors, error: unknown): unknown {
  if (error instanceof sdk.abort) return error;
  // The timeout class extends the connection class, so it is asked first.
  if (error instanceof sdk.timeout) {
    return new ProviderError(provider, "timeout", error.message, { cause: error });
  }
  if (error instanceof sdk.connection) {
    return new ProviderError(provider, "connection", error.message, { cause: error });
  }
  if (error instanceof sdk.api && error.status !== undefined) {
    return new ProviderError(provider, failureForStatus(error.status), error.message, { cause: error });
  }
  return error;
}

/** An HTTP status as a failure kind. Anthropic's 529 ("overloaded") is a 5xx and fails over like any. */
export function failureForStatus(status: number): TProviderFailure {
  if (status === 408) return "timeout";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "server";
  if (status === 401 || status === 403) return "auth";
  return "bad_request";
}
