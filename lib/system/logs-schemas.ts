import { z } from "zod";

/**
 * The Logs page and GET /api/v1/system/logs (issue 15, "Logs"): the app's warnings and errors
 * stored in app_log, filtered; their rate over time; the top groups by fingerprint; the latest lines;
 * and this instance's slow routes.
 */

export const LOG_LEVELS = ["warn", "error"] as const;
export const LOG_HOURS = [1, 6, 24, 168, 720] as const;
export type TLogHours = (typeof LOG_HOURS)[number];
/** How many lines the answer lists at most (the groups and the rate count them all). */
export const LOG_LINES = 100;

export const ZLogQuery = z
  .object({
    q: z.string().trim().max(100).optional().describe("Text the message contains (case-insensitive)"),
    level: z.enum(LOG_LEVELS).optional(),
    route: z
      .string()
      .trim()
      .max(300)
      .optional()
      .describe("The route exactly, e.g. `GET /leads/{id}` or `job lead-protection-daily`"),
    org: z
      .enum(["this", "all", "none"])
      .default("this")
      .describe(
        "This organisation's lines; `all` and `none` (lines of no organisation) for the operator's admins only",
      ),
    hours: z
      .enum(["1", "6", "24", "168", "720"])
      .default("24")
      .transform((h) => Number(h) as TLogHours)
      .describe("How far back, in hours"),
    fingerprint: z
      .string()
      .regex(/^[0-9a-f]{40}$/)
      .optional()
      .describe("Only the lines of one group"),
  })
  .strict();
export type TLogQuery = z.infer<typeof ZLogQuery>;

export const ZLogBucket = z.object({
  at: z.iso.datetime().describe("Start of the bucket (an hour, or a day for 7 days and more)"),
  errors: z.number().int(),
  warnings: z.number().int(),
});

export const ZLogGroup = z.object({
  fingerprint: z.string(),
  level: z.enum(LOG_LEVELS).describe("The group's highest level"),
  message: z.string().describe("Its latest line's message"),
  location: z.string().nullable(),
  route: z.string().nullable().describe("Its latest line's route"),
  count: z.number().int(),
  firstSeen: z.iso.datetime(),
  lastSeen: z.iso.datetime(),
});

export const ZLogLine = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  level: z.enum(LOG_LEVELS),
  message: z.string(),
  fingerprint: z.string(),
  location: z.string().nullable(),
  route: z.string().nullable(),
  status: z.number().int().nullable(),
  requestId: z.string().nullable(),
  orgId: z.uuid().nullable(),
});

export const ZRouteTiming = z.object({
  route: z.string(),
  count: z.number().int(),
  errors: z.number().int(),
  sample: z.number().int(),
  p50Ms: z.number(),
  p95Ms: z.number(),
  maxMs: z.number(),
});

export const ZLogReport = z
  .object({
    asOf: z.iso.datetime(),
    from: z.iso.datetime(),
    bucket: z.enum(["hour", "day"]),
    rate: z.array(ZLogBucket),
    groups: z.array(ZLogGroup).describe("The 20 largest groups, largest first"),
    lines: z.array(ZLogLine).describe(`The latest ${LOG_LINES} lines, newest first`),
    total: z.number().int().describe("How many lines match"),
    routes: z.array(z.string()).describe("Routes that logged in the period, for the filter"),
    slowRoutes: z.object({
      since: z.iso.datetime().describe("When this instance started counting"),
      routes: z.array(ZRouteTiming),
    }),
  })
  .meta({ id: "LogReport" });

export type TLogBucket = z.infer<typeof ZLogBucket>;
export type TLogGroup = z.infer<typeof ZLogGroup>;
export type TLogLine = z.infer<typeof ZLogLine>;
export type TLogReport = z.infer<typeof ZLogReport>;
