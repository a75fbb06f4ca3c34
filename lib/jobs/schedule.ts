import { Cron } from "croner";

import { JOB_TIME_ZONE } from "./definition";

/**
 * The first time after `after` (exclusive) that `cron` fires, read in `timeZone`, or null if it
 * never fires again. Daylight saving time as in Vixie cron: a fixed time inside the spring-forward
 * gap runs right after the gap, a fixed time that occurs twice in autumn runs once; interval
 * schedules (every 15 minutes) keep their pace in real time. Throws on an invalid pattern or zone.
 */
export function nextRunAt(cron: string, after: Date, timeZone: string = JOB_TIME_ZONE): Date | null {
  return new Cron(cron, { timezone: timeZone, paused: true }).nextRun(after);
}

/** The schedule as Inngest takes it: the time zone in the cron string. */
export function inngestCron(cron: string, timeZone: string = JOB_TIME_ZONE): string {
  return `TZ=${timeZone} ${cron}`;
}
