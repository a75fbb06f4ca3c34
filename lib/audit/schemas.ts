import { z } from "zod";

import { ZDbString } from "@/lib/db/columns";
import { fieldCodeOf, type FieldSay } from "@/lib/forms";

/**
 * The audit page's and the CSV export's filters, read from URL search params (a GET form). Empty
 * fields mean "no filter". Times are local to Europe/Berlin, as a datetime-local field sends them
 * (`2026-11-29T14:30`) or as a date (`2026-11-29`): `from` is inclusive from its first minute,
 * `to` inclusive up to the end of its minute (a bare date: to the end of that day).
 */

/** Rows per page on the audit page. */
export const AUDIT_PAGE_SIZE = 50;
/** Rows at most in one CSV export; the newest ones are kept. */
export const AUDIT_EXPORT_CAP = 100_000;

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/;
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const ACTOR = new RegExp(`^(system|(user|token):${UUID})$`);

/** A search param as one trimmed string, or undefined when absent or blank. */
function single(value: unknown): unknown {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first !== "string") return first;
  const trimmed = first.trim();
  return trimmed === "" ? undefined : trimmed;
}

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(single, schema.optional());

/** True for a calendar date and time that exist (no 30 February, no 24:00). */
function isRealLocalTime(value: string): boolean {
  const full = value.length === 10 ? `${value}T00:00` : value;
  const parsed = new Date(`${full}:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(full);
}

/** `2026-11-29` → `2026-11-29T00:00` (from) or `2026-11-29T23:59` (to). */
const localTime = (endOfDay: boolean) =>
  z
    .string()
    .regex(LOCAL_TIME, "YYYY-MM-DD or YYYY-MM-DDTHH:MM")
    .refine(isRealLocalTime, "not a valid date")
    .transform((v) => (v.length === 10 ? `${v}T${endOfDay ? "23:59" : "00:00"}` : v));

export const ZAuditFilter = z
  .object({
    /** `user:<id>`, `token:<id>` or `system`. */
    actor: optional(z.string().toLowerCase().regex(ACTOR, "user:<id>, token:<id> or system")),
    /** A prefix of the action: `token` or `token.` finds `token.created` and `token.revoked`. */
    action: optional(
      z
        .string()
        .toLowerCase()
        .max(100)
        .regex(/^[a-z0-9_.]+$/, "lowercase letters, digits, _ and ."),
    ),
    resourceType: optional(ZDbString.max(100)),
    resourceId: optional(ZDbString.max(200)),
    from: optional(localTime(false)),
    to: optional(localTime(true)),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    path: ["to"],
    message: "before from",
    params: { i18n: "toBeforeFrom" },
  });
export type TAuditFilter = z.infer<typeof ZAuditFilter>;

/** Keyset paging on the event id: `before` shows older events than it, `after` newer ones. */
export const ZAuditCursor = z.object({
  before: optional(z.string().regex(/^[1-9]\d{0,18}$/)),
  after: optional(z.string().regex(/^[1-9]\d{0,18}$/)),
});
export type TAuditCursor = z.infer<typeof ZAuditCursor>;

export const FILTER_KEYS = ["actor", "action", "resourceType", "resourceId", "from", "to"] as const;

export type SearchParams = Record<string, string | string[] | undefined>;

/** URLSearchParams or Next.js's searchParams record, as a record (null-prototype: the names are the
 *  request's, see lib/keys.ts). */
export function searchParamsRecord(params: URLSearchParams | SearchParams): SearchParams {
  if (!(params instanceof URLSearchParams)) return params;
  const record: SearchParams = Object.create(null);
  for (const key of new Set(params.keys())) record[key] = params.getAll(key);
  return record;
}

export type FilterParseResult =
  | { ok: true; filter: TAuditFilter; cursor: TAuditCursor }
  | { ok: false; fieldErrors: Record<string, string> };

/**
 * Filters and cursor from the URL; field errors by field name when a value does not fit, worded by
 * `say` (the page's: lib/i18n/fieldText.ts, in the reader's language), else zod's English.
 */
export function parseAuditSearch(params: URLSearchParams | SearchParams, say?: FieldSay): FilterParseResult {
  const record = searchParamsRecord(params);
  const filter = ZAuditFilter.safeParse(record, { reportInput: true });
  const cursor = ZAuditCursor.safeParse(record, { reportInput: true });
  if (filter.success && cursor.success) return { ok: true, filter: filter.data, cursor: cursor.data };
  const fieldErrors: Record<string, string> = {};
  for (const issue of [...(filter.error?.issues ?? []), ...(cursor.error?.issues ?? [])]) {
    const field = String(issue.path[0] ?? "_");
    fieldErrors[field] ??= say ? say(fieldCodeOf(issue), field) : issue.message;
  }
  return { ok: false, fieldErrors };
}

/**
 * The values to fill the filter form with: the parsed filter when it is valid (so a bare date shows
 * as the time it stands for), otherwise the raw, trimmed values of the URL, to be corrected.
 */
export function filterFormValues(
  params: SearchParams,
  filter?: TAuditFilter,
): Record<(typeof FILTER_KEYS)[number], string> {
  const values = {} as Record<(typeof FILTER_KEYS)[number], string>;
  for (const key of FILTER_KEYS) {
    const value = filter ? filter[key] : single(params[key]);
    values[key] = typeof value === "string" ? value : "";
  }
  return values;
}

/** The query string for a filter (and optionally a cursor): only the keys that are set. */
export function auditQueryString(filter: TAuditFilter, cursor: TAuditCursor = {}): string {
  const query = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filter[key];
    if (value) query.set(key, value);
  }
  if (cursor.before) query.set("before", cursor.before);
  if (cursor.after) query.set("after", cursor.after);
  const text = query.toString();
  return text ? `?${text}` : "";
}
