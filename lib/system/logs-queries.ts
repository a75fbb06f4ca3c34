import "server-only";

import { Prisma, type Tx } from "@/lib/db";

import { LOG_LINES, type TLogBucket, type TLogGroup, type TLogLine, type TLogQuery } from "./logs-schemas";

/**
 * The Logs page's reads of app_log, in the caller's context: row-level security shows an
 * organisation's admins and auditors its own lines, the operator's admins every line; the filter
 * narrows further (`org`), so a filter can never widen what RLS allows.
 */

export interface LogFilter extends Omit<TLogQuery, "org"> {
  /** The organisation whose lines, null for lines of no organisation, undefined for all. */
  orgId: string | null | undefined;
  from: Date;
}

const like = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function where(f: LogFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`at >= ${f.from}`];
  if (f.orgId === null) parts.push(Prisma.sql`org_id IS NULL`);
  else if (f.orgId !== undefined) parts.push(Prisma.sql`org_id = ${f.orgId}::uuid`);
  if (f.level) parts.push(Prisma.sql`level = ${f.level}`);
  if (f.route) parts.push(Prisma.sql`route = ${f.route}`);
  if (f.fingerprint) parts.push(Prisma.sql`fingerprint = ${f.fingerprint}`);
  if (f.q) parts.push(Prisma.sql`message ILIKE ${like(f.q)}`);
  return Prisma.join(parts, " AND ");
}

export async function logRate(tx: Tx, f: LogFilter, bucket: "hour" | "day"): Promise<TLogBucket[]> {
  const rows = await tx.$queryRaw<{ at: Date; errors: number; warnings: number }[]>`
    SELECT b.at, coalesce(c.errors, 0)::int AS errors, coalesce(c.warnings, 0)::int AS warnings
    FROM generate_series(date_trunc(${bucket}, ${f.from}::timestamptz), now(), ${`1 ${bucket}`}::interval) AS b(at)
    LEFT JOIN (
      SELECT date_trunc(${bucket}, at) AS at,
             count(*) FILTER (WHERE level = 'error') AS errors,
             count(*) FILTER (WHERE level = 'warn') AS warnings
      FROM app_log WHERE ${where(f)} GROUP BY 1
    ) c ON c.at = b.at
    ORDER BY b.at`;
  return rows.map((r) => ({ at: r.at.toISOString(), errors: r.errors, warnings: r.warnings }));
}

export async function logGroups(tx: Tx, f: LogFilter, limit = 20): Promise<TLogGroup[]> {
  const rows = await tx.$queryRaw<
    {
      fingerprint: string;
      level: "warn" | "error";
      message: string;
      location: string | null;
      route: string | null;
      count: number;
      first_seen: Date;
      last_seen: Date;
    }[]
  >`
    SELECT fingerprint,
           CASE WHEN bool_or(level = 'error') THEN 'error' ELSE 'warn' END AS level,
           (array_agg(message ORDER BY at DESC, id DESC))[1] AS message,
           (array_agg(location ORDER BY at DESC, id DESC))[1] AS location,
           (array_agg(route ORDER BY at DESC, id DESC))[1] AS route,
           count(*)::int AS count, min(at) AS first_seen, max(at) AS last_seen
    FROM app_log WHERE ${where(f)}
    GROUP BY fingerprint
    ORDER BY count(*) DESC, max(at) DESC
    LIMIT ${limit}`;
  return rows.map((r) => ({
    fingerprint: r.fingerprint,
    level: r.level,
    message: r.message,
    location: r.location,
    route: r.route,
    count: r.count,
    firstSeen: r.first_seen.toISOString(),
    lastSeen: r.last_seen.toISOString(),
  }));
}

export async function logLines(tx: Tx, f: LogFilter): Promise<{ lines: TLogLine[]; total: number }> {
  const rows = await tx.$queryRaw<
    {
      id: bigint;
      at: Date;
      level: "warn" | "error";
      message: string;
      fingerprint: string;
      location: string | null;
      route: string | null;
      status: number | null;
      request_id: string | null;
      org_id: string | null;
    }[]
  >`
    SELECT id, at, level, message, fingerprint, location, route, status, request_id, org_id::text
    FROM app_log WHERE ${where(f)} ORDER BY at DESC, id DESC LIMIT ${LOG_LINES}`;
  const [{ total }] = await tx.$queryRaw<{ total: number }[]>`
    SELECT count(*)::int AS total FROM app_log WHERE ${where(f)}`;
  return {
    total,
    lines: rows.map((r) => ({
      id: String(r.id),
      at: r.at.toISOString(),
      level: r.level,
      message: r.message,
      fingerprint: r.fingerprint,
      location: r.location,
      route: r.route,
      status: r.status,
      requestId: r.request_id,
      orgId: r.org_id,
    })),
  };
}

/** The routes that logged in the period (whatever the other filters), for the route filter. */
export async function logRoutes(tx: Tx, f: LogFilter): Promise<string[]> {
  const rows = await tx.$queryRaw<{ route: string }[]>`
    SELECT DISTINCT route FROM app_log
    WHERE ${where({ ...f, route: undefined, q: undefined, fingerprint: undefined, level: undefined })} AND route IS NOT NULL
    ORDER BY route LIMIT 100`;
  return rows.map((r) => r.route);
}
