/**
 * Expected errors: the ones a user may see. Services throw them; the API wrapper turns them into
 * problem+json, server actions into form results. Anything else is unexpected: logged with a
 * request id and shown as a generic message.
 */
export type AppErrorKind =
  | "bad_request"
  | "unauthorized"
  | "ai_budget_exceeded"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "unprocessable"
  | "rate_limited"
  | "unavailable";

export interface FieldError {
  path: string;
  message: string;
}

export const STATUS_BY_KIND: Record<AppErrorKind, number> = {
  bad_request: 400,
  unauthorized: 401,
  ai_budget_exceeded: 402,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
};

export class AppError extends Error {
  readonly kind: AppErrorKind;
  readonly fieldErrors: FieldError[];
  readonly retryAfterSeconds?: number;

  constructor(
    kind: AppErrorKind,
    message: string,
    options: { fieldErrors?: FieldError[]; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = "AppError";
    this.kind = kind;
    this.fieldErrors = options.fieldErrors ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get status(): number {
    return STATUS_BY_KIND[this.kind];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
