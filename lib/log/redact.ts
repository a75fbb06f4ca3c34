/**
 * What a log line must never carry in clear (issue 15, "Logs"): tokens, secrets, passwords and
 * personal data. Two walls: pino's `redact` drops fields by name (REDACT_PATHS: an `authorization`
 * header, a `password`, an `email` …), and `scrub` rewrites every string that is logged — messages,
 * field values, error messages and stacks — so an e-mail address or a token inside a sentence goes
 * too. Ids (UUIDs) stay: they are what an operator searches for.
 */

const SECRET_FIELDS = [
  "password",
  "passwordHash",
  "token",
  "accessToken",
  "refreshToken",
  "secret",
  "apiKey",
  "authorization",
  "cookie",
  "email",
  "recipientEmail",
  "phone",
];

/** pino's redaction paths: the fields themselves, one level down, and request/response headers. */
export const REDACT_PATHS = [
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((f) => `*.${f}`),
  "headers.authorization",
  "headers.cookie",
  'headers["set-cookie"]',
  "req.headers.authorization",
  "req.headers.cookie",
];

export const REDACTED = "[redacted]";

/** Ids are kept, also inside a run like `job-<uuid>`: what is left besides them must still be short. */
const UUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const BEARER = /\b(Bearer|Basic)\s+[^\s"',;]+/gi;
const KEY_VALUE =
  /\b(password|passwd|pwd|token|secret|api[_-]?key|access[_-]?key|signature)(["']?\s*[=:]\s*["']?)[^\s"'&,;]+/gi;
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/:@]+:[^\s/@]+@/gi;
/** A long run of token-like characters (our tokens, keys, hashes, signed links): never an id or a word. */
const LONG_TOKEN = /[A-Za-z0-9_\-+=]{32,}/g;

/** A string as it may be logged: e-mails, credentials and token-like runs replaced. */
export function scrub(text: string): string {
  return text
    .replace(URL_CREDENTIALS, `$1${REDACTED}@`)
    .replace(BEARER, `$1 ${REDACTED}`)
    .replace(KEY_VALUE, `$1$2${REDACTED}`)
    .replace(EMAIL, "[email]")
    .replace(LONG_TOKEN, (run) => (run.replace(UUIDS, "").length < 32 ? run : REDACTED));
}

/** Every string of a plain value scrubbed, at most `depth` levels down; other values as they are. */
export function scrubDeep(value: unknown, depth = 4): unknown {
  if (typeof value === "string") return scrub(value);
  if (value === null || typeof value !== "object") return value;
  // Deeper than anyone logs on purpose: left out rather than written unscrubbed.
  if (depth <= 0) return "[nested]";
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, depth - 1));
  if (value instanceof Error || value instanceof Date) return value;
  const out: Record<string, unknown> = Object.create(null);
  for (const [key, v] of Object.entries(value)) out[key] = scrubDeep(v, depth - 1);
  return out;
}
