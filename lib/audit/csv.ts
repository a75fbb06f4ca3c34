/**
 * CSV as RFC 4180 writes it (comma, CRLF, fields with `"`, `,`, CR or LF quoted, quotes doubled),
 * made safe to open in a spreadsheet: a cell that begins like a formula (= + - @, or a tab or CR
 * that some spreadsheets skip before one) gets a leading `'`, so it is shown as text and never
 * evaluated (OWASP "CSV Injection"). The UTF-8 BOM makes Excel read the file as UTF-8.
 */
export const UTF8_BOM = "\uFEFF";
export const CSV_LINE_END = "\r\n";

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export type CsvValue = string | number | boolean | null | undefined;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(",") + CSV_LINE_END;
}

/** `2026-11-29 14:30:05`: wall-clock time in Europe/Berlin, sortable, as spreadsheets read it. */
const BERLIN = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Berlin",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

export function berlinTime(date: Date): string {
  const part = Object.fromEntries(BERLIN.formatToParts(date).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`;
}

/** The columns of an audit export; stable names for scripts, so they are not translated. */
export const AUDIT_CSV_HEADER = [
  "id",
  "time_utc",
  "time_europe_berlin",
  "actor_type",
  "actor_id",
  "actor_name",
  "action",
  "resource_type",
  "resource_id",
  "request_id",
  "ip",
  "before",
  "after",
  "prev_hash",
  "hash",
] as const;

export interface AuditCsvEvent {
  id: string;
  createdAt: Date;
  actorType: string;
  actorId: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  requestId: string | null;
  ip: string | null;
  before: unknown;
  after: unknown;
  prevHash: string;
  hash: string;
}

const json = (value: unknown) => (value === null || value === undefined ? "" : JSON.stringify(value));

/** One event as the values of AUDIT_CSV_HEADER; the actor's name when they are a known member. */
export function auditCsvRecord(event: AuditCsvEvent, memberNames: ReadonlyMap<string, string>): string[] {
  const actorName = event.actorType === "user" && event.actorId ? (memberNames.get(event.actorId) ?? "") : "";
  return [
    event.id,
    event.createdAt.toISOString(),
    berlinTime(event.createdAt),
    event.actorType,
    event.actorId ?? "",
    actorName,
    event.action,
    event.resourceType,
    event.resourceId ?? "",
    event.requestId ?? "",
    event.ip ?? "",
    json(event.before),
    json(event.after),
    event.prevHash,
    event.hash,
  ];
}
