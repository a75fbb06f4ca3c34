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
  | "gone"
  | "payload_too_large"
  | "unsupported_media_type"
  | "unprocessable"
  | "rate_limited"
  | "unavailable"
  /** A vendor's circuit breaker is open: calls fail fast until it half-opens (problem type integration-unavailable). */
  | "integration_unavailable";

/**
 * Arguments of a message. A Date is formatted for the reader (date and time, their time zone).
 */
export type MessageParams = Record<string, string | number | Date>;

/**
 * What a user-facing text says, as a key into the messages (lib/i18n/messages, e.g.
 * `leads.errors.duplicate`) with its arguments: forms show it in the reader's language, while REST
 * answers keep the English `message` and name the code. A test checks every code has both texts.
 */
export interface MessageCode {
  code: string;
  params?: MessageParams;
}

export interface FieldError extends Partial<MessageCode> {
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
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
  integration_unavailable: 503,
};

export class AppError extends Error {
  readonly kind: AppErrorKind;
  readonly fieldErrors: FieldError[];
  readonly retryAfterSeconds?: number;
  /** The message as a key for the reader's language; the English `message` when absent. */
  readonly text?: MessageCode;

  constructor(
    kind: AppErrorKind,
    message: string,
    options: { fieldErrors?: FieldError[]; retryAfterSeconds?: number; text?: MessageCode } = {},
  ) {
    super(message);
    this.name = "AppError";
    this.kind = kind;
    this.fieldErrors = options.fieldErrors ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.text = options.text;
  }

  get status(): number {
    return STATUS_BY_KIND[this.kind];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
